package dev.vertxcrawler.frontier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Admitted URLs waiting for their host's clock: one queue per origin, and a priority queue of the origins
 * that could start a request, ordered by when they may. Only a ready origin hands out a URL, so a host
 * waiting on its delay never holds up another host. Event-loop only.
 *
 * <p>Per origin: at most one URL handed out and not yet started (so starts follow the clock exactly, even
 * when a URL waits in the work queue), at most {@code maxConcurrency} started and unfinished, and each start
 * at least a gap after the previous start and the previous end, the gap drawn uniformly from
 * [delay, delay × (1 + jitter)] at each start. An origin can
 * also be blocked until a moment (Retry-After, robots.txt retry).
 *
 * <p>These queues are the frontier's spill: the bounded work queue never blocks admission, and a URL that
 * does not fit waits here (in memory for now; the crawl-state store makes them persistent).
 */
public final class HostQueues {
  private final Map<String, Host> hosts = new HashMap<>();
  private final PriorityQueue<Host> ready =
      new PriorityQueue<>(Comparator.comparingLong(Host::readyAt).thenComparingLong(h -> h.order));
  private final long defaultDelayMs;
  private final int maxConcurrency;
  private final double jitter;
  private final DoubleSupplier random;
  private long pending;
  /** Origins whose queue holds URLs. */
  private long hostsQueued;
  private long orderCounter;

  public HostQueues(long defaultDelayMs, int maxConcurrency, double jitter, DoubleSupplier random) {
    this.defaultDelayMs = defaultDelayMs;
    this.maxConcurrency = maxConcurrency;
    this.jitter = jitter;
    this.random = random;
  }

  public void add(CrawlTask task) {
    Host host = host(task.origin());
    queueOf(host).addLast(task);
    pending++;
    schedule(host);
  }

  /** Puts a URL back at the head of its origin's queue (after robots.txt was fetched in its slot, or a retry). */
  public void addFirst(CrawlTask task) {
    Host host = host(task.origin());
    queueOf(host).addFirst(task);
    pending++;
    schedule(host);
  }

  /** The next URL whose origin may start a request at {@code now}, or null. */
  public CrawlTask poll(long now) {
    Host host = ready.peek();
    if (host == null || host.readyAt() > now) {
      return null;
    }
    ready.poll();
    host.scheduled = false;
    CrawlTask task = host.queue.pollFirst();
    if (host.queue.isEmpty()) {
      host.queue = null;
      hostsQueued--;
    }
    pending--;
    host.awaitingStart = true;
    return task;
  }

  /** A worker will make a request for this handed-out URL: it takes a concurrency slot. */
  public void begin(CrawlTask task) {
    hosts.get(task.origin()).active++;
  }

  /**
   * A request to the origin just went out on a connection: the clock counts from now, with a freshly drawn
   * gap. Called again for each further request in the same slot (robots.txt redirect hops).
   */
  public void stamp(String origin, long now) {
    Host host = hosts.get(origin);
    if (host.awaitingStart) {
      host.awaitingStart = false;
      host.gap = host.delayMs + Math.round(host.delayMs * jitter * random.getAsDouble());
    }
    host.lastStartAt = now;
    reschedule(host);
  }

  /** For tests and simple callers: begin and stamp at once. */
  public void start(CrawlTask task, long now) {
    begin(task);
    stamp(task.origin(), now);
  }

  /** A handed-out URL was decided without a request (e.g. robots.txt disallows it): the clock is untouched. */
  public void unstart(CrawlTask task) {
    Host host = hosts.get(task.origin());
    host.awaitingStart = false;
    schedule(host);
  }

  /**
   * A started request is over, whatever its outcome, at {@code now}: its concurrency slot is free again, and
   * the next start also waits a gap after this end — so that even a server that reads requests late (busy,
   * queueing) never sees two starts closer than the delay.
   */
  public void release(CrawlTask task, long now) {
    Host host = hosts.get(task.origin());
    host.active--;
    host.awaitingStart = false;
    host.lastEndAt = Math.max(host.lastEndAt, now);
    reschedule(host);
  }

  /** No request to this origin starts before {@code until}. */
  public void blockUntil(String origin, long until) {
    Host host = host(origin);
    if (until > host.blockedUntil) {
      host.blockedUntil = until;
      reschedule(host);
    }
  }

  /** Sets the origin's delay; a longer one also stretches the gap already running since the last start. */
  public void setDelay(String origin, long delayMs) {
    Host host = host(origin);
    host.delayMs = delayMs;
    if (delayMs > host.gap) {
      host.gap = delayMs;
      reschedule(host);
    }
  }

  public long delay(String origin) {
    Host host = hosts.get(origin);
    return host == null ? defaultDelayMs : host.delayMs;
  }

  /**
   * A URL that was handed out and {@linkplain #begin begun} ends without a request having gone out (robots.txt
   * disallows it, the host was given up, the crawl is stopping): its slot is free, the clock is untouched.
   */
  public void abandon(CrawlTask task) {
    Host host = hosts.get(task.origin());
    host.active--;
    host.awaitingStart = false;
    reschedule(host);
  }

  /** Removes and returns every URL waiting for one origin (the crawl gave up on it). */
  public List<CrawlTask> drain(String origin) {
    Host host = hosts.get(origin);
    if (host == null) {
      return List.of();
    }
    if (host.queue == null) {
      return List.of();
    }
    List<CrawlTask> drained = new ArrayList<>(host.queue);
    pending -= drained.size();
    host.queue = null;
    hostsQueued--;
    reschedule(host);
    return drained;
  }

  /** When the earliest waiting origin may start, or -1 if none is waiting. */
  public long nextReadyAt() {
    Host host = ready.peek();
    return host == null ? -1 : host.readyAt();
  }

  /** When {@code origin} may next start a request (monotonic ms); the past for a host not known. */
  public long readyAt(String origin) {
    Host host = hosts.get(origin);
    return host == null ? Long.MIN_VALUE / 2 : host.readyAt();
  }

  /** URLs of one origin waiting in memory. */
  public int queued(String origin) {
    Host host = hosts.get(origin);
    return host == null || host.queue == null ? 0 : host.queue.size();
  }

  public long hostsQueued() {
    return hostsQueued;
  }

  public long pending() {
    return pending;
  }

  public int hostCount() {
    return hosts.size();
  }

  /**
   * Origins by state: active (a URL handed out or in flight), waiting (URLs queued here or, by
   * {@code storedOnly}, in the store), done (known, nothing left). One pass over the hosts known.
   */
  public Frontier.HostCounts counts(Predicate<String> hasStored) {
    long active = 0;
    long waiting = 0;
    for (Map.Entry<String, Host> e : hosts.entrySet()) {
      Host host = e.getValue();
      if (host.active > 0 || host.awaitingStart) {
        active++;
      } else if (host.queue != null || hasStored.test(e.getKey())) {
        waiting++;
      }
    }
    return new Frontier.HostCounts(active, waiting, hosts.size() - active - waiting);
  }

  /** The origin is in play: URLs of it wait here, or one is handed out or in flight. */
  public boolean inPlay(String origin) {
    Host host = hosts.get(origin);
    return host != null && (host.queue != null || host.active > 0 || host.awaitingStart);
  }

  public boolean knows(String origin) {
    return hosts.containsKey(origin);
  }

  /** The first {@code limit} origins in name order, without sorting them all (the status view asks often). */
  public List<String> firstOrigins(int limit) {
    PriorityQueue<String> last = new PriorityQueue<>(Comparator.reverseOrder());
    for (String origin : hosts.keySet()) {
      if (last.size() < limit) {
        last.add(origin);
      } else if (origin.compareTo(last.peek()) < 0) {
        last.poll();
        last.add(origin);
      }
    }
    List<String> first = new ArrayList<>(last);
    first.sort(null);
    return first;
  }

  /** The delay in force per origin, for the summary. */
  public Map<String, Long> delays() {
    Map<String, Long> delays = new HashMap<>();
    hosts.forEach((origin, host) -> delays.put(origin, host.delayMs));
    return delays;
  }

  /** Drops every waiting URL (maxPages reached or shutdown) and says how many there were. */
  public long clear() {
    long dropped = pending;
    for (Host host : hosts.values()) {
      host.queue = null;
      host.scheduled = false;
    }
    ready.clear();
    pending = 0;
    hostsQueued = 0;
    return dropped;
  }

  private ArrayDeque<CrawlTask> queueOf(Host host) {
    if (host.queue == null) {
      host.queue = new ArrayDeque<>(4);
      hostsQueued++;
    }
    return host.queue;
  }

  private Host host(String origin) {
    return hosts.computeIfAbsent(origin, o -> new Host(defaultDelayMs));
  }

  private void reschedule(Host host) {
    if (host.scheduled) {
      ready.remove(host);
      host.scheduled = false;
    }
    schedule(host);
  }

  private void schedule(Host host) {
    if (!host.scheduled && host.queue != null && !host.awaitingStart && host.active < maxConcurrency) {
      host.scheduled = true;
      host.order = orderCounter++;
      ready.add(host);
    }
  }

  private static final class Host {
    /** Only while URLs wait: a host between requests keeps its clock, not an empty queue (50 000 hosts add up). */
    ArrayDeque<CrawlTask> queue;
    long delayMs;
    long gap;
    long lastStartAt = Long.MIN_VALUE / 2;
    long lastEndAt = Long.MIN_VALUE / 2;
    long blockedUntil = Long.MIN_VALUE / 2;
    int active;
    boolean awaitingStart;
    boolean scheduled;
    long order;

    Host(long delayMs) {
      this.delayMs = delayMs;
    }


    /** A millisecond of margin: clocks are cut to whole milliseconds, and the gap must never come up short. */
    long readyAt() {
      long margin = gap > 0 ? 1 : 0;
      return Math.max(Math.max(lastStartAt, lastEndAt) + gap + margin, blockedUntil);
    }
  }
}
