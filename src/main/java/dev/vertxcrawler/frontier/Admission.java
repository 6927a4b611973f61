package dev.vertxcrawler.frontier;

import dev.vertxcrawler.config.ScopeConfig;
import java.util.EnumMap;
import java.util.Map;

/**
 * The first door into the frontier: canonical form, scope and depth. Seeds, sitemap URLs, links and redirect
 * targets all come through here; what passes is a candidate for the {@link FrontierStore}, which deduplicates
 * and applies the per-host budget. Every reason a URL is dropped is counted. Event-loop only.
 */
public final class Admission {
  private final UrlCanonicalizer canonicalizer;
  private final Scope scope;
  private final Map<FilterReason, Long> filtered = new EnumMap<>(FilterReason.class);
  private final int maxDepth;

  public Admission(int maxDepth, ScopeConfig scopeConfig) {
    this.maxDepth = maxDepth;
    this.canonicalizer = new UrlCanonicalizer(scopeConfig.sessionIdParams());
    this.scope = new Scope(scopeConfig);
  }

  /** A seed widens the scope to its origin and is a candidate at depth 0; null when it is no http(s) URL. */
  public CrawlTask seed(String url) {
    String canonical = canonicalizer.canonical(url);
    if (canonical == null) {
      count(UrlCanonicalizer.isHttp(url == null ? "" : url) ? FilterReason.INVALID : FilterReason.SCHEME);
      return null;
    }
    String origin = UrlCanonicalizer.origin(canonical);
    addSeedOrigin(origin);
    return new CrawlTask(canonical, origin, 0, null, 0, CrawlTask.Kind.PAGE);
  }

  /** A seed's origin (also when a resumed crawl restores it): in scope, and told to the listener. */
  public void addSeedOrigin(String origin) {
    scope.addSeedOrigin(origin);
    seedOriginListener.accept(origin);
  }

  private java.util.function.Consumer<String> seedOriginListener = origin -> { };

  /** Who else must know the seeds' origins (the address guard exempts them). */
  public Admission onSeedOrigin(java.util.function.Consumer<String> listener) {
    this.seedOriginListener = listener;
    return this;
  }

  /** A link, redirect target or sitemap URL found on {@code referrer}; null when filtered (reason counted). */
  public CrawlTask link(String absoluteUrl, int depth, String referrer) {
    return candidate(absoluteUrl, depth, referrer, CrawlTask.Kind.PAGE, this::count);
  }

  /** A sitemap to fetch: same checks as a page, its own kind. */
  public CrawlTask sitemap(String absoluteUrl, String referrer) {
    return candidate(absoluteUrl, 0, referrer, CrawlTask.Kind.SITEMAP, this::count);
  }

  /** The links of one page, filtered at once; counts are returned, not recorded. */
  public record Filtered(java.util.List<CrawlTask> candidates, Map<FilterReason, Long> dropped) {
  }

  /**
   * Canonicalises and filters every link of a page. Safe on any thread and touching no shared counter, so
   * it runs on the worker thread next to the parse (a page with 10 000 links costs the event loop nothing);
   * the caller adds {@code dropped} to the counts with {@link #count(FilterReason, long)} on the event loop.
   */
  public Filtered filterLinks(java.util.List<String> links, int depth, String referrer) {
    Map<FilterReason, Long> dropped = new EnumMap<>(FilterReason.class);
    java.util.List<CrawlTask> candidates = new java.util.ArrayList<>(links.size());
    java.util.Set<String> onThisPage = new java.util.HashSet<>();
    // A page repeats its hrefs (navigation, "top", index letters): the same string gets the same verdict, so
    // it is filtered once per page. The value is the CrawlTask it became, or the FilterReason it was dropped for.
    Map<String, Object> verdicts = new java.util.HashMap<>();
    OriginMemo lastOrigin = new OriginMemo();
    for (String link : links) {
      Object verdict = verdicts.get(link);
      if (verdict == null) {
        FilterReason[] reason = {null};
        CrawlTask task = candidate(link, depth, referrer, CrawlTask.Kind.PAGE, r -> reason[0] = r, lastOrigin);
        verdict = task != null ? task : reason[0];
        verdicts.put(link, verdict);
        if (task != null && onThisPage.add(task.url())) {
          candidates.add(task);
          continue;
        }
      }
      dropped.merge(verdict instanceof FilterReason r ? r : FilterReason.DUPLICATE, 1L, Long::sum);
    }
    return new Filtered(candidates, dropped);
  }

  private CrawlTask candidate(String absoluteUrl, int depth, String referrer, CrawlTask.Kind kind,
      java.util.function.Consumer<FilterReason> drop) {
    return candidate(absoluteUrl, depth, referrer, kind, drop, new OriginMemo());
  }

  /** The origin of the previous link and whether its host is in scope: one page's links share a few origins. */
  private static final class OriginMemo {
    String origin;
    boolean inHosts;
  }

  /** @param lastOrigin the previous link's origin, reused when it matches */
  private CrawlTask candidate(String absoluteUrl, int depth, String referrer, CrawlTask.Kind kind,
      java.util.function.Consumer<FilterReason> drop, OriginMemo lastOrigin) {
    // A link to a host outside the scope is dropped before it is canonicalised when its origin is already in
    // canonical form: such links (the JDK docs: 53 000, with queries) are the ones that need the full normaliser.
    if (lastOrigin.origin != null && hasOrigin(absoluteUrl, lastOrigin.origin)) {
      if (!lastOrigin.inHosts) {
        drop.accept(FilterReason.SCOPE);
        return null;
      }
    } else {
      String plain = UrlCanonicalizer.plainOrigin(absoluteUrl);
      if (plain != null) {
        lastOrigin.origin = plain;
        lastOrigin.inHosts = scope.inHosts(plain);
        if (!lastOrigin.inHosts) {
          drop.accept(FilterReason.SCOPE);
          return null;
        }
      }
    }
    String canonical = canonicalizer.canonical(absoluteUrl);
    if (canonical == null) {
      drop.accept(UrlCanonicalizer.isHttp(absoluteUrl) ? FilterReason.INVALID : FilterReason.SCHEME);
      return null;
    }
    String origin = lastOrigin.origin;
    if (origin == null || !hasOrigin(canonical, origin)) {
      origin = UrlCanonicalizer.origin(canonical);
      lastOrigin.origin = origin;
      lastOrigin.inHosts = scope.inHosts(origin);
    }
    FilterReason outOfScope = scope.check(canonical, origin);
    if (outOfScope != null) {
      drop.accept(outOfScope);
      return null;
    }
    if (depth > maxDepth) {
      drop.accept(FilterReason.DEPTH);
      return null;
    }
    return new CrawlTask(canonical, origin, depth, referrer, 0, kind);
  }

  /** Whether a canonical URL starts with exactly this origin (followed by its path, query or nothing). */
  private static boolean hasOrigin(String canonical, String origin) {
    int n = origin.length();
    return canonical.startsWith(origin)
        && (canonical.length() == n || canonical.charAt(n) == '/' || canonical.charAt(n) == '?');
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
}
