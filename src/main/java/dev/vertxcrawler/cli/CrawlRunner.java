package dev.vertxcrawler.cli;

import dev.vertxcrawler.config.ConfigException;
import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.NetworkConfig;
import dev.vertxcrawler.config.StoreKind;
import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.fetch.Resolvers;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.report.HtmlReport;
import dev.vertxcrawler.report.ReportQueries;
import dev.vertxcrawler.report.StatusServer;
import dev.vertxcrawler.report.SummaryText;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.FrontierStores;
import dev.vertxcrawler.store.CrawlAlreadyFinished;
import dev.vertxcrawler.store.StoreException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one crawl from the command line: validates config and seeds (exit 2 on a user's mistake), deploys
 * the {@link CrawlerVerticle}, waits on the main thread (never an event loop) for it to finish, and prints
 * the summary. The first SIGINT/SIGTERM undeploys the verticle — the same path as a normal finish, with
 * finishReason "shutdown"; a second one exits at once. Either way the crawl directory stays resumable.
 */
final class CrawlRunner {
  private static final DateTimeFormatter OUT_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private CrawlRunner() {
  }

  /**
   * @param siteServer for {@code demo}: starts a site on the crawl's Vert.x and gives its URL as the seed
   */
  static int run(CrawlOptions options, List<String> seedUrls, List<Path> seedFiles,
      Function<Vertx, Future<String>> siteServer) {
    CrawlConfig config;
    try {
      config = ConfigLoader.load(options.config, options.overrides);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    for (Path file : seedFiles) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        System.err.println(file + ": seed file not found or not readable — check --seeds");
        return Main.USAGE;
      }
    }
    if (!config.hostsFile().isEmpty() && !Files.isReadable(Path.of(config.hostsFile()))) {
      System.err.println("network.hostsFile: " + config.hostsFile() + " not found or not readable");
      return Main.USAGE;
    }
    Path out = outputDir(options, config);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      System.err.println(out + ": exists and is not a directory — choose another --out");
      return Main.USAGE;
    }
    if (!config.since().isEmpty() && sameDirectory(Path.of(config.since()), out)) {
      System.err.println("since: " + config.since() + " is the output directory itself — a recrawl writes into a "
          + "new --out and reads the earlier crawl from --since");
      return Main.USAGE;
    }
    // A shared store (PostgreSQL) says on open whether the crawl exists; pages.jsonl is rebuilt from it then.
    boolean shared = config.storeKind() == StoreKind.POSTGRES;
    boolean resuming = !shared && FrontierStores.holdsStore(out);
    JsonObject finished = resuming && options.stayUp ? FinishedCrawl.summary(out) : null;
    if (finished != null) {
      return FinishedCrawl.stayUp(out.toString(), finished, config);
    }
    if (!resuming && !shared && Files.exists(out.resolve(CrawlOutput.PAGES_FILE))) {
      System.err.println(out + ": holds a crawl without a store (" + CrawlOutput.PAGES_FILE
          + " but no crawl.db) that cannot be resumed — choose another --out");
      return Main.USAGE;
    }
    if (resuming && config.storeKind() == StoreKind.MEMORY) {
      System.err.println(out + ": holds a resumable crawl, but store.kind is memory — choose another --out");
      return Main.USAGE;
    }
    // Seed files without a single URL are a mistake on the command line; under --stay-up (a container) the
    // empty crawl runs and finishes, so the status server and the report come up instead of a restart loop.
    if (!resuming && siteServer == null && seedUrls.isEmpty() && (seedFiles.isEmpty()
        || !options.stayUp && !anySeedLine(seedFiles))) {
      String why = seedFiles.isEmpty() ? "no seeds" : "no seeds: the seed files " + seedFiles + " hold no URL";
      System.err.println(why + " — pass --seed URL or --seeds FILE, or put *.txt seed files (one URL per line) in seeds/");
      return Main.USAGE;
    }
    return crawl(config, options, seedUrls, seedFiles, out, siteServer);
  }

  /** The crawl's Vert.x: its resolver from {@code network}, epoll where Linux has it. */
  static VertxOptions vertxOptions(NetworkConfig network) {
    // No classpath resolving and no file cache: Vert.x's cache dir is removed by its own shutdown hook,
    // which would make the summary.json write on SIGTERM fail.
    return new VertxOptions()
        .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false))
        .setAddressResolverOptions(Resolvers.options(network))
        // Netty's epoll transport costs about 5 % less CPU per page than the JDK's selector on a broad crawl
        // (BENCHMARKS.md); where it cannot load (not Linux, a noexec temp dir), Vert.x runs on NIO.
        .setPreferNativeTransport(true);
  }

  private static int crawl(CrawlConfig config, CrawlOptions options, List<String> seedUrls, List<Path> seedFiles,
      Path out, Function<Vertx, Future<String>> siteServer) {
    VertxOptions vertxOptions = vertxOptions(config.network());
    PrometheusMeterRegistry registry = config.statusPort() > 0 ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
        : null;
    if (registry != null && config.store().kind() == dev.vertxcrawler.config.StoreKind.POSTGRES) {
      // Many nodes of one crawl scraped into one Prometheus: every series says whose it is.
      registry.config().commonTags("node", FrontierStores.nodeName(out), "crawl", config.store().crawlName(out));
    }
    Vertx vertx = registry == null ? Vertx.vertx(vertxOptions)
        : Vertx.builder().with(vertxOptions.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setJvmMetricsEnabled(true)
            // The status server's own request metrics are not the crawl's, and vertx-micrometer 5.0.10 can
            // throw on a request whose connection metric is missing (an NPE that drops the response).
            .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.HTTP_SERVER)
            .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.NET_SERVER)))
            .withMetrics(new MicrometerMetricsFactory(registry)).build();
    ConsoleLog log = new ConsoleLog(System.err, options.quiet, System.console() != null);
    StopSignals signals = new StopSignals();
    try {
      List<String> inline = new ArrayList<>();
      if (siteServer != null) {
        String url = await(siteServer.apply(vertx));
        log.info("demo site serving at " + url);
        inline.add(url);
      }
      inline.addAll(seedUrls);
      CrawlerVerticle verticle = new CrawlerVerticle(config, new SeedSource(vertx, inline, seedFiles),
          new CrawlOutput(vertx, out), FrontierStores.create(vertx, config, out, options.configChangedOk), log);
      if (registry != null) {
        verticle.withMetrics(registry);
      }
      // First SIGINT/SIGTERM: the graceful path (undeploy); a second one exits at once. Installed before the
      // crawl starts, so a signal during deployment stops it as soon as it is up.
      Promise<String> deployed = Promise.promise();
      signals.install(() -> {
        if (verticle.finished().isComplete()) {
          return; // --stay-up after the crawl: nothing left to stop but the status server
        }
        log.info("signal received: finishing in-flight pages (up to " + config.shutdownGraceMs()
            + " ms), then writing summary.json — signal again to exit at once");
        deployed.future().onSuccess(vertx::undeploy);
      });
      await(vertx.deployVerticle(verticle).onComplete(deployed));
      log.info("crawling into " + out + " (" + config.workers() + " workers, queue " + config.queueCapacity() + ", "
          + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO") + ")");
      if (registry != null) {
        StatusServer status = new StatusServer(vertx, verticle, registry, log::detail);
        int port = await(status.listen(config.statusHost(), config.statusPort()));
        log.info("status: http://" + config.statusHost() + ":" + port + "/ (/health, /status, /metrics)");
      }
      startProgress(vertx, verticle, config, log);
      JsonObject summary = await(verticle.finished());
      log.info(SummaryText.render(summary, out));
      writeHtmlReport(config, out, log);
      if (FinishReason.of(summary.getString("finishReason")) == FinishReason.ERROR) {
        return Main.INTERNAL;
      }
      if (signals.received()) {
        return signals.exitCode();
      }
      if (options.stayUp) {
        log.info("--stay-up: the crawl is over; the status server stays up until SIGTERM/SIGINT");
        signals.awaitSignal();
      }
      return Main.OK;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CrawlAlreadyFinished done && options.stayUp) {
        // A restarted container or a replica added after the end: serve the crawl's summary, no restart loop.
        log.drain();
        vertx.close();
        return FinishedCrawl.stayUp(done.crawl(), done.summary(), config);
      }
      if (e.getCause() instanceof StoreException userFacing) {
        log.info(userFacing.getMessage());
        return Main.USAGE;
      }
      log.info("internal error: " + e.getCause());
      return Main.INTERNAL;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.INTERNAL;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // closing is best effort at exit
      }
      log.drain();
    }
  }

  private static boolean sameDirectory(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** True when some seed file has a line that is neither blank nor a comment (read only up to it). */
  private static boolean anySeedLine(List<Path> seedFiles) {
    for (Path file : seedFiles) {
      try (java.util.stream.Stream<String> lines = Files.lines(file)) {
        if (lines.map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"))) {
          return true;
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        return true; // unreadable here: let the crawl report it with the file name
      }
    }
    return false;
  }

  /** On a terminal, one live line redrawn 4 times a second; otherwise a plain line every progressIntervalSec. */
  private static void startProgress(Vertx vertx, CrawlerVerticle verticle, CrawlConfig config, ConsoleLog log) {
    long every = log.terminal() ? 250 : config.progressIntervalSec() * 1000L;
    if (every > 0) {
      vertx.setPeriodic(every, every, id -> verticle.progressLine().onSuccess(log::progress));
    }
  }

  /** report.html from the store, on the main thread after the crawl (blocking I/O is fine here). */
  private static void writeHtmlReport(CrawlConfig config, Path out, ConsoleLog log) {
    if (config.storeKind() == StoreKind.MEMORY) {
      return;
    }
    if (config.storeKind() == StoreKind.POSTGRES) {
      // One report for the whole crawl, not one per node: made on demand, from the database.
      log.info("Report of the whole crawl: vertx-crawler report --store '"
          + dev.vertxcrawler.config.ProxyRoute.masked(config.store().url()) + "' --crawl '"
          + config.store().crawlName(out) + "' [--html]");
      return;
    }
    try {
      log.info("Report: " + HtmlReport.write(out, ReportQueries.load(out, true)));
    } catch (RuntimeException e) {
      log.info("report.html not written: " + e.getMessage());
    }
  }

  /** Blocks the calling thread — the CLI's main thread, never an event loop. */
  private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  static Path outputDir(CrawlOptions options, CrawlConfig config) {
    if (options.out != null) {
      return options.out;
    }
    if (!config.output().isEmpty()) {
      return Path.of(config.output());
    }
    return Path.of("crawls", OUT_NAME.format(ZonedDateTime.now(ZoneOffset.UTC)));
  }
}
