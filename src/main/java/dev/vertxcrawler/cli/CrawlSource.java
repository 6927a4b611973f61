package dev.vertxcrawler.cli;

import dev.vertxcrawler.store.PgSnapshot;
import dev.vertxcrawler.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which crawl a reading command reads: a crawl directory, or a crawl in a shared PostgreSQL database
 * ({@code --store URL --crawl NAME}) — copied into a crawl.db of the same shape ({@link PgSnapshot}), so that one
 * crawl spread over many nodes gives one report, read exactly as a single node's.
 */
final class CrawlSource {
  @Parameters(paramLabel = "DIR", arity = "0..1", description = "The crawl's output directory (or --store and --crawl).")
  Path dir;

  @Option(names = "--store", paramLabel = "URL", description = {"A shared crawl's database, postgresql://user@host/db",
      "(the password from the URL or PGPASSWORD), in place of DIR."})
  String store;

  @Option(names = "--crawl", paramLabel = "NAME", description = "With --store: the crawl's name (its store.crawl).")
  String crawl;

  /** The directory to read: DIR, or a fresh copy of the shared crawl (deleted when the JVM exits). */
  Path resolve() {
    if (store == null && crawl == null) {
      if (dir == null) {
        throw new StoreException("give a crawl directory, or --store URL --crawl NAME for a crawl in PostgreSQL");
      }
      return dir;
    }
    checkStore();
    Path copy;
    try {
      copy = Files.createTempDirectory("vertx-crawler-" + crawl.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
    } catch (IOException e) {
      throw new StoreException("cannot make a temporary directory for the copy of crawl '" + crawl + "' ("
          + e.getMessage() + ")");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
    PgSnapshot.copy(store, crawl, copy);
    return copy;
  }

  /** With --store: that --crawl goes with it and the URL is well formed (what to do said in the message). */
  void checkStore() {
    if (dir != null) {
      throw new StoreException("give a crawl directory or --store/--crawl, not both");
    }
    if (store == null || crawl == null) {
      throw new StoreException("--store and --crawl go together: the database and the crawl's name in it");
    }
  }

  /** Whether the crawl comes from a database (its copy is temporary: nothing should be written next to it). */
  boolean fromStore() {
    return store != null || crawl != null;
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
