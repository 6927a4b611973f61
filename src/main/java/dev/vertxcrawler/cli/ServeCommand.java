package dev.vertxcrawler.cli;

import dev.vertxcrawler.report.ReportServer;
import dev.vertxcrawler.store.SqliteFrontierStore;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the report of a finished or running crawl over HTTP, read-only: / (report), "
        + "/report.json, /status, /health.")
final class ServeCommand implements Callable<Integer> {
  @Mixin
  CrawlSource source;

  private Path dir;

  @Option(names = "--port", defaultValue = "8081", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String host;

  @Option(names = {"-q", "--quiet"}, description = "No access-log lines.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    try {
      dir = source.resolve(); // from a database: a copy taken now, served as it is
    } catch (dev.vertxcrawler.store.StoreException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    if (!Files.exists(dir.resolve(SqliteFrontierStore.DB_FILE))) {
      System.err.println(dir + ": no " + SqliteFrontierStore.DB_FILE + " — is it a crawl directory?");
      return Main.USAGE;
    }
    Vertx vertx = Vertx.vertx();
    int actual = new ReportServer(vertx, dir, line -> {
      if (!quiet) {
        System.err.println(line);
      }
    }).listen(host, port).toCompletionStage().toCompletableFuture().get();
    System.err.println("serving " + (source.fromStore() ? "crawl " + source.crawl + " (copied now into " + dir + ")" : dir) + " at http://" + host + ":" + actual + "/ — Ctrl-C to stop");
    new CountDownLatch(1).await(); // the CLI's main thread parks here until the JVM is stopped
    return Main.OK;
  }
}
