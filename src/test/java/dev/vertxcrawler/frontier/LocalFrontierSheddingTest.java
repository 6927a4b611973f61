package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.testing.ForwardingFrontierStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A node of a shared crawl that holds more hosts than its fair share (a node joined after it claimed them) gives
 * the excess back: not refilled, released once its window is empty, its URLs left in the store for the next
 * holder. The store answers at once (in memory); the host leases are a stand-in whose share the test sets, since
 * the real ones (PostgreSQL) are covered by PgHostLeasesIT and the cluster ITs.
 */
class LocalFrontierSheddingTest {
  private final CrawlConfig config = ConfigLoader.fromJson("{}", "test",
      List.of("politeness.minDelayMs=0", "politeness.jitter=0", "maxDepth=1000"));
  private final Admission admission = new Admission(config.maxDepth(), config.scope());
  private final HostQueues hosts = new HostQueues(0, 1, 0, () -> 0.0);
  private final Leases leases = new Leases();
  private final LocalFrontier frontier = new LocalFrontier(admission, hosts,
      new LeasedStore(new MemoryFrontierStore(0), leases), new Politeness(config.politeness()),
      new LeaseBounds(2, 100), () -> { }, () -> { });

  @Test
  void aNodeOverItsShareReleasesTheExcessOnceTheirWindowsAreEmptyWithTheirUrlsLeftForTheNextHolder() {
    frontier.open();
    List<CrawlTask> seeds = new ArrayList<>();
    for (int h = 0; h < 4; h++) {
      leases.held.add("http://h" + h + ".test");
      for (int p = 0; p < 10; p++) {
        seeds.add(admission.seed("http://h" + h + ".test/p/" + p));
      }
    }
    frontier.admit(seeds);
    Map<String, Integer> fetched = new HashMap<>();
    long now = 0;
    for (int round = 0; round < 3; round++) { // every host in play, a page or two of each fetched
      now = fetchAll(now, fetched);
    }
    assertEquals(List.of(), leases.released, "alone, a node keeps every host it holds");

    leases.share = 2; // two more nodes joined
    for (int round = 0; round < 20 && leases.released.size() < 2; round++) {
      now = fetchAll(now, fetched);
    }
    assertEquals(2, leases.released.size(), "two hosts over the share given back: " + leases.released);
    assertEquals(2, leases.held(), "the node keeps its share");
    List<String> shed = List.copyOf(leases.released);
    for (String origin : shed) {
      int here = fetched.getOrDefault(origin, 0);
      assertTrue(here < 10, origin + " was given back with URLs left for the next holder, " + here + " fetched here");
      assertEquals(0, hosts.queued(origin), "nothing of " + origin + " left in memory");
    }
    long leftForOthers = shed.stream().mapToLong(o -> 10 - fetched.getOrDefault(o, 0)).sum();
    Map<String, Integer> atRelease = new HashMap<>(fetched);
    for (int round = 0; round < 40 && frontier.queued() > 0; round++) {
      now = fetchAll(now, fetched);
    }
    assertEquals(0, frontier.queued(), "the hosts kept were crawled to the end");
    long fetchedHere = fetched.values().stream().mapToLong(Integer::longValue).sum();
    assertEquals(40 - leftForOthers, fetchedHere, "every URL fetched here or left in the store, none twice");
    assertEquals(4, leases.released.size(), "the two kept were released too, once done: " + leases.released);
    for (String origin : shed) {
      assertEquals(atRelease.get(origin), fetched.get(origin), "a released host is not fetched here again: " + origin);
    }
  }

  /** Takes every ready URL at {@code now} and completes each as fetched; the clock moves on. */
  private long fetchAll(long now, Map<String, Integer> fetched) {
    for (CrawlTask task : frontier.take(now, 8)) {
      assertTrue(leases.holds(task.origin()), "only held hosts are fetched: " + task.url());
      frontier.sent(task, now);
      fetched.merge(task.origin(), 1, Integer::sum);
      frontier.complete(Completion.committed(task, Completion.Slot.REQUESTED, FrontierStore.Outcome.DONE, null,
          List.of()), now);
    }
    return now + 1;
  }

  /** Host leases whose holdings and fair share the test sets; a claim finds nothing more. */
  private static final class Leases implements HostLeases {
    final Set<String> held = new LinkedHashSet<>();
    final List<String> released = new ArrayList<>();
    int share = Integer.MAX_VALUE;

    @Override
    public Future<Claims> claim(int max) {
      return Future.succeededFuture(new Claims(List.of(), false));
    }

    @Override
    public Future<Void> release(String origin, long waitMs, long delayMs, long floorMs) {
      if (held.remove(origin)) {
        released.add(origin);
      }
      return Future.succeededFuture();
    }

    @Override
    public boolean holds(String origin) {
      return held.contains(origin);
    }

    @Override
    public int held() {
      return held.size();
    }

    @Override
    public int fairShare() {
      return share;
    }

    @Override
    public boolean live() {
      return true;
    }

    @Override
    public void onLost(Consumer<String> lost) {
    }

    @Override
    public void onLive(Runnable live) {
    }

    @Override
    public void reportStatus(Supplier<JsonObject> status) {
    }

    @Override
    public JsonObject status() {
      return new JsonObject();
    }
  }

  /** The in-memory store with host leases, as a shared store has. */
  private record LeasedStore(FrontierStore delegate, HostLeases leases) implements ForwardingFrontierStore {
    @Override
    public Optional<HostLeases> hostLeases() {
      return Optional.of(leases);
    }
  }
}
