package dev.vertxcrawler.frontier;

import java.util.HashMap;
import java.util.Map;

/**
 * The per-host page budget ({@code maxPagesPerHost}) that admission applies, written once for every
 * {@link FrontierStore}: pages count against their origin, sitemaps never do, 0 means unlimited. A URL refused
 * here as new may still be a duplicate of one already stored — telling the two apart is the store's job. Unlimited
 * (the default), it counts nothing: no entry per origin ever seen, and no count of a resumed crawl's pages.
 */
public final class HostBudget {
  private final int maxPagesPerHost;
  private final Map<String, Long> pagesPerOrigin = new HashMap<>(); // the owning store's thread only

  public HostBudget(int maxPagesPerHost) {
    this.maxPagesPerHost = maxPagesPerHost;
  }

  /** Whether there is a budget to apply: without one the stores need not count a resumed crawl's pages. */
  public boolean limited() {
    return maxPagesPerHost > 0;
  }

  /** Counts a resumed crawl already holds, so its budget is not spent twice. */
  public void restore(Map<String, Long> pagesByOrigin) {
    if (limited()) {
      pagesPerOrigin.putAll(pagesByOrigin);
    }
  }

  /** Origins with a count held in memory (none when unlimited). */
  public int originsCounted() {
    return pagesPerOrigin.size();
  }

  /** True when {@code task} is a page whose origin has used up its budget: it may not be admitted as new. */
  public boolean isFull(CrawlTask task) {
    return task.isPage() && maxPagesPerHost > 0
        && pagesPerOrigin.getOrDefault(task.origin(), 0L) >= maxPagesPerHost;
  }

  /** A reservation made by {@link #admitted} is given back: the URL turned out to be stored already. */
  public void returned(CrawlTask task) {
    if (limited() && task.isPage()) {
      pagesPerOrigin.merge(task.origin(), -1L, Long::sum);
    }
  }

  /** {@code task} was admitted as a new URL. */
  public void admitted(CrawlTask task) {
    if (limited() && task.isPage()) {
      pagesPerOrigin.merge(task.origin(), 1L, Long::sum);
    }
  }
}
