package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The frontier of one crawl in one process. Candidates from {@link Admission} go to the {@link FrontierStore};
 * each origin's {@link HostQueues} queue is a small window over the store, refilled by leases of at most
 * {@code window} URLs when it runs low, so memory is bounded by the windows, not by the frontier's size. The
 * host clocks and each host's delay state (its floor, the delay last logged) live here; {@link Politeness}
 * decides, this class applies. Event-loop only; store calls are tracked so the crawl knows when the frontier
 * is truly empty.
 */
public final class LocalFrontier implements Frontier {
  private final Admission admission;
  private final HostQueues hosts;
  private final FrontierStore store;
  private final Politeness politeness;
  private final int window;
  private final Runnable onNewWork;
  private final Runnable onSettled;
  private final Map<String, Long> stored = new HashMap<>();
  private final Set<String> leasing = new HashSet<>();
  private final Map<String, Long> floors = new HashMap<>();
  private final Map<String, Long> loggedDelays = new HashMap<>();
  private long storedTotal;
  private int callsInFlight;
  private boolean cleared;

  /**
   * @param onNewWork called when URLs arrive in a host window (the crawl dispatches; it must not call back in
   *                  synchronously — the dispatcher defers it)
   * @param onSettled called after every store call completes; the crawl defers its completion check to it
   */
  public LocalFrontier(Admission admission, HostQueues hosts, FrontierStore store, Politeness politeness,
      int window, Runnable onNewWork, Runnable onSettled) {
    this.admission = admission;
    this.hosts = hosts;
    this.store = store;
    this.politeness = politeness;
    this.window = window;
    this.onNewWork = onNewWork;
    this.onSettled = onSettled;
  }

  @Override
  public Future<FrontierStore.Opened> open() {
    return track(store.open()).onSuccess(opened -> {
      opened.seedOrigins().forEach(admission::addSeedOrigin);
      opened.hosts().values().forEach(host -> {
        floors.put(host.origin(), host.floorMs());
        hosts.setDelay(host.origin(), host.delayMs());
      });
      opened.queuedPerOrigin().forEach(this::addStored);
      opened.queuedPerOrigin().keySet().forEach(this::refill);
    });
  }

  @Override
  public Future<Void> admit(List<CrawlTask> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    return track(store.admit(candidates)).map(this::took);
  }

  @Override
  public List<CrawlTask> take(long now, int max) {
    List<CrawlTask> taken = new ArrayList<>();
    while (taken.size() < max) {
      CrawlTask task = hosts.poll(now);
      if (task == null) {
        break;
      }
      hosts.begin(task); // the slot is the worker's until the task completes
      taken.add(task);
      refill(task.origin());
    }
    return taken;
  }

  @Override
  public long nextReadyAt() {
    return hosts.nextReadyAt();
  }

  @Override
  public void sent(CrawlTask task, long now) {
    hosts.stamp(task.origin(), now);
  }

  @Override
  public Future<Void> complete(Completion completion, long now) {
    CrawlTask task = completion.task();
    switch (completion.slot()) {
      case REQUESTED -> hosts.release(task, now);
      case UNUSED -> hosts.abandon(task);
      case NONE -> { }
    }
    return switch (completion.next()) {
      case REQUEUE -> {
        hosts.addFirst(task);
        yield Future.succeededFuture();
      }
      case ABANDON -> Future.succeededFuture();
      case COMMIT -> track(store.complete(task, completion.outcome(), completion.record(),
          completion.discovered())).map(this::took);
    };
  }

  @Override
  public Politeness.DelayDecision answered(String origin, HostAnswer answer, long now) {
    long floor = floor(origin);
    Politeness.HostDelay state = new Politeness.HostDelay(hosts.delay(origin), floor,
        loggedDelays.getOrDefault(origin, floor));
    Politeness.DelayDecision decision = politeness.afterAnswer(state, answer);
    hosts.setDelay(origin, decision.delayMs());
    if (decision.slowed()) {
      loggedDelays.put(origin, decision.delayMs());
    }
    if (decision.deferred()) {
      hosts.blockUntil(origin, now + decision.blockForMs());
    }
    return decision;
  }

  @Override
  public Politeness.CrawlDelayDecision crawlDelay(String origin, long crawlDelayMs) {
    Politeness.CrawlDelayDecision decision = politeness.crawlDelay(crawlDelayMs);
    if (decision.kind() != Politeness.CrawlDelayDecision.Kind.GIVE_UP) {
      floors.put(origin, decision.floorMs());
      hosts.setDelay(origin, Math.max(decision.floorMs(), hosts.delay(origin)));
    }
    return decision;
  }

  @Override
  public void holdUntil(String origin, long until) {
    hosts.blockUntil(origin, until);
  }

  @Override
  public List<CrawlTask> removeWaiting(String origin) {
    return hosts.drain(origin);
  }

  @Override
  public Future<Void> saveRobots(RobotsState robots) {
    String origin = robots.origin();
    return store.saveHost(new FrontierStore.HostSnapshot(origin, robots.rules(), robots.expiresAt(),
        robots.giveUpReason(), hosts.delay(origin), floor(origin)));
  }

  @Override
  public Future<Optional<RobotsState>> loadRobots(String origin) {
    return store.loadHost(origin).map(host -> host.map(RobotsState::of));
  }

  @Override
  public Future<Void> saveCounters(JsonObject counters) {
    return store.saveCounters(counters);
  }

  @Override
  public Future<Void> close(FinishReason reason, JsonObject summary) {
    return store.close(reason, summary);
  }

  @Override
  public boolean isEmpty() {
    return hosts.pending() == 0 && storedTotal == 0 && callsInFlight == 0;
  }

  @Override
  public void clear() {
    cleared = true;
    hosts.clear();
    stored.clear();
    storedTotal = 0;
  }

  @Override
  public int callsInFlight() {
    return callsInFlight;
  }

  @Override
  public long queued() {
    return hosts.pending() + storedTotal;
  }

  @Override
  public int hostCount() {
    return hosts.hostCount();
  }

  @Override
  public List<HostView> hosts(int limit) {
    return hosts.delays().keySet().stream().sorted().limit(limit)
        .map(origin -> new HostView(origin, hosts.queued(origin), hosts.delay(origin))).toList();
  }

  @Override
  public Map<String, Long> delays() {
    return hosts.delays();
  }

  private long floor(String origin) {
    return floors.getOrDefault(origin, politeness.initialDelayMs());
  }

  private Void took(FrontierStore.Admitted admitted) {
    admission.count(FilterReason.DUPLICATE, admitted.duplicates());
    admission.count(FilterReason.HOST_BUDGET, admitted.overBudget());
    admitted.queuedPerOrigin().forEach(this::addStored);
    admitted.queuedPerOrigin().keySet().forEach(this::refill);
    return null;
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
      if (ar.failed() || cleared) {
        // A failure surfaces through the crawl's own store calls; URLs leased after a stop stay in flight in
        // the store and are re-queued on resume.
        return;
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

  private <T> Future<T> track(Future<T> call) {
    callsInFlight++;
    return call.andThen(ar -> {
      callsInFlight--;
      onSettled.run();
    });
  }
}
