package dev.vertxcrawler.frontier;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The bounded work queue between the frontier and the workers. {@link #offer} never blocks: it refuses when
 * full, and the caller keeps the item in its spill. A waiting taker receives an item directly. Poison pills
 * bypass the capacity so that shutdown never waits for space. Event-loop only, like everything it touches.
 */
public final class WorkQueue<T> {
  private final int capacity;
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final ArrayDeque<Consumer<T>> takers = new ArrayDeque<>();
  private int highWaterMark;

  public WorkQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
  }

  /** Hands the item to a waiting taker or queues it; false when the queue is full. */
  public boolean offer(T item) {
    Consumer<T> taker = takers.pollFirst();
    if (taker != null) {
      taker.accept(item);
      return true;
    }
    if (items.size() >= capacity) {
      return false;
    }
    enqueue(item);
    return true;
  }

  /** For poison pills only: delivered even when the queue is full. */
  public void put(T pill) {
    Consumer<T> taker = takers.pollFirst();
    if (taker != null) {
      taker.accept(pill);
    } else {
      items.addLast(pill);
    }
  }

  /** Calls {@code taker} with the next item, now if one is queued, otherwise when one is offered. */
  public void take(Consumer<T> taker) {
    T item = items.pollFirst();
    if (item != null) {
      taker.accept(item);
    } else {
      takers.addLast(taker);
    }
  }

  /** How many more items fit (waiting takers receive theirs directly, so never fewer than this are taken). */
  public int room() {
    return Math.max(0, capacity - items.size());
  }

  public boolean hasSpace() {
    return items.size() < capacity;
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public int size() {
    return items.size();
  }

  public int capacity() {
    return capacity;
  }

  /** The most items ever queued at once; never above the capacity. */
  public int highWaterMark() {
    return highWaterMark;
  }

  /** Removes and returns every queued item (used on shutdown). */
  public java.util.List<T> drain() {
    java.util.List<T> drained = new java.util.ArrayList<>(items);
    items.clear();
    return drained;
  }

  private void enqueue(T item) {
    items.addLast(item);
    highWaterMark = Math.max(highWaterMark, items.size());
  }
}
