package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The frontier of one crawl in one process. Candidates from {@link Admission} go to the {@link FrontierStore};
 * each origin's {@link HostQueues} queue is a small window over the store, refilled by a lease when it runs low,
 * within {@link LeaseBounds}: a window per host sized to what its workers reach in one delay period, and a total
 * for all hosts. A host whose lease does not fit waits its turn (oldest first) with only its count and clock in
 * memory, so memory is bounded by the work the workers can do next, not by the frontier or the hosts known.
 *
 * <p>A host comes into play on demand: only when {@link #take} finds fewer ready URLs than the workers have room
 * for does it lease the first window of a host not in play (oldest first). So the hosts in play are those the
 * workers reach within a delay period — on a broad crawl about pages/s × delay, each fetched as soon as its delay
 * allows — and not every host that fits in memory, each visited less often and each holding a connection. The
 * host clocks and each host's delay state (its floor, the delay last logged) live here; {@link Politeness}
 * decides, this class applies. On a shared store, {@link SharedHosts} says which hosts are this node's. Event-loop
 * only; store calls are tracked so the crawl knows when the frontier is truly empty.
 */
public final class LocalFrontier implements Frontier {
  private final Admission admission;
  private final HostQueues hosts;
  private final FrontierStore store;
  private final Politeness politeness;
  private final LeaseBounds bounds;
  private final Runnable onNewWork;
  private final Runnable onSettled;
  private final Map<String, Long> stored = new HashMap<>();
  private final Set<String> leasing = new HashSet<>();
  /** Origins in play whose window wants a lease that did not fit in {@code bounds.total()}, in the order they asked. */
  private final Set<String> wanting = new LinkedHashSet<>();
  /** Origins with URLs in the store and none in play, in the order they came: brought in by {@link #take}. */
  private final Set<String> idle = new LinkedHashSet<>();
  /** Origins brought into play whose first lease is under way: the URLs they will give count as supply already. */
  private int arriving;
  /** URLs asked for by leases under way (they count against the total before they arrive). */
  private long leasingRequested;
  private final Map<String, Long> floors = new HashMap<>();
  private final Map<String, Long> loggedDelays = new HashMap<>();
  private long storedTotal;
  private int callsInFlight;
  private boolean cleared;
  /** On a shared store, which hosts are this node's (null: every host is). */
  private SharedHosts shared;
  private java.util.function.LongSupplier clock = () -> System.nanoTime() / 1_000_000;

  /**
   * @param onNewWork called when URLs arrive in a host window (the crawl dispatches; it must not call back in
   *                  synchronously — the dispatcher defers it)
   * @param onSettled called after every store call completes; the crawl defers its completion check to it
   */
  public LocalFrontier(Admission admission, HostQueues hosts, FrontierStore store, Politeness politeness,
      LeaseBounds bounds, Runnable onNewWork, Runnable onSettled) {
    this.admission = admission;
    this.hosts = hosts;
    this.store = store;
    this.politeness = politeness;
    this.bounds = bounds;
    this.onNewWork = onNewWork;
    this.onSettled = onSettled;
  }

  /** The crawl's monotonic clock (ms), for what arrives between two {@link #take}s (claimed hosts' waits). */
  public LocalFrontier clock(java.util.function.LongSupplier clock) {
    this.clock = clock;
    return this;
  }

  @Override
  public Future<FrontierStore.Opened> open() {
    return track(store.open()).onSuccess(opened -> {
      opened.seedOrigins().forEach(admission::addSeedOrigin);
      HostLeases leases = store.hostLeases().orElse(null);
      if (leases != null) {
        // Hosts come by claim, each with its own state: nothing is this node's before it claims it.
        shared = new SharedHosts(leases, new Windows(), onNewWork, () -> clock.getAsLong());
        return;
      }
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
    if (shared != null && !shared.live()) {
      return List.of(); // the leases may have run out (paused, or the store unreachable): no request until renewed
    }
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
    leaseForWaitingHosts();
    int room = max - taken.size() - arriving;
    bringIntoPlay(room);
    if (shared != null) {
      shared.afterTake(now, room, idle.isEmpty());
    }
    return taken;
  }

  /** The workers have room that no host in play fills: the first window of up to {@code n} idle hosts. */
  private void bringIntoPlay(int n) {
    Iterator<String> next = idle.iterator();
    for (int i = 0; i < n && next.hasNext() && inMemory() < bounds.total(); i++) {
      String origin = next.next();
      next.remove();
      arriving++;
      lease(origin, () -> arriving--);
    }
  }

  @Override
  public long nextReadyAt() {
    long ready = hosts.nextReadyAt();
    return shared == null ? ready : shared.nextReadyAt(ready);
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
        if (shared != null && !shared.holds(task.origin())) {
          yield Future.succeededFuture(); // taken over: the new holder queued it again
        }
        hosts.addFirst(task);
        yield Future.succeededFuture();
      }
      case ABANDON -> Future.succeededFuture();
      case COMMIT -> {
        Future<Void> committed = track(store.complete(task, completion.outcome(), completion.record(),
            completion.discovered())).map(this::took);
        if (shared == null) {
          yield committed;
        }
        shared.committing(task.origin());
        yield committed.andThen(ar -> shared.committed(task.origin()));
      }
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
    List<CrawlTask> removed = hosts.drain(origin);
    // The origin's rest in the store comes in to be decided too (skipped as given up), or the crawl never ends.
    idle.remove(origin);
    lease(origin, () -> { });
    leaseForWaitingHosts(); // the room they held is free
    return removed;
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
  public JsonObject sharedStatus() {
    return shared == null ? null : shared.status();
  }

  @Override
  public Future<Optional<JsonObject>> crawlTotals() {
    return store.crawlTotals();
  }

  @Override
  public Future<Void> close(FinishReason reason, JsonObject summary) {
    return store.close(reason, summary);
  }

  @Override
  public boolean isEmpty() {
    boolean here = hosts.pending() == 0 && storedTotal == 0 && callsInFlight == 0;
    // A node of a shared crawl is done when the crawl is: nothing queued or in flight on any node.
    return here && (shared == null || shared.finished() || cleared);
  }

  @Override
  public boolean hasMore(String origin) {
    return hosts.queued(origin) > 0 || stored.containsKey(origin) || leasing.contains(origin);
  }

  @Override
  public void clear() {
    cleared = true;
    if (shared != null) {
      shared.clear();
    }
    wanting.clear();
    idle.clear();
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
  public long originsWaiting() {
    return stored.size() + hosts.hostsQueued(); // an origin with both is counted twice: an estimate
  }

  @Override
  public int hostCount() {
    return hosts.hostCount();
  }

  @Override
  public List<HostView> hosts(int limit) {
    return hosts.firstOrigins(limit).stream()
        .map(origin -> new HostView(origin, hosts.queued(origin), hosts.delay(origin))).toList();
  }

  @Override
  public HostCounts hostCounts() {
    HostCounts counted = hosts.counts(stored::containsKey);
    long storedOnly = stored.keySet().stream().filter(origin -> !hosts.knows(origin)).count();
    return new HostCounts(counted.active(), counted.waiting() + storedOnly, counted.done());
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
    if (shared != null && !admitted.queuedPerOrigin().isEmpty()) {
      shared.queuedWork();
    }
    admitted.queuedPerOrigin().forEach((origin, n) -> {
      // On a shared store a host this node does not hold is another's, or anyone's to claim: not queued here.
      if (shared == null || shared.holds(origin)) {
        addStored(origin, n);
        refill(origin);
      }
    });
    return null;
  }

  /** The store's URLs of {@code origin} are no longer this node's to lease. */
  private void forgetStored(String origin) {
    Long left = stored.remove(origin);
    storedTotal -= left == null ? 0 : left;
    idle.remove(origin);
    wanting.remove(origin);
  }

  private void addStored(String origin, long n) {
    stored.merge(origin, n, Long::sum);
    storedTotal += n;
  }

  /** URLs of the store in memory now or on their way: the windows, and the leases under way. */
  private long inMemory() {
    return hosts.pending() + leasingRequested;
  }

  /** Room came free in memory: leases for the hosts that waited for it, oldest first. */
  private void leaseForWaitingHosts() {
    while (!wanting.isEmpty() && inMemory() < bounds.total()) {
      String origin = wanting.iterator().next();
      wanting.remove(origin);
      refill(origin);
    }
  }

  /**
   * Leases more of an origin's URLs into its window when the window runs low and there is room in memory; an
   * origin not in play waits among the idle ones until {@link #take} has room for it.
   */
  private void refill(String origin) {
    long waiting = stored.getOrDefault(origin, 0L);
    int queued = hosts.queued(origin);
    // Refilled once less than half the window is left (for a window of two, when it is empty): a lease per two
    // pages, not per page, and the next URL still lands long before the host's delay lets it start.
    if (cleared || waiting == 0 || leasing.contains(origin) || queued > 0 && 2 * queued >= bounds.perHost()
        || shared != null && shared.shedding(origin)) {
      return;
    }
    if (!hosts.inPlay(origin)) {
      if (idle.add(origin)) {
        onNewWork.run(); // the dispatcher's next take may bring it in
      }
      return;
    }
    lease(origin, () -> { });
  }

  private void lease(String origin, Runnable landed) {
    long waiting = stored.getOrDefault(origin, 0L);
    int queued = hosts.queued(origin);
    long room = bounds.total() - inMemory();
    if (cleared || waiting == 0 || leasing.contains(origin) || room <= 0) {
      if (!cleared && waiting > 0 && !leasing.contains(origin)) {
        wanting.add(origin);
      }
      landed.run();
      return;
    }
    int max = (int) Math.min(Math.min(waiting, bounds.perHost() - queued), room);
    leasing.add(origin);
    leasingRequested += max;
    track(store.lease(origin, max)).onComplete(ar -> {
      leasing.remove(origin);
      leasingRequested -= max;
      landed.run();
      if (ar.failed() || cleared) {
        // A failure surfaces through the crawl's own store calls; URLs leased after a stop are fetched on
        // resume (queued on disk in crawl.db; re-queued by the shared store).
        return;
      }
      if (shared != null && !shared.holds(origin)) {
        return; // lost while the lease was under way: fenced, the new holder has these
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
      if (tasks.size() < max) {
        leaseForWaitingHosts(); // asked for more than came: that room is free again
      }
      if (shared != null) {
        shared.releaseIfDone(origin);
      }
    });
  }

  /** What {@link SharedHosts} sees of the windows, and what it asks of them when a host comes or goes. */
  private final class Windows implements SharedHosts.Windows {
    @Override
    public void claimed(HostLeases.Claimed host, long now) {
      String origin = host.origin();
      if (host.floorMs() >= 0) {
        floors.put(origin, host.floorMs());
      }
      if (host.delayMs() >= 0) {
        hosts.setDelay(origin, host.delayMs());
      }
      if (host.waitMs() > 0) {
        hosts.blockUntil(origin, now + host.waitMs());
      }
      if (host.queued() > 0) {
        addStored(origin, host.queued());
        refill(origin);
      }
    }

    @Override
    public void lost(String origin) {
      List<CrawlTask> dropped = hosts.drain(origin);
      forgetStored(origin);
      System.err.println("vertx-crawler: " + origin + " was taken over by another node (this node's lease ran "
          + "out): " + dropped.size() + " queued URL(s) of it dropped here, its in-flight pages will not be recorded");
      onNewWork.run();
    }

    @Override
    public boolean inPlay(String origin) {
      return hosts.inPlay(origin);
    }

    @Override
    public boolean leasing(String origin) {
      return leasing.contains(origin);
    }

    @Override
    public boolean hasMore(String origin) {
      return LocalFrontier.this.hasMore(origin);
    }

    @Override
    public Set<String> withStoredUrls() {
      return stored.keySet();
    }

    @Override
    public void forgetStored(String origin) {
      LocalFrontier.this.forgetStored(origin);
    }

    @Override
    public boolean full() {
      return inMemory() >= bounds.total();
    }

    @Override
    public SharedHosts.HostHandover handover(String origin) {
      long wait = Math.max(0, hosts.readyAt(origin) - clock.getAsLong());
      return new SharedHosts.HostHandover(wait, hosts.delay(origin), floor(origin));
    }

    @Override
    public <T> Future<T> track(Future<T> call) {
      return LocalFrontier.this.track(call);
    }
  }

  private <T> Future<T> track(Future<T> call) {
    callsInFlight++;
    return call.andThen(ar -> {
      callsInFlight--;
      onSettled.run();
    });
  }
}
