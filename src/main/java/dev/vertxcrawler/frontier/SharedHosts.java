package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * This node's part of a shared crawl's hosts ({@link HostLeases}): which hosts are this node's. It claims ready
 * hosts when the workers have room, gives back those over its fair share, and releases a host once nothing of it
 * is left here. {@link LocalFrontier} keeps the windows over the store and tells this class what is in them
 * ({@link Windows}); an embedded crawl has none of this. Event-loop only.
 */
final class SharedHosts {

  /** The frontier's side: what it holds of an origin, and what it does when a host comes or goes. */
  interface Windows {
    /** A host just claimed: its delay state and clock set, its {@code queued} URLs waiting to be leased. */
    void claimed(HostLeases.Claimed host, long now);

    /** Another node holds {@code origin} now: what of it waits here is dropped. */
    void lost(String origin);

    /** Something of {@code origin} is in its window or in a worker's hands. */
    boolean inPlay(String origin);

    /** A lease of {@code origin}'s URLs from the store is under way. */
    boolean leasing(String origin);

    /** {@code origin} has URLs here: in its window, in the store, or on their way. */
    boolean hasMore(String origin);

    /** Origins with URLs in the store that this node may lease. */
    Set<String> withStoredUrls();

    /** The store's URLs of {@code origin} are no longer this node's to lease. */
    void forgetStored(String origin);

    /** The URLs in memory have reached their bound: no host should be claimed. */
    boolean full();

    /** What the next holder of {@code origin} gets: how long it must wait, its delay and floor. */
    HostHandover handover(String origin);

    /** A store call, tracked so the crawl knows when the frontier is truly empty. */
    <T> Future<T> track(Future<T> call);
  }

  /** What goes back to the store with a released host. */
  record HostHandover(long waitMs, long delayMs, long floorMs) {
  }

  private final HostLeases leases;
  private final Windows windows;
  private final Runnable onNewWork;
  private final LongSupplier clock;
  private final ClaimPacing pacing = new ClaimPacing();
  /** Commits under way per origin: a host is not released before its last commit lands (it is fenced by the lease). */
  private final Map<String, Integer> committing = new HashMap<>();
  /** Held hosts over this node's fair share: not refilled, released with their URLs once their window is empty. */
  private final Set<String> shedding = new HashSet<>();
  private boolean claiming;
  private boolean cleared;

  /**
   * @param onNewWork called when work may have come (a claim answered, a host released, the leases live again)
   * @param clock     the crawl's monotonic clock (ms), for what arrives between two takes
   */
  SharedHosts(HostLeases leases, Windows windows, Runnable onNewWork, LongSupplier clock) {
    this.leases = leases;
    this.windows = windows;
    this.onNewWork = onNewWork;
    this.clock = clock;
    leases.onLost(this::lost);
    leases.onLive(onNewWork);
  }

  /** Whether requests may start: the leases may have run out (paused, or the store unreachable). */
  boolean live() {
    return leases.live();
  }

  boolean holds(String origin) {
    return leases.holds(origin);
  }

  /** Being given back: its window is not refilled. */
  boolean shedding(String origin) {
    return shedding.contains(origin);
  }

  /** The crawl is over on every node, as far as this node can tell. */
  boolean finished() {
    return pacing.finished();
  }

  JsonObject status() {
    return leases.status();
  }

  /** The crawl stops: no more claims. */
  void clear() {
    cleared = true;
  }

  /**
   * After a take: the excess over the fair share is given back, and when the workers have {@code room} that no
   * host of this node fills ({@code nothingIdle}: no host with URLs here waits to come into play), hosts are
   * claimed.
   */
  void afterTake(long now, int room, boolean nothingIdle) {
    if (cleared) {
      return;
    }
    shedExcess();
    if (nothingIdle && room > 0) {
      claimHosts(now, room);
    }
  }

  /** When the frontier has something to do next: its next ready host, or a claim that is due. */
  long nextReadyAt(long ready) {
    if (cleared || pacing.finished()) {
      return ready;
    }
    return ready < 0 ? pacing.nextAt() : Math.min(ready, pacing.nextAt()); // a claim is due then
  }

  /** A store call of this node queued URLs: the crawl is not over, and a host may be ready to claim. */
  void queuedWork() {
    pacing.queuedWork(clock.getAsLong(), leases.held() == 0);
    onNewWork.run();
  }

  /** A completion of {@code origin} goes to the store; {@link #committed} when it landed. */
  void committing(String origin) {
    committing.merge(origin, 1, Integer::sum);
  }

  void committed(String origin) {
    committing.computeIfPresent(origin, (o, n) -> n == 1 ? null : n - 1);
    releaseIfDone(origin);
  }

  /**
   * A held host with nothing left here goes back to the store, with its clock and delay for the next holder; so
   * does one being shed once nothing of it is in memory or in flight, its URLs in the store left for the next.
   */
  void releaseIfDone(String origin) {
    boolean shed = shedding.contains(origin);
    if (!leases.holds(origin) || windows.inPlay(origin) || committing.containsKey(origin)
        || (shed ? windows.leasing(origin) : windows.hasMore(origin))) {
      return;
    }
    if (shed) {
      shedding.remove(origin);
      windows.forgetStored(origin);
    }
    HostHandover handover = windows.handover(origin);
    windows.track(leases.release(origin, handover.waitMs(), handover.delayMs(), handover.floorMs()))
        .onComplete(ar -> {
          pacing.released();
          onNewWork.run();
        });
  }

  /**
   * A node that holds more hosts than its fair share (another node joined after it claimed them) gives the excess
   * back: hosts with URLs still in the store, each no longer refilled and released once nothing of it is in memory
   * or in flight, its URLs queued for the next holder. Without it a node that starts late gets no host until the
   * first ones run dry.
   */
  private void shedExcess() {
    int excess = leases.held() - leases.fairShare() - shedding.size();
    if (excess <= 0) {
      return;
    }
    List<String> shed = new ArrayList<>();
    for (String origin : windows.withStoredUrls()) {
      if (shed.size() == excess) {
        break;
      }
      if (leases.holds(origin) && !shedding.contains(origin)) {
        shed.add(origin);
      }
    }
    shedding.addAll(shed);
    shed.forEach(this::releaseIfDone); // one not in play goes at once; the others when their window is empty
  }

  /**
   * The workers have room and no host this node holds fills it: ready hosts are claimed from the shared store
   * (one claim at a time; after a claim that found fewer than asked, not again for a backoff). A claim that
   * finds none also says whether the crawl is over everywhere.
   */
  private void claimHosts(long now, int room) {
    if (claiming || !pacing.due(now) || windows.full()) {
      return;
    }
    int share = leases.fairShare() - leases.held();
    if (share <= 0) {
      pacing.atShare(now);
      return;
    }
    claiming = true;
    long seq = pacing.workSeq();
    int asked = Math.min(room, share);
    windows.track(leases.claim(asked)).onComplete(ar -> {
      claiming = false;
      long at = clock.getAsLong();
      if (ar.failed() || cleared) {
        pacing.failed(at);
        onNewWork.run();
        return;
      }
      HostLeases.Claims claims = ar.result();
      for (HostLeases.Claimed host : claims.hosts()) {
        pacing.claimedHost();
        windows.claimed(host, at);
        if (host.queued() == 0) {
          releaseIfDone(host.origin());
        }
      }
      pacing.answered(asked, claims.hosts().size(), claims.crawlFinished(), seq, at);
      onNewWork.run(); // the dispatcher's next take brings the claimed hosts in, or arms the timer for a next claim
    });
  }

  private void lost(String origin) {
    shedding.remove(origin);
    windows.lost(origin);
  }
}
