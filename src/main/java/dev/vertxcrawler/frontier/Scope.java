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
  private final ScopeConfig.Hosts hostsMode;
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

  /** Whether the hosts rule lets this (canonical) origin in. */
  public boolean inHosts(String origin) {
    return hostsMode == ScopeConfig.Hosts.ANY || allowed.contains(hostKey(origin));
  }

  /** Null when the URL is in scope, else the reason it is not. */
  public FilterReason check(String canonical, String origin) {
    if (canonical.length() > maxUrlLength) {
      return FilterReason.URL_LENGTH;
    }
    if (!inHosts(origin)) {
      return FilterReason.SCOPE;
    }
    FilterReason trap = pathTrap(canonical, origin.length());
    if (trap != null) {
      return trap;
    }
    if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(canonical).find())) {
      return FilterReason.INCLUDE;
    }
    for (Pattern p : exclude) {
      if (p.matcher(canonical).find()) {
        return FilterReason.EXCLUDE;
      }
    }
    return null;
  }

  /**
   * Crawler traps in the path: a segment repeated more than {@code maxPathRepeats} times (/a/b/a/b/a/…,
   * relative links that keep appending themselves) or more than {@code maxPathDepth} segments.
   */
  private FilterReason pathTrap(String canonical, int pathStart) {
    int end = canonical.indexOf('?', pathStart);
    if (end < 0) {
      end = canonical.length();
    }
    if (end - pathStart < 2) {
      return null;
    }
    int last = end; // as String.split counts them: trailing empty segments do not count
    while (last > pathStart + 1 && canonical.charAt(last - 1) == '/') {
      last--;
    }
    int segments = last == pathStart + 1 ? 0 : 1; // counted without splitting: this runs for every link
    for (int i = pathStart + 1; i < last; i++) {
      if (canonical.charAt(i) == '/') {
        segments++;
      }
    }
    if (segments > maxPathDepth) {
      return FilterReason.PATH_DEPTH;
    }
    if (segments > maxPathRepeats && repeatsTooOften(canonical, pathStart + 1, end)) {
      return FilterReason.PATH_REPEATS;
    }
    return null;
  }

  /**
   * Whether a non-empty segment of {@code url[from, end)} occurs more than {@code maxPathRepeats} times.
   * Compared in place, segment against later segment (a path has a handful): no split, no map, no boxing.
   */
  boolean repeatsTooOften(String url, int from, int end) {
    for (int aStart = from; aStart < end; ) {
      int aEnd = segmentEnd(url, aStart, end);
      int length = aEnd - aStart;
      if (length > 0) {
        int count = 1;
        for (int bStart = aEnd + 1; bStart < end; ) {
          int bEnd = segmentEnd(url, bStart, end);
          if (bEnd - bStart == length && url.regionMatches(aStart, url, bStart, length) && ++count > maxPathRepeats) {
            return true;
          }
          bStart = bEnd + 1;
        }
      }
      aStart = aEnd + 1;
    }
    return false;
  }

  private static int segmentEnd(String url, int start, int end) {
    int slash = url.indexOf('/', start);
    return slash < 0 || slash > end ? end : slash;
  }

  private String hostKey(String origin) {
    if (hostsMode != ScopeConfig.Hosts.DOMAINS) {
      return origin;
    }
    String known = domainKeys.get(origin);
    if (known != null) {
      return known;
    }
    String host = UrlCanonicalizer.host(origin).toLowerCase(Locale.ROOT);
    String domain = EffectiveTldFinder.getAssignedDomain(host, true, false);
    String key = domain == null ? host : domain;
    if (domainKeys.size() >= MAX_DOMAIN_KEYS) {
      domainKeys.clear(); // a cache, not a registry: a crawl across millions of hosts must not grow it
    }
    domainKeys.put(origin, key);
    return key;
  }

  /** Origin → registrable domain (scope.hosts domains): the suffix lookup is done once per origin, not per link. */
  private final java.util.Map<String, String> domainKeys = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_DOMAIN_KEYS = 10_000;
}
