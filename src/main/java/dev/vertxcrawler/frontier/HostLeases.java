package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hosts shared between nodes: a node works only on the hosts it holds. It {@linkplain #claim claims} ready ones
 * (their next fetch time passed by the store's clock, not held by a live node), keeps them while it renews its
 * leases, and {@linkplain #release releases} each when it has nothing of it left, with the host's clock and delay
 * for the next holder. A host whose lease another node took over is {@linkplain #onLost lost}: its window is
 * dropped and its completions are refused by the store ({@link HostLostException}).
 *
 * <p>Only a shared store has host leases ({@link FrontierStore#hostLeases()}); an embedded store holds every host.
 * Called on the crawl's event loop; nothing blocks.
 */
public interface HostLeases {

  /** A host now held: URLs queued for it, how long until it may be fetched, its delay state (-1: none saved). */
  record Claimed(String origin, long queued, long waitMs, long delayMs, long floorMs) {
  }

  /** What a claim got, and whether the crawl is over on every node (nothing queued or in flight anywhere). */
  record Claims(List<Claimed> hosts, boolean crawlFinished) {
  }

  /** Up to {@code max} ready hosts, now held by this node. */
  Future<Claims> claim(int max);

  /**
   * This node has nothing of {@code origin} left: the next holder may fetch it in {@code waitMs}, with this delay
   * state. URLs of it still in flight in the store (none should be) are queued again.
   */
  Future<Void> release(String origin, long waitMs, long delayMs, long floorMs);

  /** Whether this node holds {@code origin} now. */
  boolean holds(String origin);

  /** Hosts held now. */
  int held();

  /**
   * How many hosts this node should hold at most: its share of the hosts with work among the running nodes (one
   * more, so that the shares cover them all), as of its last heartbeat; unbounded while it knows of no other node.
   * Without it the first node of a crawl would claim every host while the others start.
   */
  int fairShare();

  /**
   * Whether the leases are sure to be live: renewed within the last part of their term. False while the store
   * cannot be reached: no request should start until a renewal gets through.
   */
  boolean live();

  /** Called with each origin found taken over by another node (its renewal did not come back). */
  void onLost(Consumer<String> lost);

  /** Called when the leases became {@linkplain #live live} again after they were not. */
  void onLive(Runnable live);

  /** What this node says of itself with each renewal, its heartbeat (e.g. its page counts). */
  void reportStatus(java.util.function.Supplier<io.vertx.core.json.JsonObject> status);

  /**
   * For {@code /status}: the hosts this node holds, leases it lost, whether the store is reachable, and the crawl
   * on every node as of the last heartbeat ({@code crawl}: live nodes and their pages).
   */
  io.vertx.core.json.JsonObject status();
}
