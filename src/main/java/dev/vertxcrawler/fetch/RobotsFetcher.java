package dev.vertxcrawler.fetch;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;

/**
 * Fetches and parses an origin's robots.txt per RFC 9309 through our own {@link Fetcher} (same timeouts
 * and caps). The first 500 KiB are parsed — by crawler-commons, on a worker thread — and the rest ignored;
 * up to five redirects are followed; the rules always apply to the original origin.
 */
public final class RobotsFetcher {
  public static final int MAX_BYTES = 500 * 1024;
  public static final int MAX_REDIRECTS = 5;

  private final Vertx vertx;
  private final Fetcher fetcher;
  private final String robotsToken;
  private final boolean disallowOn401403;

  public RobotsFetcher(Vertx vertx, Fetcher fetcher, String robotsToken, boolean disallowOn401403) {
    this.vertx = vertx;
    this.fetcher = fetcher;
    this.robotsToken = robotsToken;
    this.disallowOn401403 = disallowOn401403;
  }

  public static String robotsUrl(String origin) {
    return origin + "/robots.txt";
  }

  /** Fetches {@code origin}/robots.txt; {@code onRequest} runs as each request (each redirect hop) goes out. */
  public Future<RobotsAnswer> fetch(String origin, Runnable onRequest) {
    return fetchHop(robotsUrl(origin), 0, onRequest);
  }

  private Future<RobotsAnswer> fetchHop(String url, int redirects, Runnable onRequest) {
    return fetcher.fetch(FetchRequest.of(url, BodyPolicy.truncated(MAX_BYTES)).onStart(onRequest)).compose(result -> {
      if (!result.complete() && isBlocked(result.error())) {
        // The origin itself is refused; a redirect hop that is refused is simply not followed (as a 4xx).
        return Future.succeededFuture(redirects == 0
            ? new RobotsAnswer(RobotsAnswer.Kind.BLOCKED, null, "error", null, result.error(), url)
            : new RobotsAnswer(RobotsAnswer.Kind.ALLOW_ALL,
                new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), "error", null, result.error(), url));
      }
      if (!result.complete() && redirects == 0 && FetchErrors.isCertificate(result.error())) {
        return Future.succeededFuture(new RobotsAnswer(RobotsAnswer.Kind.CERTIFICATE, null, "error", null,
            result.error(), url));
      }
      if (!result.complete() && redirects == 0 && FetchErrors.DNS_NXDOMAIN.equals(result.error())) {
        return Future.succeededFuture(new RobotsAnswer(RobotsAnswer.Kind.NO_SUCH_HOST, null, "error", null,
            result.error(), url));
      }
      if (!result.complete()) {
        return Future.succeededFuture(new RobotsAnswer(RobotsAnswer.Kind.UNREACHABLE, null, "error", null,
            result.error(), url));
      }
      int status = result.status();
      String statusClass = (status / 100) + "xx";
      if (status >= 200 && status < 300) {
        byte[] content = result.body() == null ? new byte[0] : result.body().getBytes();
        String contentType = result.contentType();
        return vertx.executeBlocking(() -> parse(url, content, contentType), false)
            .map(rules -> new RobotsAnswer(RobotsAnswer.Kind.RULES, rules, statusClass, status, null, url));
      }
      if (status >= 300 && status < 400) {
        String next = resolve(url, result.location());
        if (next == null || redirects >= MAX_REDIRECTS) {
          // RFC 9309 §2.3.1.2: past five redirects the file MAY be taken as unavailable (4xx: allow all).
          return Future.succeededFuture(allowAll(statusClass, status, url));
        }
        return fetchHop(next, redirects + 1, onRequest);
      }
      if (status == 429 || status >= 500) {
        return Future.succeededFuture(new RobotsAnswer(RobotsAnswer.Kind.UNREACHABLE, null, statusClass, status,
            null, url));
      }
      if ((status == 401 || status == 403) && disallowOn401403) {
        return Future.succeededFuture(new RobotsAnswer(RobotsAnswer.Kind.DISALLOW_ALL,
            new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), statusClass, status, null, url));
      }
      return Future.succeededFuture(allowAll(statusClass, status, url));
    });
  }

  private static boolean isBlocked(String error) {
    return FetchErrors.BLOCKED_ADDRESS.equals(error) || FetchErrors.BLOCKED_PORT.equals(error);
  }

  private static RobotsAnswer allowAll(String statusClass, int status, String url) {
    return new RobotsAnswer(RobotsAnswer.Kind.ALLOW_ALL,
        new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), statusClass, status, null, url);
  }

  /** Blocking (crawler-commons parse): worker threads only. */
  private SimpleRobotRules parse(String url, byte[] content, String contentType) {
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    // We cap Crawl-delay ourselves (politeness.maxCrawlDelayMs); the parser must not turn it into "defer".
    parser.setMaxCrawlDelay(Long.MAX_VALUE);
    return parser.parseContent(url, content, contentType == null ? "text/plain" : contentType, List.of(robotsToken));
  }

  private static String resolve(String base, String location) {
    if (location == null || location.isBlank()) {
      return null;
    }
    try {
      String target = URI.create(base).resolve(location.strip()).toString();
      return target.startsWith("http://") || target.startsWith("https://") ? target : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
