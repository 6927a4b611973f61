package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostQueuesTest {
  private static CrawlTask task(String origin, String path) {
    return new CrawlTask(origin + path, origin, 0, null, 0, CrawlTask.Kind.PAGE);
  }

  private static HostQueues queues(long delay, int concurrency) {
    return new HostQueues(delay, concurrency, 0, () -> 0.0);
  }

  @Test
  void aHostWaitingOnItsDelayDoesNotHoldUpAnotherHost() {
    HostQueues queues = queues(1000, 1);
    queues.add(task("http://slow", "/1"));
    queues.add(task("http://slow", "/2"));
    queues.add(task("http://fast", "/1"));
    CrawlTask first = queues.poll(0);
    assertEquals("http://slow/1", first.url());
    queues.start(first, 0);
    queues.release(first, 0);
    assertEquals("http://fast/1", queues.poll(10).url(), "fast is ready while slow waits for 1000");
    assertNull(queues.poll(10));
    assertEquals(1001, queues.nextReadyAt(), "the delay plus a millisecond of margin");
    assertNull(queues.poll(1000));
    assertEquals("http://slow/2", queues.poll(1001).url());
  }

  @Test
  void neverMoreThanMaxConcurrencyStartedPerHost() {
    HostQueues queues = queues(0, 2);
    for (int i = 0; i < 5; i++) {
      queues.add(task("http://h", "/" + i));
    }
    CrawlTask a = queues.poll(0);
    queues.start(a, 0);
    CrawlTask b = queues.poll(0);
    queues.start(b, 0);
    assertNull(queues.poll(0), "third request must wait for a free slot");
    queues.release(a, 0);
    assertEquals("http://h/2", queues.poll(0).url());
    assertEquals(2, queues.pending());
  }

  @Test
  void onlyOneUrlPerHostIsHandedOutBeforeItStarts() {
    HostQueues queues = queues(100, 4);
    queues.add(task("http://h", "/1"));
    queues.add(task("http://h", "/2"));
    CrawlTask one = queues.poll(0);
    assertNull(queues.poll(0), "the clock cannot be known until the first one starts");
    queues.start(one, 50); // waited in the work queue: started at 50
    assertNull(queues.poll(150));
    assertEquals("http://h/2", queues.poll(151).url(), "the next start is a full delay after the actual start");
  }

  @Test
  void theNextStartAlsoWaitsAGapAfterTheLastEnd() {
    HostQueues queues = queues(100, 1);
    queues.add(task("http://h", "/1"));
    queues.add(task("http://h", "/2"));
    CrawlTask one = queues.poll(0);
    queues.start(one, 0);
    queues.release(one, 300); // a slow answer
    assertNull(queues.poll(300));
    assertEquals(401, queues.nextReadyAt());
  }

  @Test
  void jitterDrawsTheGapBetweenDelayAndDelayTimesOnePlusJitter() {
    HostQueues queues = new HostQueues(1000, 1, 0.5, () -> 0.999);
    queues.add(task("http://h", "/1"));
    queues.add(task("http://h", "/2"));
    CrawlTask one = queues.poll(0);
    queues.start(one, 0);
    queues.release(one, 0);
    assertEquals(1501, queues.nextReadyAt());
  }

  @Test
  void aBlockedHostWaitsAndAnUnstartedUrlLeavesTheClockAlone() {
    HostQueues queues = queues(100, 1);
    queues.add(task("http://h", "/1"));
    queues.add(task("http://h", "/2"));
    queues.blockUntil("http://h", 5000);
    assertNull(queues.poll(4999));
    CrawlTask one = queues.poll(5000);
    queues.unstart(one); // e.g. disallowed by robots.txt: no request was made
    assertEquals("http://h/2", queues.poll(5000).url());
  }

  @Test
  void aLongerDelayStretchesTheRunningGapAndDrainEmptiesAHost() {
    HostQueues queues = queues(100, 1);
    queues.add(task("http://h", "/1"));
    queues.add(task("http://h", "/2"));
    queues.add(task("http://h", "/3"));
    CrawlTask one = queues.poll(0);
    queues.start(one, 0);
    queues.release(one, 0);
    queues.setDelay("http://h", 400);
    assertEquals(401, queues.nextReadyAt());
    assertEquals(List.of("http://h/2", "http://h/3"), queues.drain("http://h").stream().map(CrawlTask::url).toList());
    assertEquals(0, queues.pending());
    assertEquals(-1, queues.nextReadyAt());
  }

  @Test
  void theFirstOriginsComeInNameOrderWithoutSortingThemAll() {
    HostQueues q = new HostQueues(0, 1, 0, () -> 0.0);
    for (String origin : List.of("http://d.test", "http://b.test", "http://e.test", "http://a.test", "http://c.test")) {
      q.setDelay(origin, 10);
    }
    assertEquals(List.of("http://a.test", "http://b.test", "http://c.test"), q.firstOrigins(3));
    assertEquals(5, q.firstOrigins(10).size());
  }

  @Test
  void hostsQueuedCountsTheOriginsWhoseQueueHoldsUrls() {
    HostQueues q = new HostQueues(0, 1, 0, () -> 0.0);
    q.add(new CrawlTask("http://a.test/1", "http://a.test", 0, null, 0, CrawlTask.Kind.PAGE));
    q.add(new CrawlTask("http://a.test/2", "http://a.test", 0, null, 0, CrawlTask.Kind.PAGE));
    q.add(new CrawlTask("http://b.test/1", "http://b.test", 0, null, 0, CrawlTask.Kind.PAGE));
    assertEquals(2, q.hostsQueued());
    q.poll(0);
    q.poll(0);
    assertEquals(1, q.hostsQueued(), "b's only URL is out: its queue is gone");
    q.drain("http://a.test");
    assertEquals(0, q.hostsQueued());
  }
}
