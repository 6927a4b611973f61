package dev.vertxcrawler.crawl;

import io.vertx.core.Vertx;
import java.util.function.LongSupplier;

/**
 * The crawl's time: a monotonic clock in milliseconds and one-shot timers. Injected, so dispatch and politeness
 * are tested with a hand-moved clock and no server.
 */
interface Timers {
  long now();

  /** Runs {@code action} once, {@code delayMs} from now; returns an id for {@link #cancel}. */
  long schedule(long delayMs, Runnable action);

  void cancel(long id);

  /** Vert.x timers on the caller's context, and {@link System#nanoTime()}. */
  static Timers of(Vertx vertx) {
    return of(vertx, () -> System.nanoTime() / 1_000_000);
  }

  static Timers of(Vertx vertx, LongSupplier clock) {
    return new Timers() {
      @Override
      public long now() {
        return clock.getAsLong();
      }

      @Override
      public long schedule(long delayMs, Runnable action) {
        return vertx.setTimer(Math.max(1, delayMs), id -> action.run());
      }

      @Override
      public void cancel(long id) {
        vertx.cancelTimer(id);
      }
    };
  }
}
