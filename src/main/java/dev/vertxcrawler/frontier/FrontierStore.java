package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the frontier keeps its URLs, shaped like crawler-commons' URLFrontier API: queues keyed by origin;
 * {@link #admit} puts discovered URLs (deduplicated, per-host budget applied); {@link #lease} gets the next
 * ready URLs of one origin and marks them in flight; {@link #complete} puts a finished URL with its record.
 * Every call returns a future and none blocks the caller; implementations run their I/O elsewhere.
 *
 * <p>The embedded implementation is SQLite (the store package); an in-memory one serves
 * {@code store.kind=memory}. PostgreSQL ({@code store.kind=postgres}) shares one crawl between nodes, which hold
 * hosts by lease ({@link #hostLeases()}).
 */
public interface FrontierStore {

  /** What a freshly opened store holds: all zero for a new crawl, the state to resume otherwise. */
  record Opened(boolean resumed, long queued, long done, long requeued, Map<String, Long> queuedPerOrigin,
      Map<String, HostSnapshot> hosts, JsonObject counters, List<String> seedOrigins) {
  }

  /** Persistent politeness state of one origin. Times are epoch milliseconds. */
  record HostSnapshot(String origin, byte[] robotsRules, long robotsExpiresAt, String giveUpReason, long delayMs,
      long floorMs) {
  }

  /** The outcome of an admission: new URLs queued per origin, and how many were dropped and why. */
  record Admitted(Map<String, Long> queuedPerOrigin, long duplicates, long overBudget) {
    public static final Admitted NONE = new Admitted(Map.of(), 0, 0);
  }

  /** Terminal states of a URL. */
  enum Outcome { DONE, FAILED, SKIPPED }

  Future<Opened> open();

  /** Dedup and budget, then queue. Order within one origin is preserved. */
  Future<Admitted> admit(List<CrawlTask> candidates);

  /** Up to {@code max} queued URLs of {@code origin}, oldest first, now marked in flight. */
  Future<List<CrawlTask>> lease(String origin, int max);

  /**
   * A URL is finished: its record (null for sitemaps) is committed together with the URLs found on it and
   * its links, in one transaction. The returned future completes after the commit.
   *
   * @param record the page's record as JSON text — the same line pages.jsonl gets, so it is encoded once
   */
  Future<Admitted> complete(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered);

  Future<Void> saveHost(HostSnapshot host);

  /** The last {@link #saveHost} of {@code origin}, this run or an earlier one; empty when none. */
  Future<Optional<HostSnapshot>> loadHost(String origin);

  Future<Void> saveCounters(JsonObject counters);

  /**
   * The crawl stops: URLs leased but not finished go back to queued; a {@linkplain FinishReason#isFinal() final}
   * reason marks the crawl finished for good.
   */
  Future<Void> close(FinishReason reason, JsonObject summary);

  /**
   * A shared store's totals for the whole crawl (every node's pages): nodes, pages, fetched, failed, skipped;
   * empty for an embedded store, whose crawl is this node's.
   */
  default Future<Optional<JsonObject>> crawlTotals() {
    return Future.succeededFuture(Optional.empty());
  }

  /** A store shared by nodes hands out hosts by lease; an embedded store has none (every host is this node's). */
  default Optional<HostLeases> hostLeases() {
    return Optional.empty();
  }

  /** Every committed page record, in commit order (resume rebuilds pages.jsonl and the totals from it). */
  Future<Void> forEachPage(java.util.function.Consumer<JsonObject> consumer);
}
