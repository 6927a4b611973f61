package dev.vertxcrawler.report;

import dev.vertxcrawler.store.PgSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.LongSupplier;

/**
 * The report of a shared crawl kept current: a copy of the crawl from the database into a crawl.db (what the
 * report's queries read), taken again when a request comes and the copy is older than {@link #MIN_AGE_MS} or
 * five times as long as the last copy took (a big crawl is not copied over and over). While a new copy is made
 * the old one is served; a copy replaces the previous only once complete. The copy runs on a worker thread.
 */
final class SharedCrawlCopy {
  static final long MIN_AGE_MS = 10_000;

  private final Vertx vertx;
  private final String url;
  private final String crawl;
  private final LongSupplier clock;
  private volatile Path current; // read by close() at shutdown, off the event loop
  private long copiedAt;
  private long copyMs;
  private Future<Path> copying;

  SharedCrawlCopy(Vertx vertx, String url, String crawl, LongSupplier clock) {
    this.vertx = vertx;
    this.url = url;
    this.crawl = crawl;
    this.clock = clock;
  }

  /** The directory holding the latest complete copy (the first request waits for the first copy). */
  Future<Path> current() {
    boolean stale = current == null || clock.getAsLong() - copiedAt > Math.max(MIN_AGE_MS, 5 * copyMs);
    if (stale && copying == null) {
      long started = clock.getAsLong();
      copying = vertx.executeBlocking(() -> {
        Path dir = Files.createTempDirectory("vertx-crawler-" + crawl.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
        try {
          PgSnapshot.copy(vertx, url, crawl, dir);
        } catch (RuntimeException e) {
          delete(dir);
          throw e;
        }
        return dir;
      }, false).onComplete(ar -> {
        copying = null;
        if (ar.succeeded()) {
          Path old = current;
          current = ar.result();
          copiedAt = clock.getAsLong();
          copyMs = copiedAt - started;
          if (old != null) {
            vertx.executeBlocking(() -> delete(old), false); // a request still reading it keeps its open file
          }
        }
      });
    }
    return current != null ? Future.succeededFuture(current) : copying;
  }

  /** Removes the latest copy (the server stops: called from the JVM's shutdown). */
  void close() {
    Path last = current;
    if (last != null) {
      delete(last);
    }
  }

  private static Void delete(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: best effort
    }
    return null;
  }
}
