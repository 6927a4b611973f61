package dev.vertxcrawler.frontier;

import dev.vertxcrawler.config.ScopeConfig;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The single door into the frontier: canonical form, scope, depth, per-host budget and dedup. Seeds,
 * sitemap URLs, links and redirect targets all come through here. Event-loop only; the seen-set is in memory.
 */
public final class Admission {
  private final UrlCanonicalizer canonicalizer;
  private final Scope scope;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Integer> perHost = new HashMap<>();
  private final Map<FilterReason, Long> filtered = new EnumMap<>(FilterReason.class);
  private final int maxDepth;
  private final int maxPagesPerHost;

  public Admission(int maxDepth, ScopeConfig scopeConfig) {
    this.maxDepth = maxDepth;
    this.maxPagesPerHost = scopeConfig.maxPagesPerHost();
    this.canonicalizer = new UrlCanonicalizer(scopeConfig.sessionIdParams());
    this.scope = new Scope(scopeConfig);
  }

  /** A seed widens the scope to its origin and is admitted at depth 0. */
  public CrawlTask admitSeed(String url) {
    String canonical = canonicalizer.canonical(url);
    if (canonical == null) {
      count(UrlCanonicalizer.isHttp(url == null ? "" : url) ? FilterReason.INVALID : FilterReason.SCHEME);
      return null;
    }
    String origin = UrlCanonicalizer.origin(canonical);
    scope.addSeedOrigin(origin);
    return admitCanonical(canonical, origin, 0, null, CrawlTask.Kind.PAGE);
  }

  /** A link, redirect target or sitemap URL found on {@code referrer}; null when filtered (reason counted). */
  public CrawlTask admitLink(String absoluteUrl, int depth, String referrer) {
    return admit(absoluteUrl, depth, referrer, CrawlTask.Kind.PAGE);
  }

  /** A sitemap to fetch: same checks as a page, its own kind. */
  public CrawlTask admitSitemap(String absoluteUrl, String referrer) {
    return admit(absoluteUrl, 0, referrer, CrawlTask.Kind.SITEMAP);
  }

  private CrawlTask admit(String absoluteUrl, int depth, String referrer, CrawlTask.Kind kind) {
    String canonical = canonicalizer.canonical(absoluteUrl);
    if (canonical == null) {
      count(UrlCanonicalizer.isHttp(absoluteUrl) ? FilterReason.INVALID : FilterReason.SCHEME);
      return null;
    }
    String origin = UrlCanonicalizer.origin(canonical);
    FilterReason outOfScope = scope.check(canonical, origin);
    if (outOfScope != null) {
      count(outOfScope);
      return null;
    }
    if (depth > maxDepth) {
      count(FilterReason.DEPTH);
      return null;
    }
    return admitCanonical(canonical, origin, depth, referrer, kind);
  }

  private CrawlTask admitCanonical(String canonical, String origin, int depth, String referrer,
      CrawlTask.Kind kind) {
    String key = kind == CrawlTask.Kind.SITEMAP ? "sitemap " + canonical : canonical;
    if (seen.contains(key)) {
      count(FilterReason.DUPLICATE);
      return null;
    }
    if (kind == CrawlTask.Kind.PAGE && maxPagesPerHost > 0
        && perHost.getOrDefault(origin, 0) >= maxPagesPerHost) {
      count(FilterReason.HOST_BUDGET);
      return null;
    }
    seen.add(key);
    if (kind == CrawlTask.Kind.PAGE) {
      perHost.merge(origin, 1, Integer::sum);
    }
    return new CrawlTask(canonical, origin, depth, referrer, 0, kind);
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
