package dev.vertxcrawler.cli;

import dev.vertxcrawler.report.ClusterLive;
import dev.vertxcrawler.report.ReportServer;
import dev.vertxcrawler.store.PgLiveView;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
        + "/report.json, /status, /health; with --store also /live (every node of the shared crawl, live), "
        + "/live.json, /hosts.json and /metrics.")
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
    if (source.fromStore()) {
      return serveShared();
    }
    try {
      dir = source.resolve();
    } catch (dev.vertxcrawler.store.StoreException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    if (!Files.exists(dir.resolve(SqliteFrontierStore.DB_FILE))) {
      System.err.println(dir + ": no " + SqliteFrontierStore.DB_FILE + " — is it a crawl directory?");
      return Main.USAGE;
    }
    Vertx vertx = Vertx.vertx();
    int actual = new ReportServer(vertx, dir, this::access).listen(host, port).toCompletionStage().toCompletableFuture()
        .get();
    System.err.println("serving " + dir + " at http://" + host + ":" + actual + "/ — Ctrl-C to stop");
    new CountDownLatch(1).await(); // the CLI's main thread parks here until the JVM is stopped
    return Main.OK;
  }

  /**
   * A crawl shared through PostgreSQL: its report from a copy kept current, and the cluster dashboard read live.
   * The crawl need not exist yet (the report UI of a cluster starts with its nodes); a database that cannot be
   * reached or refuses the login is a usage error.
   */
  private int serveShared() throws Exception {
    try {
      source.checkStore();
    } catch (dev.vertxcrawler.store.StoreException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    Vertx vertx = Vertx.vertx();
    PgLiveView view;
    try {
      view = new PgLiveView(vertx, source.store, source.crawl);
      view.check().toCompletionStage().toCompletableFuture().get();
    } catch (dev.vertxcrawler.store.StoreException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    } catch (java.util.concurrent.ExecutionException e) {
      System.err.println(e.getCause().getMessage());
      return Main.USAGE;
    }
    ClusterLive live = new ClusterLive(vertx, view, source.crawl, () -> System.nanoTime() / 1_000_000);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    live.bindMetrics(registry);
    vertx.runOnContext(v -> live.start());
    int actual = ReportServer.shared(vertx, source.store, source.crawl, live, registry, this::access)
        .listen(host, port).toCompletionStage().toCompletableFuture().get();
    System.err.println("serving crawl " + source.crawl + " of " + view.where() + " at http://" + host + ":" + actual
        + "/ (the report) and /live (the nodes, live) — Ctrl-C to stop");
    new CountDownLatch(1).await();
    return Main.OK;
  }

  private void access(String line) {
    if (!quiet) {
      System.err.println(line);
    }
  }
}
