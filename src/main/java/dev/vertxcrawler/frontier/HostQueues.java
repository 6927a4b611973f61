package dev.vertxcrawler.frontier;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Admitted URLs waiting for their host's clock: one queue per origin, and a priority queue of the origins
 * that could start a request, ordered by when they may. Only a ready origin hands out a URL, so a host
 * waiting on its delay never holds up another host. Event-loop only.
 *
 * <p>Two rules hold per origin: never more than {@code maxConcurrency} handed out and unfinished, and
 * request starts at least {@code delayMs} apart. The second is checked again when a worker actually
 * starts ({@link #tryStart}), because a handed-out URL may wait in the work queue before it starts.
 *
 * <p>These queues are the frontier's spill: the bounded work queue never blocks admission, and a URL that
 * does not fit waits here. They are in memory for now; the crawl-state store makes them persistent.
 */
public final class HostQueues {
  private final Map<String, Host> hosts = new HashMap<>();
  private final PriorityQueue<Host> ready =
      new PriorityQueue<>(Comparator.comparingLong((Host h) -> h.nextStartAt).thenComparingLong(h -> h.order));
  private final long delayMs;
  private final int maxConcurrency;
  private long pending;
  private long orderCounter;

  public HostQueues(long delayMs, int maxConcurrency) {
    this.delayMs = delayMs;
    this.maxConcurrency = maxConcurrency;
  }

  public void add(CrawlTask task) {
    Host host = hosts.computeIfAbsent(task.origin(), Host::new);
    host.queue.addLast(task);
    pending++;
    schedule(host);
  }

  /** The next URL whose origin may start a request at {@code now}, or null. */
  public CrawlTask poll(long now) {
    Host host = ready.peek();
    if (host == null || host.nextStartAt > now) {
      return null;
    }
    ready.poll();
    host.scheduled = false;
    CrawlTask task = host.queue.pollFirst();
    pending--;
    host.active++;
    host.nextStartAt = Math.max(host.nextStartAt, now) + delayMs;
    schedule(host);
    return task;
  }

  /**
   * Called when a worker is about to send the request. False means the origin's last start was too recent
   * (the URL waited in the work queue); the URL then goes back to the front of its queue.
   */
  public boolean tryStart(CrawlTask task, long now) {
    Host host = hosts.get(task.origin());
    if (host.lastStartAt != Long.MIN_VALUE && now < host.lastStartAt + delayMs) {
      host.active--;
      host.queue.addFirst(task);
      pending++;
      host.nextStartAt = host.lastStartAt + delayMs;
      schedule(host);
      return false;
    }
    host.lastStartAt = now;
    return true;
  }

  /** The request for {@code task} is over (whatever its outcome): its concurrency slot is free again. */
  public void release(CrawlTask task) {
    Host host = hosts.get(task.origin());
    host.active--;
    schedule(host);
  }

  /** When the earliest waiting origin may start, or -1 if none is waiting for its clock. */
  public long nextReadyAt() {
    Host host = ready.peek();
    return host == null ? -1 : host.nextStartAt;
  }

  public long pending() {
    return pending;
  }

  public int hostCount() {
    return hosts.size();
  }

  /** Drops every waiting URL (maxPages reached or shutdown) and says how many there were. */
  public long clear() {
    long dropped = pending;
    for (Host host : hosts.values()) {
      host.queue.clear();
      host.scheduled = false;
    }
    ready.clear();
    pending = 0;
    return dropped;
  }

  private void schedule(Host host) {
    if (!host.scheduled && !host.queue.isEmpty() && host.active < maxConcurrency) {
      host.scheduled = true;
      host.order = orderCounter++;
      ready.add(host);
    }
  }

  private static final class Host {
    final ArrayDeque<CrawlTask> queue = new ArrayDeque<>();
    long nextStartAt;
    long lastStartAt = Long.MIN_VALUE;
    int active;
    boolean scheduled;
    long order;

    Host(String origin) {
    }
  }
}
