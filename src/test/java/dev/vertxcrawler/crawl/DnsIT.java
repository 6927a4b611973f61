package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.NetworkConfig;
import dev.vertxcrawler.fetch.AddressGuard;
import dev.vertxcrawler.fetch.FetchErrors;
import dev.vertxcrawler.fetch.FetchRequest;
import dev.vertxcrawler.fetch.FetchResult;
import dev.vertxcrawler.fetch.Fetcher;
import dev.vertxcrawler.fetch.Resolvers;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.FrontierStores;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.Dnsmasq;
import dev.vertxcrawler.testing.Routes;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS failures against a real DNS server on loopback ({@link Dnsmasq}): a crawl's Vertx built with the crawl's
 * resolver options ({@link Resolvers}, network.dnsServers = the dnsmasq), names that exist, do not exist
 * (NXDOMAIN), whose server fails (SERVFAIL), refuses (REFUSED) or never answers (timeout). Each kind is
 * recorded on the lookup the client makes itself (a seed's origin, exempt from the address guard) and on the
 * guard's own, and a crawl of them all finishes promptly with the good hosts fully crawled.
 */
@ExtendWith(VertxExtension.class)
class DnsIT {
  static final int DNS_TIMEOUT_MS = 500;
  static final int DNS_UNAVAILABLE_MAX_MS = 2_000;

  @TempDir
  static Path dir;
  static Dnsmasq dns;
  static Vertx vertx;
  static TestServer site;

  @BeforeAll
  static void startDnsmasqAndASiteForEveryName() throws Exception {
    dns = Dnsmasq.start(dir);
    vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(Resolvers.options(config().network())));
    Routes routes = new Routes().page("/", "/a", "/b").page("/a", "/b").page("/b");
    site = TestServer.start(vertx, routes).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (dns != null) {
      dns.close();
    }
  }

  /** Quick DNS timeouts and robots.txt retries; the general robots bound far above the DNS one. */
  static CrawlConfig config(String... more) {
    List<String> overrides = new java.util.ArrayList<>(List.of("network.dnsServers=" + dns.server(),
        "network.dnsTimeoutMs=" + DNS_TIMEOUT_MS, "network.dnsUnavailableMaxMs=" + DNS_UNAVAILABLE_MAX_MS,
        "politeness.robotsRetryMs=100", "politeness.robotsUnavailableMaxMs=60000", "sitemaps.enabled=false",
        "http.retries=0"));
    overrides.addAll(List.of(more));
    return CrawlHarness.config(overrides.toArray(String[]::new));
  }

  static String url(String host, String path) {
    return "http://" + host + ":" + site.port() + path;
  }

  @Test
  void eachFailureIsRecordedByKindOnTheClientsLookupAndOnTheGuards(VertxTestContext ctx) {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("good.broad.test", null);
    expected.put("gone.broad.test", FetchErrors.DNS_NXDOMAIN);
    expected.put(Dnsmasq.SERVFAIL, FetchErrors.DNS_SERVFAIL);
    expected.put(Dnsmasq.REFUSED, FetchErrors.DNS);
    expected.put(Dnsmasq.TIMEOUT, FetchErrors.DNS_TIMEOUT);
    CrawlConfig config = config();
    // Guard off: the HttpClient resolves (as for a seed's origin). Guard on, loopback allowed: the guard resolves.
    Fetcher client = new Fetcher(vertx, config.http(), "t", 1);
    Fetcher guarded = new Fetcher(vertx, config.http(), "t", 1,
        new AddressGuard(vertx, new NetworkConfig(true, List.of("127.0.0.0/8"), List.of())));
    List<Future<FetchResult>> results = new java.util.ArrayList<>();
    for (Fetcher fetcher : List.of(client, guarded)) {
      for (String host : expected.keySet()) {
        results.add(fetcher.fetch(FetchRequest.page(url(host, "/"))));
      }
    }
    Future.all(results).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      int i = 0;
      for (String path : List.of("client", "guard")) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
          FetchResult result = results.get(i++).result();
          assertEquals(e.getValue(), result.error(), path + " lookup of " + e.getKey());
          if (e.getValue() == null) {
            assertEquals(200, result.status());
          }
        }
      }
      ctx.completeNow();
    })));
  }

  @Test
  void aCrawlOfFailingNamesFinishesPromptlyWithTheGoodHostsFullyCrawled(VertxTestContext ctx,
      @TempDir Path out) {
    // Seeds' origins are resolved by the client; the links to other hosts by the guard (loopback allowed).
    Routes links = new Routes().page("/", "/a", "/b", url("linked.broad.test", "/"), url("nowhere.broad.test", "/"))
        .page("/a", "/b").page("/b");
    CrawlConfig config = config("scope.hosts=any", "network.allow=127.0.0.0/8", "workers=4");
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    ConsoleLog log = new ConsoleLog(new PrintStream(logged, true, StandardCharsets.UTF_8), true);
    long start = System.nanoTime();
    TestServer.start(vertx, links).compose(linking -> {
      // the linking site answers under its own port: the seeds name it
      List<String> seeds = List.of("http://good.broad.test:" + linking.port() + "/",
          url("gone.broad.test", "/"), url(Dnsmasq.SERVFAIL, "/"), url(Dnsmasq.TIMEOUT, "/"), url(Dnsmasq.REFUSED, "/"));
      CrawlerVerticle crawler = new CrawlerVerticle(config, new SeedSource(vertx, seeds, List.of()),
          new CrawlOutput(vertx, out), FrontierStores.create(vertx, config, out, false), log);
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out).map(pages -> new CrawlHarness.Result(summary, pages)))
          .compose(result -> vertx.executeBlocking(() -> {
            log.drain();
            return result;
          }))
          .map(result -> {
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            ctx.verify(() -> {
              String logText = logged.toString(StandardCharsets.UTF_8);
              JsonObject summary = result.summary();
              assertEquals("finished", summary.getString("finishReason"));
              for (String path : List.of("/", "/a", "/b")) {
                assertEquals("fetched", page(result, "http://good.broad.test:" + linking.port() + path));
                assertEquals("fetched", page(result, url("linked.broad.test", path)), "guard-resolved " + path);
              }
              JsonObject gone = record(result, url("gone.broad.test", "/"));
              assertEquals("skipped", gone.getString("outcome"));
              assertEquals(FetchErrors.DNS_NXDOMAIN, gone.getString("error"));
              assertEquals(FetchErrors.DNS_NXDOMAIN, record(result, url("nowhere.broad.test", "/")).getString("error"));
              assertEquals(FetchErrors.DNS_SERVFAIL, record(result, url(Dnsmasq.SERVFAIL, "/")).getString("error"));
              assertEquals(FetchErrors.DNS_TIMEOUT, record(result, url(Dnsmasq.TIMEOUT, "/")).getString("error"));
              assertEquals(FetchErrors.DNS, record(result, url(Dnsmasq.REFUSED, "/")).getString("error"));
              assertEquals(new JsonObject().put("dns", 1).put("dns-nxdomain", 2).put("dns-servfail", 1)
                  .put("dns-timeout", 1), summary.getJsonObject("skipCounts"));
              assertEquals(new JsonObject(), summary.getJsonObject("errorCounts"), "a skip is no failed page");
              assertEquals(3L, summary.getJsonObject("robots").getLong("unavailable"), "the transient three");
              // NXDOMAIN: given up at its first answer, one line each, never retried.
              assertEquals(1, count(logText, "gone.broad.test:" + site.port() + " does not exist (NXDOMAIN)"), logText);
              assertEquals(0, count(logText, "gone.broad.test:" + site.port() + " robots.txt unreachable"), logText);
              assertTrue(count(logText, Dnsmasq.TIMEOUT + ":" + site.port() + " robots.txt unreachable (dns-timeout)")
                  >= 2, "a DNS timeout is retried: " + logText);
              // Bounded by network.dnsUnavailableMaxMs, not by politeness.robotsUnavailableMaxMs (60 s).
              assertTrue(tookMs < 20_000, "the crawl took " + tookMs + " ms");
              // The failing hosts did not hold the good ones: those were done before the first give-up could be.
              long firstGood = linking.arrivals().get(0).atMs();
              long lastGood = linking.arrivals().get(linking.arrivals().size() - 1).atMs();
              assertTrue(lastGood - firstGood < DNS_UNAVAILABLE_MAX_MS,
                  "the good hosts took " + (lastGood - firstGood) + " ms while the failing ones were retried");
            });
            return result;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  private static JsonObject record(CrawlHarness.Result result, String url) {
    JsonObject page = result.pages().stream().filter(p -> p.getString("url").equals(url)).findFirst().orElse(null);
    assertNotNull(page, "a record for " + url + " in " + result.pages());
    return page;
  }

  private static String page(CrawlHarness.Result result, String url) {
    return record(result, url).getString("outcome");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }
}
