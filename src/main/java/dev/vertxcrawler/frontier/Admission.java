package dev.vertxcrawler.frontier;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The single door into the frontier: canonical form, scope (the seeds' origins), depth and dedup. Seeds,
 * links and redirect targets all come through here. Event-loop only; keeps the seen-set in memory.
 */
public final class Admission {
  private final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();
  private final Set<String> seen = new HashSet<>();
  private final Set<String> scopeOrigins = new HashSet<>();
  private final Map<FilterReason, Long> filtered = new EnumMap<>(FilterReason.class);
  private final int maxDepth;

  public Admission(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /** A seed widens the scope to its origin and is admitted at depth 0. */
  public CrawlTask admitSeed(String url) {
    String canonical = canonicalizer.canonical(url);
    if (canonical == null) {
      count(UrlCanonicalizer.isHttp(url == null ? "" : url) ? FilterReason.INVALID : FilterReason.SCHEME);
      return null;
    }
    String origin = UrlCanonicalizer.origin(canonical);
    scopeOrigins.add(origin);
    return admitCanonical(canonical, origin, 0, null);
  }

  /** A link or redirect target found on {@code referrer}; null when filtered (the reason is counted). */
  public CrawlTask admitLink(String absoluteUrl, int depth, String referrer) {
    String canonical = canonicalizer.canonical(absoluteUrl);
    if (canonical == null) {
      count(UrlCanonicalizer.isHttp(absoluteUrl) ? FilterReason.INVALID : FilterReason.SCHEME);
      return null;
    }
    String origin = UrlCanonicalizer.origin(canonical);
    if (!scopeOrigins.contains(origin)) {
      count(FilterReason.SCOPE);
      return null;
    }
    if (depth > maxDepth) {
      count(FilterReason.DEPTH);
      return null;
    }
    return admitCanonical(canonical, origin, depth, referrer);
  }

  private CrawlTask admitCanonical(String canonical, String origin, int depth, String referrer) {
    if (!seen.add(canonical)) {
      count(FilterReason.DUPLICATE);
      return null;
    }
    return new CrawlTask(canonical, origin, depth, referrer, 0);
  }

  /** Whether a URL is an absolute http(s) URL at all (seeds that are not get a warning). */
  public boolean isCrawlable(String url) {
    return canonicalizer.canonical(url) != null;
  }

  public void count(FilterReason reason) {
    count(reason, 1);
  }

  public void count(FilterReason reason, long n) {
    if (n > 0) {
      filtered.merge(reason, n, Long::sum);
    }
  }

  public Map<FilterReason, Long> filteredCounts() {
    return Map.copyOf(filtered);
  }

  public int seenCount() {
    return seen.size();
  }
}
