package dev.vertxcrawler.frontier;

import crawlercommons.domains.EffectiveTldFinder;
import dev.vertxcrawler.config.ScopeConfig;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URLs the crawl may follow: hosts (the seeds' origins, their registrable domains via crawler-commons'
 * {@link EffectiveTldFinder}, or any), include and exclude regexes on the canonical URL, and a URL length cap.
 * {@link #check} is safe on any thread (links are filtered on worker threads, next to the parse).
 */
public final class Scope {
  private final String hostsMode;
  private final List<Pattern> include;
  private final List<Pattern> exclude;
  private final int maxUrlLength;
  private final int maxPathRepeats;
  private final int maxPathDepth;
  private final Set<String> allowed = java.util.concurrent.ConcurrentHashMap.newKeySet(); // read off-loop

  public Scope(ScopeConfig config) {
    this.hostsMode = config.hosts();
    this.include = config.include().stream().map(Pattern::compile).toList();
    this.exclude = config.exclude().stream().map(Pattern::compile).toList();
    this.maxUrlLength = config.maxUrlLength();
    this.maxPathRepeats = config.maxPathRepeats();
    this.maxPathDepth = config.maxPathDepth();
  }

  /** A seed's origin widens the host scope. */
  public void addSeedOrigin(String origin) {
    allowed.add(hostKey(origin));
  }

  /** Null when the URL is in scope, else the reason it is not. */
  public FilterReason check(String canonical, String origin) {
    if (canonical.length() > maxUrlLength) {
      return FilterReason.URL_LENGTH;
    }
    if (!hostsMode.equals("any") && !allowed.contains(hostKey(origin))) {
      return FilterReason.SCOPE;
    }
    FilterReason trap = pathTrap(canonical, origin.length());
    if (trap != null) {
      return trap;
    }
    if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(canonical).find())) {
      return FilterReason.INCLUDE;
    }
    if (exclude.stream().anyMatch(p -> p.matcher(canonical).find())) {
      return FilterReason.EXCLUDE;
    }
    return null;
  }

  /**
   * Crawler traps in the path: a segment repeated more than {@code maxPathRepeats} times (/a/b/a/b/a/…,
   * relative links that keep appending themselves) or more than {@code maxPathDepth} segments.
   */
  private FilterReason pathTrap(String canonical, int pathStart) {
    int end = canonical.length();
    int query = canonical.indexOf('?', pathStart);
    if (query >= 0) {
      end = query;
    }
    String path = canonical.substring(pathStart, end);
    if (path.length() < 2) {
      return null;
    }
    String[] segments = path.substring(1).split("/");
    if (segments.length > maxPathDepth) {
      return FilterReason.PATH_DEPTH;
    }
    if (segments.length > maxPathRepeats) {
      java.util.Map<String, Integer> seen = new java.util.HashMap<>();
      for (String segment : segments) {
        if (!segment.isEmpty() && seen.merge(segment, 1, Integer::sum) > maxPathRepeats) {
          return FilterReason.PATH_REPEATS;
        }
      }
    }
    return null;
  }

  private String hostKey(String origin) {
    if (!hostsMode.equals("domains")) {
      return origin;
    }
    String host = UrlCanonicalizer.host(origin).toLowerCase(Locale.ROOT);
    String domain = EffectiveTldFinder.getAssignedDomain(host, true, false);
    return domain == null ? host : domain;
  }
}
