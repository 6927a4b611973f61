package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.CrawlTask;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded store's leases, held in memory instead of written to crawl.db. One process owns a crawl
 * directory (its lock file), and a crash loses nothing by it: a leased URL that is not yet complete is still
 * queued on disk, so it is fetched again on resume, as an in-flight one would have been re-queued. Writing the
 * lease cost a transaction per window of URLs: about a quarter of the store thread's CPU on a broad crawl,
 * whose windows hold a page or two (BENCHMARKS.md).
 *
 * <p>Per origin with leased URLs not yet completed: the highest id leased (leases come oldest first, ids only
 * grow, so every queued URL at or below it is leased) and how many are open. The entry goes when the last
 * one completes. Store thread only.
 */
final class SqliteLeases {
  private static final class Held {
    long lastId;
    int open;
  }

  private final Map<String, Held> held = new HashMap<>();

  /** Up to {@code max} of {@code origin}'s queued URLs not leased yet, oldest first, now leased. */
  List<CrawlTask> lease(UrlTable urls, String origin, int max) throws SQLException {
    Held h = held.get(origin);
    List<CrawlTask> tasks = urls.queuedAfter(origin, h == null ? 0 : h.lastId, max);
    if (!tasks.isEmpty()) {
      if (h == null) {
        h = new Held();
        held.put(origin, h);
      }
      h.lastId = tasks.get(tasks.size() - 1).id();
      h.open += tasks.size();
    }
    return tasks;
  }

  /** A leased URL's completion was committed: it is no longer queued on disk. */
  void completed(CrawlTask task) {
    Held h = held.get(task.origin());
    if (h != null && task.id() <= h.lastId && --h.open <= 0) {
      held.remove(task.origin());
    }
  }

  /** Origins with leased URLs not yet completed (for tests). */
  int origins() {
    return held.size();
  }
}
