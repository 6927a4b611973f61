package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.CrawlTask;

/**
 * maxPages as a budget: a page handed to a worker reserves one, a page handed back without being fetched
 * (robots.txt fetched in its slot, a retry, a skip) gives it back. Sitemaps cost nothing. Event-loop only.
 */
final class PageBudget {
  private final long maxPages;
  private long reserved;

  /** @param maxPages 0 for no limit */
  PageBudget(long maxPages) {
    this.maxPages = maxPages;
  }

  void reserve(CrawlTask task) {
    if (task.isPage()) {
      reserved++;
    }
  }

  void refund(CrawlTask task) {
    if (task.isPage()) {
      reserved--;
    }
  }

  /** A resumed crawl starts with what its earlier runs decided. */
  void restore(long decided) {
    reserved = decided;
  }

  boolean reached() {
    return maxPages > 0 && reserved >= maxPages;
  }

  /** How many more tasks may be handed out now (sitemaps are counted too: a conservative bound). */
  int left(int wanted) {
    return maxPages <= 0 ? wanted : (int) Math.max(0, Math.min(wanted, maxPages - reserved));
  }
}
