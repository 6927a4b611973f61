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
  private final boolean terminal;
  private boolean progressShown; // touched only by the writer thread
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "console-log");
    t.setDaemon(true);
    return t;
  });

  public ConsoleLog(PrintStream out, boolean quiet) {
    this(out, quiet, false);
  }

  /** @param terminal whether {@code out} is a terminal: the progress line is then redrawn in place */
  public ConsoleLog(PrintStream out, boolean quiet, boolean terminal) {
    this.out = out;
    this.quiet = quiet;
    this.terminal = terminal;
  }

  public boolean terminal() {
    return terminal;
  }

  /** The progress line: redrawn in place on a terminal, a plain line otherwise. */
  public void progress(String line) {
    try {
      writer.execute(() -> {
        if (terminal) {
          out.print("\r\033[K" + line);
          out.flush();
          progressShown = true;
        } else {
          out.println("progress: " + line);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException afterDrain) {
      // the crawl is over; the summary follows
    }
  }

  /** One line per completed page: status (or error kind), elapsed ms, URL. Silenced by --quiet. */
  public void page(Integer status, String error, long elapsedMs, String url) {
    if (quiet) {
      return;
    }
    String what = error != null ? error : String.valueOf(status);
    line(String.format(Locale.ROOT, "%-9s %6d ms  %s", what, elapsedMs, url));
  }

  /** A detail line (e.g. the status server's access log); silenced by --quiet like the page lines. */
  public void detail(String text) {
    if (!quiet) {
      line(text);
    }
  }

  /** A notice that is shown even with --quiet (warnings, the final summary). */
  public void info(String message) {
    line(message);
  }

  private void line(String text) {
    try {
      writer.execute(() -> {
        if (progressShown) {
          out.print("\r\033[K"); // clear the progress line; it is redrawn on its next tick
          progressShown = false;
        }
        out.println(text);
      });
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
