package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.CrawlConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local frontier over the in-memory store (every store call completes at once): what it holds in memory,
 * and what it does with each completion's slot. Clocks are plain numbers.
 */
class LocalFrontierTest {
  private final CrawlConfig config = ConfigLoader.fromJson("{}", "test",
      List.of("politeness.minDelayMs=0", "politeness.jitter=0", "maxDepth=1000"));
  private final Admission admission = new Admission(config.maxDepth(), config.scope());
  private final HostQueues hosts = new HostQueues(0, 1, 0, () -> 0.0);

  private LocalFrontier frontier(LeaseBounds bounds) {
    LocalFrontier frontier = new LocalFrontier(admission, hosts, new MemoryFrontierStore(0),
        new Politeness(config.politeness()), bounds, () -> { }, () -> { });
    frontier.open();
    return frontier;
  }

  private void admit(LocalFrontier frontier, int hostCount, int pagesPerHost) {
    List<CrawlTask> tasks = new ArrayList<>();
    for (int h = 0; h < hostCount; h++) {
      for (int p = 0; p < pagesPerHost; p++) {
        tasks.add(admission.seed("http://h" + h + ".test/p/" + p));
      }
    }
    frontier.admit(tasks);
  }

  @ParameterizedTest(name = "concurrency {0} per host, queue {1}: {2} per host, {3} in all")
  @CsvSource({
      "1, 1000, 2, 8000",
      "4, 1000, 8, 8000",
      "16, 10, 32, 80",
      "100, 1, 64, 64"
  })
  void leaseBoundsFollowTheWorkTheWorkersCanDo(int concurrency, int queueCapacity, int perHost, int total) {
    assertEquals(new LeaseBounds(perHost, total), LeaseBounds.of(concurrency, queueCapacity));
  }

  @Test
  void hostsComeIntoPlayOnlyWhenTheWorkersHaveRoomThatNoHostInPlayFills() {
    LocalFrontier frontier = frontier(new LeaseBounds(2, 100));
    admit(frontier, 50, 20);
    assertEquals(0, hosts.pending(), "nothing leased before the workers ask");
    assertEquals(1000, frontier.queued(), "every URL counted, in the store");
    assertEquals(List.of(), frontier.take(0, 3), "no host in play yet: three are brought in");
    assertEquals(3, hosts.hostCount(), "three hosts hold a window, the other 47 only their count in the store");
    assertEquals(6, hosts.pending(), "a window of two each");
    List<CrawlTask> taken = frontier.take(0, 3);
    assertEquals(List.of("http://h0.test", "http://h1.test", "http://h2.test"),
        taken.stream().map(CrawlTask::origin).toList(), "oldest first");
    assertEquals(3, hosts.hostCount(), "the three in play filled the room: no other host was brought in");
    assertEquals(List.of(), frontier.take(0, 2), "all three wait for their delay: two more are brought in");
    assertEquals(5, hosts.hostCount());
  }

  @Test
  void manyHostsHoldNoMoreThanTheTotalInMemoryAndTheRestWaitsInTheStore() {
    LocalFrontier frontier = frontier(new LeaseBounds(2, 10));
    admit(frontier, 50, 20);
    frontier.take(0, 50);
    assertEquals(10, hosts.pending(), "ten URLs leased in all, not two for each host asked for");
    assertEquals(1000, frontier.queued(), "the others are counted, in the store");
    assertEquals(5, hosts.hostCount(), "only the hosts holding URLs have a queue");
  }

  @Test
  void handingOutMakesRoomForHostsThatWaitedAndEveryUrlComesOutOnce() {
    LocalFrontier frontier = frontier(new LeaseBounds(2, 10));
    admit(frontier, 50, 20);
    Set<String> seen = new HashSet<>();
    long now = 0;
    while (frontier.queued() > 0) {
      List<CrawlTask> taken = frontier.take(now, 8);
      assertTrue(hosts.pending() <= 10, hosts.pending() + " URLs in memory");
      for (CrawlTask task : taken) {
        assertTrue(seen.add(task.url()), task.url() + " handed out twice");
        frontier.sent(task, now);
        frontier.complete(Completion.committed(task, Completion.Slot.REQUESTED, FrontierStore.Outcome.DONE, null,
            List.of()), now);
      }
      now += 10;
    }
    assertEquals(1000, seen.size());
    assertTrue(frontier.isEmpty());
  }

  @Test
  void aRequeuedTaskGoesBackToTheHeadOfItsHostAndAnUnusedSlotLeavesTheClockAlone() {
    HostQueues delayed = new HostQueues(1000, 1, 0, () -> 0.0);
    LocalFrontier frontier = new LocalFrontier(admission, delayed, new MemoryFrontierStore(0),
        new Politeness(config.politeness()), new LeaseBounds(4, 100), () -> { }, () -> { });
    frontier.open();
    frontier.admit(List.of(admission.seed("http://a.test/1"), admission.seed("http://a.test/2")));
    assertEquals(List.of(), frontier.take(0, 1), "brings the host into play");
    CrawlTask first = frontier.take(0, 1).get(0);
    frontier.complete(Completion.requeued(first, Completion.Slot.UNUSED), 5);
    assertEquals(List.of(first), frontier.take(5, 1), "no request went out: the host is ready at once");
    frontier.sent(first, 10);
    frontier.complete(Completion.committed(first, Completion.Slot.REQUESTED, FrontierStore.Outcome.DONE, null,
        List.of()), 20);
    assertEquals(List.of(), frontier.take(1020, 1), "a delay after the end, and a millisecond of margin");
    assertEquals("http://a.test/2", frontier.take(1021, 1).get(0).url());
  }

  @Test
  void roomFreedByAGivenUpHostGoesToItsOwnRestAndThenToTheHostsThatWaited() {
    LocalFrontier frontier = frontier(new LeaseBounds(2, 4));
    admit(frontier, 3, 5);
    frontier.take(0, 3);
    assertEquals(4, hosts.pending(), "two hosts' windows fill the total; the third waits in the store");
    assertEquals(2, frontier.removeWaiting("http://h0.test").size());
    assertEquals(4, hosts.pending(), "the given-up host's rest came in, to be decided too");
    assertEquals(2, frontier.removeWaiting("http://h0.test").size());
    assertEquals(1, frontier.removeWaiting("http://h0.test").size());
    assertEquals(2, hosts.pending(), "h0 is done; h1's window is left");
    assertEquals(1, frontier.take(0, 3).size(), "h1's next; the room left brings h2 into the freed room");
    assertEquals(3, hosts.hostCount());
    assertEquals(3, hosts.pending(), "h2's window came in; h1 keeps its one (a window is refilled once empty)");
  }

  @Test
  void aWindowOfTwoIsRefilledWhenEmptyByOneLeaseOfTwoNotOneLeasePerPage() {
    HostQueues queues = new HostQueues(0, 1, 0, () -> 0.0);
    LocalFrontier frontier = new LocalFrontier(admission, queues, new MemoryFrontierStore(0),
        new Politeness(config.politeness()), new LeaseBounds(2, 100), () -> { }, () -> { });
    frontier.open();
    admit(frontier, 1, 10);
    frontier.take(0, 1); // brings the host into play
    List<Integer> windowAfterEachTake = new ArrayList<>();
    for (int page = 0; page < 10; page++) {
      CrawlTask task = frontier.take(page, 1).get(0);
      windowAfterEachTake.add(queues.queued(task.origin()));
      frontier.sent(task, page);
      frontier.complete(Completion.committed(task, Completion.Slot.REQUESTED, FrontierStore.Outcome.DONE, null,
          List.of()), page);
    }
    // The store answers at once here, so a lease shows as the window back at two right after the take.
    assertEquals(List.of(1, 2, 1, 2, 1, 2, 1, 2, 1, 0), windowAfterEachTake,
        "one left after a take (no lease), refilled with two once empty: five leases for ten pages");
    assertTrue(frontier.isEmpty());
  }

  @Test
  void aGivenUpHostsUrlsStillInTheStoreAreLeasedSoThatTheyAreDecidedToo() {
    LocalFrontier frontier = frontier(new LeaseBounds(2, 100));
    admit(frontier, 1, 5);
    frontier.take(0, 1);
    assertEquals(2, frontier.removeWaiting("http://h0.test").size());
    assertEquals(2, hosts.pending(), "the next two of its five came in");
    assertEquals(5, frontier.removeWaiting("http://h0.test").size() + 2 + frontier.removeWaiting("http://h0.test").size());
    assertTrue(frontier.isEmpty());
  }
}
