package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.testing.CrawlHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frontier.hostCounts: origins active (a URL out), waiting (URLs queued, none out) and done (nothing left). */
class HostCountsTest {
  private final CrawlConfig config = CrawlHarness.config();
  private final Admission admission = new Admission(config.maxDepth(), config.scope());
  private final LocalFrontier frontier = new LocalFrontier(admission,
      new HostQueues(0, 1, 0, () -> 0.0), new MemoryFrontierStore(0), new Politeness(config.politeness()),
      new LeaseBounds(64, 4000),
      () -> { }, () -> { });

  private void admit(String... urls) {
    List<CrawlTask> tasks = new ArrayList<>();
    for (String url : urls) {
      tasks.add(admission.seed(url));
    }
    frontier.open();
    frontier.admit(tasks); // the memory store answers at once
  }

  private void completeAll(List<CrawlTask> tasks) {
    for (CrawlTask task : tasks) {
      frontier.sent(task, 0);
      frontier.complete(Completion.committed(task, Completion.Slot.REQUESTED, FrontierStore.Outcome.DONE, null,
          List.of()), 0);
    }
  }

  @Test
  void queuedOriginsWaitAndFinishedOnesAreDone() {
    admit("http://a.example/1", "http://a.example/2", "http://b.example/1", "http://c.example/1");
    assertEquals(new Frontier.HostCounts(0, 3, 0), frontier.hostCounts());
    for (int i = 0; i < 4; i++) {
      completeAll(frontier.take(i * 10L, 10));
    }
    assertEquals(new Frontier.HostCounts(0, 0, 3), frontier.hostCounts());
    assertEquals(3, frontier.hostCounts().known());
  }

  /** For LocalFrontier answering from HostQueues; the contract's stand-in cannot see what is handed out. */
  @Test
  void anOriginWithAUrlHandedOutIsActive() {
    admit("http://a.example/1", "http://a.example/2", "http://b.example/1", "http://c.example/1");
    assertEquals(List.of(), frontier.take(0, 1), "brings a into play");
    List<CrawlTask> out = frontier.take(0, 1);
    assertEquals(new Frontier.HostCounts(1, 2, 0), frontier.hostCounts(), "a has a URL out and one queued: active");
    completeAll(out);
    List<CrawlTask> rest = new ArrayList<>(frontier.take(1, 10)); // a's second; brings b and c into play
    rest.addAll(frontier.take(1, 10));
    assertEquals(new Frontier.HostCounts(3, 0, 0), frontier.hostCounts());
    completeAll(rest);
    assertEquals(new Frontier.HostCounts(0, 0, 3), frontier.hostCounts());
  }
}
