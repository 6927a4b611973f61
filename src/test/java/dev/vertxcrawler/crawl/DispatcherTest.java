package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.Completion;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostAnswer;
import dev.vertxcrawler.frontier.HostQueues;
import dev.vertxcrawler.frontier.LeaseBounds;
import dev.vertxcrawler.frontier.LocalFrontier;
import dev.vertxcrawler.frontier.MemoryFrontierStore;
import dev.vertxcrawler.frontier.Politeness;
import dev.vertxcrawler.frontier.WorkQueue;
import org.junit.jupiter.api.Test;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Dispatch without a server: a hand-moved clock and timers, the local frontier over the in-memory store, the
 * real work queue. What it checks is when each URL is handed to a worker.
 */
class DispatcherTest {
  /** A clock moved by hand; timers fire when it passes them. */
  static final class ManualTimers implements Timers {
    private final TreeMap<Long, List<Runnable>> due = new TreeMap<>();
    private final java.util.Map<Long, Long> atById = new java.util.HashMap<>();
    private long now = 1_000;
    private long nextId;

    @Override
    public long now() {
      return now;
    }

    @Override
    public long schedule(long delayMs, Runnable action) {
      long id = nextId++;
      long at = now + Math.max(1, delayMs);
      due.computeIfAbsent(at, k -> new ArrayList<>()).add(() -> {
        if (atById.remove(id) != null) {
          action.run();
        }
      });
      atById.put(id, at);
      return id;
    }

    @Override
    public void cancel(long id) {
      atById.remove(id);
    }

    int pending() {
      return atById.size();
    }

    void advance(long ms) {
      long until = now + ms;
      while (!due.isEmpty() && due.firstKey() <= until) {
        var entry = due.pollFirstEntry();
        now = entry.getKey();
        entry.getValue().forEach(Runnable::run);
      }
      now = until;
    }
  }

  private final ManualTimers timers = new ManualTimers();
  private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
  private LocalFrontier frontier;
  private WorkQueue<CrawlTask> queue;
  private Dispatcher dispatcher;
  private Admission admission;

  private void setUp(int queueCapacity, long maxPages, String... overrides) {
    setUp(queueCapacity, queueCapacity, maxPages, overrides);
  }

  private void setUp(int queueCapacity, int lookahead, long maxPages, String... overrides) {
    CrawlConfig config = ConfigLoader.fromJson("{}", "test", List.of(overrides));
    admission = new Admission(config.maxDepth(), config.scope());
    HostQueues hosts = new HostQueues(config.politeness().minDelayMs(), config.politeness().maxConcurrencyPerHost(),
        0, () -> 0.0);
    queue = new WorkQueue<>(queueCapacity);
    frontier = new LocalFrontier(admission, hosts, new MemoryFrontierStore(0), new Politeness(config.politeness()),
        new LeaseBounds(64, 4000), () -> dispatcher.wake(), () -> { });
    dispatcher = new Dispatcher(frontier, queue, new PageBudget(maxPages), timers, lookahead, deferred::add);
    frontier.open();
  }

  private void admit(String... urls) {
    List<CrawlTask> tasks = new ArrayList<>();
    for (String url : urls) {
      tasks.add(admission.seed(url));
    }
    frontier.admit(tasks);
  }

  private void runDeferred() {
    while (!deferred.isEmpty()) {
      deferred.poll().run();
    }
  }

  private List<String> drainQueue() {
    List<String> taken = new ArrayList<>();
    while (!queue.isEmpty()) {
      queue.take(task -> taken.add(task.url()));
    }
    return taken;
  }

  /**
   * The worker's request for {@code url} goes out now and ends now (the host's clock counts from here); then,
   * as a worker does, it takes the next, which dispatches.
   */
  private void fetched(String url) {
    CrawlTask task = admission.seed(url);
    dispatcher.onSent(task).run();
    frontier.complete(Completion.committed(task, Completion.Slot.REQUESTED, FrontierStore.Outcome.DONE, null,
        List.of()), timers.now());
    dispatcher.dispatch();
  }

  @Test
  void newWorkIsDispatchedOnceOnTheNextTurnHoweverOftenTheFrontierSignals() {
    setUp(10, 0, "politeness.minDelayMs=0");
    admit("http://a.test/", "http://b.test/", "http://c.test/");
    assertTrue(queue.isEmpty(), "nothing moves until the deferred dispatch runs");
    assertEquals(1, deferred.size(), "three windows filled, one wake-up");
    runDeferred();
    assertEquals(List.of("http://a.test/", "http://b.test/", "http://c.test/"), drainQueue());
  }

  @Test
  void aFullQueueLeavesTheRestWaitingInTheFrontierUntilAWorkerTakesOne() {
    setUp(2, 0, "politeness.minDelayMs=0");
    admit("http://a.test/", "http://b.test/", "http://c.test/");
    runDeferred();
    assertEquals(2, queue.size());
    assertEquals(1, frontier.queued(), "the third waits, it is not dropped");
    queue.take(task -> { });
    dispatcher.dispatch();
    runDeferred(); // the third host's first lease lands, then it is dispatched
    assertEquals(2, queue.size());
    assertEquals(0, frontier.queued());
  }

  @Test
  void theQueueIsKeptOnlyLookaheadDeepSoThatNoMoreHostsAreInPlayThanTheWorkersReach() {
    setUp(100, 2, 0, "politeness.minDelayMs=0");
    admit("http://a.test/", "http://b.test/", "http://c.test/", "http://d.test/");
    runDeferred();
    assertEquals(List.of("http://a.test/", "http://b.test/"), drainQueue().subList(0, 2));
    assertEquals(0, queue.size());
    dispatcher.dispatch();
    runDeferred();
    assertEquals(List.of("http://c.test/", "http://d.test/"), drainQueue(), "two at a time, not all four at once");
  }

  @Test
  void lookaheadIsTwiceTheWorkersWithinTheQueuesCapacity() {
    assertEquals(8, Dispatcher.lookahead(4, 1000));
    assertEquals(4, Dispatcher.lookahead(1, 1000));
    assertEquals(3, Dispatcher.lookahead(64, 3));
  }

  @Test
  void aHostsNextUrlGoesOutOneDelayAfterItsRequestEndedAndNotBefore() {
    setUp(10, 0, "politeness.minDelayMs=500", "politeness.jitter=0");
    admit("http://a.test/1", "http://a.test/2");
    runDeferred();
    assertEquals(List.of("http://a.test/1"), drainQueue(), "one URL of a host at a time");
    timers.advance(40);
    fetched("http://a.test/1");
    assertEquals(1, timers.pending(), "one timer, for the moment the host is ready");
    timers.advance(500);
    assertTrue(queue.isEmpty(), "500 ms after the end is still within the gap (a millisecond of margin)");
    timers.advance(1);
    assertEquals(List.of("http://a.test/2"), drainQueue());
  }

  @Test
  void theBudgetStopsDispatchAtMaxPagesAndLeavesNoTimer() {
    setUp(10, 2, "politeness.minDelayMs=0");
    admit("http://a.test/", "http://b.test/", "http://c.test/");
    runDeferred();
    assertEquals(2, drainQueue().size());
    assertEquals(1, frontier.queued());
    assertEquals(0, timers.pending());
  }

  @Test
  void aRetryAfterHoldsTheHostAndTheTimerWakesDispatchWhenItIsOver() {
    setUp(10, 0, "politeness.minDelayMs=100", "politeness.jitter=0");
    admit("http://a.test/1");
    runDeferred();
    CrawlTask task = admission.seed(drainQueue().get(0));
    dispatcher.onSent(task).run();
    Politeness.DelayDecision decision = frontier.answered(task.origin(),
        new HostAnswer(10, true, true, 3_000L, 503), timers.now());
    assertEquals(3_000, decision.blockForMs());
    frontier.complete(Completion.requeued(task.retried(), Completion.Slot.REQUESTED), timers.now());
    dispatcher.dispatch();
    timers.advance(2_999);
    assertTrue(queue.isEmpty(), "held by Retry-After");
    timers.advance(1);
    assertEquals(List.of("http://a.test/1"), drainQueue());
  }

  @Test
  void aStoppedDispatcherHandsOutNothingAndCancelsItsTimer() {
    setUp(10, 0, "politeness.minDelayMs=500", "politeness.jitter=0");
    admit("http://a.test/1", "http://a.test/2");
    runDeferred();
    drainQueue();
    fetched("http://a.test/1");
    assertEquals(1, timers.pending());
    dispatcher.stop();
    assertEquals(0, timers.pending());
    timers.advance(10_000);
    dispatcher.dispatch();
    assertTrue(queue.isEmpty());
  }
}
