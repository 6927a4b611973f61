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
 * <p>Never re-entered: taking from the frontier and offering to the queue call nothing back synchronously, and
 * the frontier's "new work" signal comes through {@link #wake()}, which defers.
 */
final class Dispatcher {
  private final Frontier frontier;
  private final WorkQueue<CrawlTask> queue;
  private final PageBudget budget;
  private final Timers timers;
  private final Consumer<Runnable> defer;
  private long timer = -1;
  private long timerAt;
  private boolean wakePending;
  private boolean stopped;

  /** @param defer runs an action later on this event loop ({@code context::runOnContext}) */
  Dispatcher(Frontier frontier, WorkQueue<CrawlTask> queue, PageBudget budget, Timers timers,
      Consumer<Runnable> defer) {
    this.frontier = frontier;
    this.queue = queue;
    this.budget = budget;
    this.timers = timers;
    this.defer = defer;
  }

  void dispatch() {
    if (stopped) {
      return;
    }
    long now = timers.now();
    for (CrawlTask task : frontier.take(now, budget.left(queue.room()))) {
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
