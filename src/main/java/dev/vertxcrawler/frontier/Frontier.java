package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seam between the crawl loop and the frontier. Work comes out as URLs whose host may start a request
 * now, never more than the workers can take ({@link #take}); what goes back in is the end of each task
 * ({@link #complete}: outcome, record, discovered links), the politeness facts of each answer
 * ({@link #answered}, {@link #crawlDelay}, {@link #holdUntil}, {@link #saveRobots}) and new candidates
 * ({@link #admit}); an origin's saved robots.txt state can be read back ({@link #loadRobots}). Nothing else crosses: host clocks, windows, leases and the store stay behind it.
 *
 * <p>Every method is called on the crawl's event loop and none blocks; store work completes the returned
 * futures. {@link LocalFrontier} keeps one crawl in one process; a frontier shared between nodes implements
 * the same contract over a shared database.
 */
public interface Frontier {

  /** One origin as the status view shows it. */
  record HostView(String origin, int queued, long delayMs) {
  }

  /**
   * Origins by state: {@code active} has a URL handed out or in flight, {@code waiting} has URLs queued and none
   * out, {@code done} has nothing left (for now: a later link may bring it back).
   */
  record HostCounts(long active, long waiting, long done) {
    public long known() {
      return active + waiting + done;
    }
  }

  /** Opens the store and takes over what a resumed crawl left (queued URLs, host delays). */
  Future<FrontierStore.Opened> open();

  /** Candidates already through {@link Admission}: deduplicated, budgeted and queued. */
  Future<Void> admit(List<CrawlTask> candidates);

  /**
   * Up to {@code max} URLs whose hosts may start a request at {@code now}. Each is handed out until it is
   * {@linkplain #complete completed}: its host takes no other hand-out before the request goes out.
   */
  List<CrawlTask> take(long now, int max);

  /** When the earliest waiting host may start (monotonic ms), or -1 when none waits. */
  long nextReadyAt();

  /** A request for a handed-out task went out at {@code now}: the host's clock counts from here. */
  void sent(CrawlTask task, long now);

  /** A handed-out task is over at {@code now}; completes once a commit is durable. */
  Future<Void> complete(Completion completion, long now);

  /** The politeness facts of one answer from {@code origin}; the decision applied, for the crawl to log. */
  Politeness.DelayDecision answered(String origin, HostAnswer answer, long now);

  /** robots.txt asks {@code crawlDelayMs} (0: none); the decision applied (on GIVE_UP nothing changes). */
  Politeness.CrawlDelayDecision crawlDelay(String origin, long crawlDelayMs);

  /** No request to {@code origin} starts before {@code until} (robots.txt unreachable, retrying). */
  void holdUntil(String origin, long until);

  /** The crawl gave {@code origin} up: the URLs of it waiting here, handed back to be skipped. */
  List<CrawlTask> removeWaiting(String origin);

  /** Keeps an origin's robots.txt state with its delays, for a resume. */
  Future<Void> saveRobots(RobotsState robots);

  /**
   * What {@link #saveRobots} kept of {@code origin} (its rules and their expiry, or why it was given up), for a
   * crawl that holds only some origins' robots.txt in memory; empty when nothing was saved. Never blocks.
   */
  Future<Optional<RobotsState>> loadRobots(String origin);

  Future<Void> saveCounters(JsonObject counters);

  /** A shared crawl's part of {@code /status} ({@link HostLeases#status}); null on an embedded store. */
  JsonObject sharedStatus();

  /** The whole crawl's totals when it is shared between nodes ({@link FrontierStore#crawlTotals}). */
  Future<Optional<JsonObject>> crawlTotals();

  /** The run is over: leased URLs go back to queued; a final reason marks the crawl finished for good. */
  Future<Void> close(FinishReason reason, JsonObject summary);

  /** Nothing waits anywhere: no URL in memory or in the store, no store call under way. */
  boolean isEmpty();

  /**
   * More URLs of {@code origin} wait (in its window, in the store, or on their way). False when the one being
   * fetched is its last for now: that request need not keep its connection open for a next one.
   */
  boolean hasMore(String origin);

  /** Forgets every waiting URL (maxPages, shutdown); the store keeps them for a resume. */
  void clear();

  /** Store calls under way (commits, leases, admissions). */
  int callsInFlight();

  /** URLs waiting, in memory and in the store. */
  long queued();

  /** About how many origins have URLs waiting (in memory or in the store); cheap, asked after every task. */
  long originsWaiting();

  int hostCount();

  /**
   * Origins active (a URL handed out or in flight), waiting (URLs queued, in memory or in the store) and done
   * (nothing left), for the status view and the summary.
   */
  HostCounts hostCounts();

  /** The first {@code limit} origins in order, for the status view. */
  List<HostView> hosts(int limit);

  /** The delay in force per origin, for the summary. */
  Map<String, Long> delays();
}
