package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.FrontierStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The crawl's files: pages.jsonl, appended as pages complete (through Vert.x's non-blocking AsyncFile,
 * so the event loop never waits on the disk), and summary.json, written once at the end.
 *
 * <p>Lines are gathered and written in batches — at {@link #BATCH_BYTES} or every {@link #BATCH_MS} ms, whichever
 * comes first — not one AsyncFile write (one hand-off to a worker thread and back) per page: at 2 000 pages a
 * second those hand-offs cost more than the writes. A line reaches the file at most {@code BATCH_MS} after its
 * page is committed; the store holds every record, and a resume rebuilds pages.jsonl from it.
 */
public final class CrawlOutput {
  public static final String PAGES_FILE = "pages.jsonl";
  public static final String SUMMARY_FILE = "summary.json";
  static final int BATCH_BYTES = 64 * 1024;
  static final long BATCH_MS = 200;

  private final Vertx vertx;
  private final Path dir;
  private AsyncFile pages;
  private Buffer batch = Buffer.buffer(BATCH_BYTES);
  private long timer = -1;

  public CrawlOutput(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Future<Void> open() {
    return vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.fileSystem().open(dir.resolve(PAGES_FILE).toString(),
            new OpenOptions().setCreate(true).setAppend(true).setWrite(true)))
        .map(file -> {
          pages = file;
          timer = vertx.setPeriodic(BATCH_MS, id -> writeBatch());
          return null;
        });
  }

  /**
   * Rewrites pages.jsonl from the store's committed records (resume): a torn last line or lines lost in a
   * crash are repaired, and no URL appears twice. {@code each} also sees every record (on the store's
   * thread, before the crawl starts).
   */
  public Future<Void> rebuildPages(FrontierStore store,
      java.util.function.Consumer<JsonObject> each) {
    java.nio.file.Path rebuilt = dir.resolve(PAGES_FILE + ".rebuild");
    java.util.concurrent.atomic.AtomicReference<java.io.BufferedWriter> writer =
        new java.util.concurrent.atomic.AtomicReference<>();
    return vertx.executeBlocking(() -> {
      java.nio.file.Files.createDirectories(dir); // a node joining a shared crawl may start with none
      writer.set(java.nio.file.Files.newBufferedWriter(rebuilt, java.nio.charset.StandardCharsets.UTF_8));
      return null;
    }, true).compose(v -> store.forEachPage(record -> {
      each.accept(record);
      try {
        writer.get().write(record.encode());
        writer.get().write('\n');
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })).compose(v -> vertx.executeBlocking(() -> {
      writer.get().close();
      java.nio.file.Files.move(rebuilt, dir.resolve(PAGES_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return null;
    }, true));
  }

  /** One line of pages.jsonl: the page's record as JSON text (encoded once, for the store and this file). */
  public void writePage(String record) {
    batch.appendString(record).appendByte((byte) '\n');
    if (batch.length() >= BATCH_BYTES) {
      writeBatch();
    }
  }

  private void writeBatch() {
    if (batch.length() > 0) {
      pages.write(batch);
      batch = Buffer.buffer(BATCH_BYTES);
    }
  }

  /** Writes the last batch, flushes and closes pages.jsonl, then writes summary.json. */
  public Future<Void> close(JsonObject summary) {
    Future<Void> closed = Future.succeededFuture();
    if (pages != null) {
      vertx.cancelTimer(timer);
      writeBatch();
      closed = pages.flush().compose(v -> pages.close());
    }
    return closed.compose(v -> writeSummary(summary));
  }

  public Future<Void> writeSummary(JsonObject summary) {
    return vertx.fileSystem().writeFile(dir.resolve(SUMMARY_FILE).toString(),
        Buffer.buffer(summary.encodePrettily()).appendString("\n"));
  }
}
