package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.frontier.WorkQueue;
import java.util.function.Consumer;

/**
 * Moves URLs whose host is ready from the frontier into the bounded work queue, as many as the queue has room
 * for and the page budget allows, and keeps one timer set for the moment the earliest waiting host becomes
 * ready. A full queue never blocks and never drops a URL: it waits in the frontier. Event-loop only.
 *
 * <p>The queue is kept only a little ahead of the workers ({@code lookahead}: twice the workers, the queue's
 * capacity at most): every URL in it holds its host in play, and a deeper queue only makes each host wait longer
 * between its turns — more hosts in play, each with a connection open, for no more throughput. Workers that take
 * a URL dispatch again at once, so the queue is refilled as fast as it drains.
 *
 * <p>Never re-entered: taking from the frontier and offering to the queue call nothing back synchronously, and
 * the frontier's "new work" signal comes through {@link #wake()}, which defers.
 */
final class Dispatcher {
  private final Frontier frontier;
  private final WorkQueue<CrawlTask> queue;
  private final PageBudget budget;
  private final Timers timers;
  private final Consumer<Runnable> defer;
  private final int lookahead;
  private long timer = -1;
  private long timerAt;
  private boolean wakePending;
  private boolean stopped;

  /**
   * @param lookahead at most this many URLs wait in the queue (see {@link #lookahead(int, int)})
   * @param defer runs an action later on this event loop ({@code context::runOnContext})
   */
  Dispatcher(Frontier frontier, WorkQueue<CrawlTask> queue, PageBudget budget, Timers timers, int lookahead,
      Consumer<Runnable> defer) {
    this.frontier = frontier;
    this.queue = queue;
    this.budget = budget;
    this.timers = timers;
    this.defer = defer;
    this.lookahead = lookahead;
  }

  /** How deep the queue is kept: twice the workers (at least 4), never more than its capacity. */
  static int lookahead(int workers, int queueCapacity) {
    return (int) Math.min(queueCapacity, Math.max(4L, 2L * workers));
  }

  void dispatch() {
    if (stopped) {
      return;
    }
    long now = timers.now();
    int room = Math.min(queue.room(), Math.max(0, lookahead - queue.size()));
    for (CrawlTask task : frontier.take(now, budget.left(room))) {
      budget.reserve(task);
      if (!queue.offer(task)) {
        throw new IllegalStateException("work queue full after a room check");
      }
    }
    armTimer(now);
  }

  /**
   * For a fetch of {@code task}: runs the moment its request goes out. The host's clock counts from then, not
   * from when the worker took the URL, and a host allowed more than one request may hand out the next.
   */
  Runnable onSent(CrawlTask task) {
    return () -> {
      frontier.sent(task, timers.now());
      dispatch();
    };
  }

  /** Dispatch soon (once, however often asked before it runs). */
  void wake() {
    if (!wakePending && !stopped) {
      wakePending = true;
      defer.accept(() -> {
        wakePending = false;
        dispatch();
      });
    }
  }

  /** No more dispatch: the run is ending. */
  void stop() {
    stopped = true;
    if (timer >= 0) {
      timers.cancel(timer);
      timer = -1;
    }
  }

  private void armTimer(long now) {
    long readyAt = frontier.nextReadyAt();
    if (readyAt < 0 || readyAt <= now || budget.reached()) {
      return;
    }
    if (timer >= 0 && timerAt <= readyAt) {
      return;
    }
    if (timer >= 0) {
      timers.cancel(timer);
    }
    timerAt = readyAt;
    timer = timers.schedule(readyAt - now, () -> {
      timer = -1;
      dispatch();
    });
  }
}
