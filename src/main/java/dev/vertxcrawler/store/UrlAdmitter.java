package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FrontierStore.Admitted;
import dev.vertxcrawler.frontier.HostBudget;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admission into the {@link UrlTable}: dedup against what is stored, the per-host budget, and a bounded cache
 * of recently seen ids. Runs in the caller's transaction, on the store thread.
 */
final class UrlAdmitter {
  private static final int RECENT_IDS = 50_000;

  private final UrlTable urls;
  private final HostBudget budget; // store thread only
  /**
   * Ids of recently seen URLs (store thread only): pages of one site repeat the same navigation links, and
   * a hit spares a query. Bounded, so memory does not grow with the frontier.
   */
  private final Map<String, Long> recentIds = new LinkedHashMap<>(1 << 16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > RECENT_IDS;
    }
  };

  UrlAdmitter(UrlTable urls, HostBudget budget) {
    this.urls = urls;
    this.budget = budget;
  }

  /** Inserts new URLs; with {@code linkIds}, also collects the id of every candidate (new or not). */
  Admitted admit(List<CrawlTask> candidates, List<Long> linkIds) throws SQLException {
    Map<String, Long> queued = new LinkedHashMap<>();
    long duplicates = 0;
    long overBudget = 0;
    for (CrawlTask c : candidates) {
      String key = c.isPage() ? c.url() : c.kind().ordinal() + c.url(); // no concatenation per link
      Long known = recentIds.get(key);
      boolean atBudget = budget.isFull(c);
      if (known == null && atBudget) {
        known = urls.findId(c); // over budget: only a URL already stored may still be linked to
      }
      if (known == null && !atBudget) {
        Long inserted = urls.insert(c);
        if (inserted != null) {
          recentIds.put(key, inserted);
          if (linkIds != null) {
            linkIds.add(inserted);
          }
          budget.admitted(c);
          queued.merge(c.origin(), 1L, Long::sum);
          continue;
        }
        known = urls.findId(c);
      }
      if (known != null) {
        recentIds.put(key, known);
        duplicates++;
        if (linkIds != null) {
          linkIds.add(known);
        }
      } else {
        overBudget++;
      }
    }
    return new Admitted(queued, duplicates, overBudget);
  }

  /** After a rollback: the cache may name rows that are gone. */
  void forget() {
    recentIds.clear();
  }
}
