package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostQueuesTest {
  private static CrawlTask task(String origin, String path) {
    return new CrawlTask(origin + path, origin, 0, null, 0);
  }

  @Test
  void aHostWaitingOnItsDelayDoesNotHoldUpAnotherHost() {
    HostQueues queues = new HostQueues(1000, 1);
    queues.add(task("http://slow", "/1"));
    queues.add(task("http://slow", "/2"));
    queues.add(task("http://fast", "/1"));
    CrawlTask first = queues.poll(0);
    assertEquals("http://slow/1", first.url());
    assertTrue(queues.tryStart(first, 0));
    queues.release(first);
    // slow's clock says 1000; fast is ready now.
    assertEquals("http://fast/1", queues.poll(10).url());
    assertNull(queues.poll(10));
    assertEquals(1000, queues.nextReadyAt());
    assertEquals("http://slow/2", queues.poll(1000).url());
  }

  @Test
  void neverMoreThanMaxConcurrencyHandedOutPerHost() {
    HostQueues queues = new HostQueues(0, 2);
    for (int i = 0; i < 5; i++) {
      queues.add(task("http://h", "/" + i));
    }
    CrawlTask a = queues.poll(0);
    CrawlTask b = queues.poll(0);
    assertNull(queues.poll(0), "third request must wait for a free slot");
    queues.release(a);
    assertEquals("http://h/2", queues.poll(0).url());
    assertEquals(2, queues.pending());
    queues.release(b);
  }

  @Test
  void aStartTooSoonAfterThePreviousStartIsDeferredToTheFrontOfItsQueue() {
    HostQueues queues = new HostQueues(100, 2);
    queues.add(task("http://h", "/1"));
    queues.add(task("http://h", "/2"));
    CrawlTask one = queues.poll(0);
    assertTrue(queues.tryStart(one, 50)); // waited in the work queue: started at 50
    CrawlTask two = queues.poll(100);
    assertFalse(queues.tryStart(two, 120), "only 70 ms after the previous start");
    assertEquals(1, queues.pending());
    assertEquals(150, queues.nextReadyAt());
    assertEquals("http://h/2", queues.poll(150).url());
  }
}
