package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The frontier as the crawl sees it: candidates from {@link Admission} go to the {@link FrontierStore};
 * each origin's {@link HostQueues} queue is a small window over the store, refilled by leases of at most
 * {@code window} URLs when it runs low. Memory is bounded by the windows (and the work queue), not by the
 * frontier's size. Event-loop only; store calls are asynchronous and tracked so the crawl knows when the
 * frontier is truly empty.
 */
public final class Frontier {
  private final Admission admission;
  private final HostQueues hosts;
  private final FrontierStore store;
  private final int window;
  private final Runnable onNewWork;
  private final Runnable onSettled;
  private final Map<String, Long> stored = new HashMap<>();
  private final Set<String> leasing = new HashSet<>();
  private long storedTotal;
  private int storeCallsInFlight;
  private boolean cleared;

  /**
   * @param onNewWork called whenever URLs arrive in a host window (so the crawl can dispatch)
   * @param onSettled called after every store call completes; the crawl defers its completion check to it
   *                  (deferred, so that the call's own callbacks have run first)
   */
  public Frontier(Admission admission, HostQueues hosts, FrontierStore store, int window, Runnable onNewWork,
      Runnable onSettled) {
    this.admission = admission;
    this.hosts = hosts;
    this.store = store;
    this.window = window;
    this.onNewWork = onNewWork;
    this.onSettled = onSettled;
  }

  public Admission admission() {
    return admission;
  }

  public HostQueues hosts() {
    return hosts;
  }

  public FrontierStore store() {
    return store;
  }

  /** Opens the store and takes over what a resumed crawl left queued. */
  public Future<FrontierStore.Opened> open() {
    return track(store.open()).onSuccess(opened -> {
      opened.seedOrigins().forEach(admission::addSeedOrigin);
      opened.queuedPerOrigin().forEach(this::addStored);
      opened.queuedPerOrigin().keySet().forEach(this::refill);
    });
  }

  /** Sends candidates (already through {@link Admission}) to the store. */
  public Future<Void> admit(List<CrawlTask> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    return track(store.admit(candidates)).map(admitted -> {
      took(admitted);
      return null;
    });
  }

  /** Commits a finished URL with what was found on it; completes after the commit. */
  public Future<Void> complete(CrawlTask task, FrontierStore.Outcome outcome, String record,
      List<CrawlTask> discovered) {
    return track(store.complete(task, outcome, record, discovered)).map(admitted -> {
      took(admitted);
      return null;
    });
  }

  private void took(FrontierStore.Admitted admitted) {
    admission.count(FilterReason.DUPLICATE, admitted.duplicates());
    admission.count(FilterReason.HOST_BUDGET, admitted.overBudget());
    admitted.queuedPerOrigin().forEach(this::addStored);
    admitted.queuedPerOrigin().keySet().forEach(this::refill);
  }

  private void addStored(String origin, long n) {
    stored.merge(origin, n, Long::sum);
    storedTotal += n;
  }

  /** Leases more of an origin's URLs into its window when the window runs low. */
  private void refill(String origin) {
    long waiting = stored.getOrDefault(origin, 0L);
    if (cleared || waiting == 0 || leasing.contains(origin) || hosts.queued(origin) > window / 2) {
      return;
    }
    leasing.add(origin);
    int max = (int) Math.min(waiting, window - hosts.queued(origin));
    track(store.lease(origin, max)).onComplete(ar -> {
      leasing.remove(origin);
      if (ar.failed()) {
        return; // the store's failure surfaces through the crawl's own store calls
      }
      if (cleared) {
        return; // leased after a stop: they stay in flight in the store and are re-queued on resume
      }
      List<CrawlTask> tasks = ar.result();
      long before = stored.getOrDefault(origin, 0L);
      long after = tasks.isEmpty() ? 0 : Math.max(0, before - tasks.size());
      storedTotal -= before - after;
      if (after == 0) {
        stored.remove(origin);
      } else {
        stored.put(origin, after);
      }
      tasks.forEach(hosts::add);
      onNewWork.run();
      refill(origin);
    });
  }

  /** The next URL whose origin may start now (or null); its window is topped up behind it. */
  public CrawlTask poll(long now) {
    CrawlTask task = hosts.poll(now);
    if (task != null) {
      refill(task.origin());
    }
    return task;
  }

  /** Nothing waits anywhere: no URL in a window or in the store, no store call under way. */
  public boolean isEmpty() {
    return hosts.pending() == 0 && storedTotal == 0 && storeCallsInFlight == 0;
  }

  /** Forgets every waiting URL (maxPages or shutdown); the store keeps them for a resume. */
  public void clear() {
    cleared = true;
    hosts.clear();
    stored.clear();
    storedTotal = 0;
  }

  /** Store calls under way (commits, leases, admissions). */
  public int storeCallsInFlight() {
    return storeCallsInFlight;
  }

  public long storedQueued() {
    return storedTotal;
  }

  private <T> Future<T> track(Future<T> call) {
    storeCallsInFlight++;
    return call.andThen(ar -> {
      storeCallsInFlight--;
      onSettled.run();
    });
  }
}
