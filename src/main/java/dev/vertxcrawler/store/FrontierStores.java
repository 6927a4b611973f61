package dev.vertxcrawler.store;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.StoreKind;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.MemoryFrontierStore;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the frontier store for {@code store.kind}. */
public final class FrontierStores {
  private FrontierStores() {
  }

  public static FrontierStore create(Vertx vertx, CrawlConfig config, Path dir, boolean configChangedOk) {
    if (config.storeKind() == StoreKind.MEMORY) {
      return new MemoryFrontierStore(config.scope().maxPagesPerHost());
    }
    if (config.storeKind() == StoreKind.POSTGRES) {
      return new PgFrontierStore(vertx, config.store(), config.store().crawlName(dir), nodeName(dir),
          config.effective(), configChangedOk, config.scope().maxPagesPerHost());
    }
    return new SqliteFrontierStore(vertx, dir, config.effective(), configChangedOk, config.scope().maxPagesPerHost());
  }

  /**
   * This node's name in a shared store, recorded with each page it commits: the host name and the output
   * directory, stable across restarts of the same node (a container keeps its host name over stop and start).
   */
  public static String nodeName(Path dir) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
    return host + ":" + dir.toAbsolutePath().normalize();
  }

  /** Whether {@code dir} holds a crawl store (so {@code crawl --out dir} resumes it). */
  public static boolean holdsStore(Path dir) {
    return Files.exists(dir.resolve(SqliteFrontierStore.DB_FILE));
  }
}
