package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.frontier.Frontier;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The progress line and the host counts as /status and summary.json carry them. */
class StatusViewTest {
  @Test
  void theProgressLineShowsHostsByStateAndTheMemoryPerHost() {
    JsonObject snapshot = new JsonObject()
        .put("pages", new JsonObject().put("fetched", 42L).put("failed", 3L).put("skipped", 1L))
        .put("frontierQueued", 17L).put("queueDepth", 2L).put("pagesPerSecond", 14.0).put("elapsedSeconds", 3.0)
        .put("hostCounts", StatusView.hostCounts(new Frontier.HostCounts(2, 5, 9)))
        .put("memoryPerHostBytes", 3072L);
    assertEquals("42 fetched, 3 failed, 19 queued, 14.0 pages/s, hosts 2 active 5 waiting 9 done, 3.0 KiB/host, 3 s",
        StatusView.progressLine(snapshot));
  }

  @Test
  void hostCountsAreNamedByState() {
    assertEquals(new JsonObject().put("active", 1L).put("waiting", 2L).put("done", 3L),
        StatusView.hostCounts(new Frontier.HostCounts(1, 2, 3)));
  }

  @Test
  void theHeapIsSharedAmongKnownHostsWithoutForcingACollection() {
    assertEquals(0, HeapUse.perHost(0), "no host known yet");
    long heap = HeapUse.afterLastGc();
    assertTrue(heap > 0);
    assertTrue(HeapUse.perHost(1000) <= heap / 1000 * 2, "about the heap over the hosts");
  }
}
