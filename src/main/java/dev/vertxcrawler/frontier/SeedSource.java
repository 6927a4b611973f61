package dev.vertxcrawler.frontier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Seeds, read lazily: a batch at a time, on a worker thread (ordered, so batches never overlap). A
 * 10-million-line seed file is never loaded whole; only the current batch is held. Inline seeds
 * ({@code --seed URL}) come first, then each file in order. Blank lines and {@code #} comments are skipped.
 */
public final class SeedSource {
  private final Vertx vertx;
  private final Iterator<String> inline;
  private final Iterator<Path> files;
  private BufferedReader reader;
  private Path currentFile;
  private long lineNumber;
  private long linesRead;
  private volatile boolean exhausted;

  public SeedSource(Vertx vertx, List<String> inlineSeeds, List<Path> seedFiles) {
    this.vertx = vertx;
    this.inline = List.copyOf(inlineSeeds).iterator();
    this.files = List.copyOf(seedFiles).iterator();
  }

  /** A seed and where it came from (file:line or "--seed"), for messages about bad lines. */
  public record Seed(String url, String source) {
  }

  /** Up to {@code max} seeds; an empty list means every source is exhausted. */
  public Future<List<Seed>> next(int max) {
    if (exhausted) {
      return Future.succeededFuture(List.of());
    }
    return vertx.executeBlocking(() -> readBatch(max), true);
  }

  public boolean exhausted() {
    return exhausted;
  }

  /** Lines read from seed files so far (a test uses this to prove laziness). */
  public synchronized long linesRead() {
    return linesRead;
  }

  private synchronized List<Seed> readBatch(int max) {
    List<Seed> batch = new ArrayList<>(Math.min(max, 1024));
    try {
      while (batch.size() < max) {
        if (inline.hasNext()) {
          batch.add(new Seed(inline.next().trim(), "--seed"));
          continue;
        }
        if (reader == null) {
          if (!files.hasNext()) {
            exhausted = true;
            break;
          }
          currentFile = files.next();
          reader = Files.newBufferedReader(currentFile, StandardCharsets.UTF_8);
          lineNumber = 0;
        }
        String line = reader.readLine();
        if (line == null) {
          reader.close();
          reader = null;
          continue;
        }
        lineNumber++;
        linesRead++;
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          batch.add(new Seed(trimmed, currentFile + ":" + lineNumber));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(currentFile + ": cannot read seeds (" + e.getMessage() + ")", e);
    }
    return batch;
  }

  /** Closes the open file, if any; blocking, so call it off the event loop or at the end. */
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        if (reader != null) {
          reader.close();
          reader = null;
        }
      }
      return null;
    }, true);
  }
}
