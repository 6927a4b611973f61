package dev.vertxcrawler.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Log lines on stderr, written by one daemon thread so that a slow terminal or a full pipe never blocks
 * the event loop. Lines keep their order.
 */
public final class ConsoleLog {
  private final PrintStream out;
  private final boolean quiet;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "console-log");
    t.setDaemon(true);
    return t;
  });

  public ConsoleLog(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** One line per completed page: status (or error kind), elapsed ms, URL. Silenced by --quiet. */
  public void page(Integer status, String error, long elapsedMs, String url) {
    if (quiet) {
      return;
    }
    String what = error != null ? error : String.valueOf(status);
    line(String.format(Locale.ROOT, "%-9s %6d ms  %s", what, elapsedMs, url));
  }

  /** A notice that is shown even with --quiet (warnings, the final summary). */
  public void info(String message) {
    line(message);
  }

  private void line(String text) {
    try {
      writer.execute(() -> out.println(text));
    } catch (java.util.concurrent.RejectedExecutionException afterDrain) {
      out.println(text);
    }
  }

  /** Waits (bounded) for queued lines to be written; call from a non-event-loop thread at exit. */
  public void drain() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }
}
