package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  @Test
  void offerRefusesWhenFullInsteadOfBlockingOrDropping() {
    WorkQueue<String> queue = new WorkQueue<>(2);
    assertTrue(queue.offer("a"));
    assertTrue(queue.offer("b"));
    assertFalse(queue.offer("c"));
    assertEquals(2, queue.size());
    assertEquals(2, queue.highWaterMark());
  }

  @Test
  void aWaitingTakerGetsTheNextOfferDirectly() {
    WorkQueue<String> queue = new WorkQueue<>(1);
    List<String> taken = new ArrayList<>();
    queue.take(taken::add);
    assertTrue(queue.offer("x"));
    assertEquals(List.of("x"), taken);
    assertEquals(0, queue.size());
  }

  @Test
  void poisonPillsBypassTheCapacity() {
    WorkQueue<String> queue = new WorkQueue<>(1);
    queue.offer("work");
    queue.put("pill");
    queue.put("pill");
    List<String> taken = new ArrayList<>();
    queue.take(taken::add);
    queue.take(taken::add);
    queue.take(taken::add);
    assertEquals(List.of("work", "pill", "pill"), taken);
  }
}
