package dev.vertxcrawler.store;

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
 */
public final class CrawlOutput {
  public static final String PAGES_FILE = "pages.jsonl";
  public static final String SUMMARY_FILE = "summary.json";

  private final Vertx vertx;
  private final Path dir;
  private AsyncFile pages;

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
          return null;
        });
  }

  public void writePage(JsonObject record) {
    pages.write(Buffer.buffer(record.encode()).appendString("\n"));
  }

  /** Flushes and closes pages.jsonl, then writes summary.json. */
  public Future<Void> close(JsonObject summary) {
    Future<Void> closed = pages == null ? Future.succeededFuture() : pages.flush().compose(v -> pages.close());
    return closed.compose(v -> writeSummary(summary));
  }

  public Future<Void> writeSummary(JsonObject summary) {
    return vertx.fileSystem().writeFile(dir.resolve(SUMMARY_FILE).toString(),
        Buffer.buffer(summary.encodePrettily()).appendString("\n"));
  }
}
