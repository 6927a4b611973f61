package dev.vertxcrawler.cli;

import dev.vertxcrawler.config.ConfigException;
import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.report.SummaryText;
import dev.vertxcrawler.store.CrawlOutput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one crawl from the command line: validates config and seeds (exit 2 on a user's mistake), deploys
 * the {@link CrawlerVerticle}, waits on the main thread (never an event loop) for it to finish, and prints
 * the summary. SIGINT/SIGTERM run a shutdown hook that undeploys the verticle — the same path as a normal
 * finish, with finishReason "shutdown".
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
    if (siteServer == null && seedUrls.isEmpty() && seedFiles.isEmpty()) {
      System.err.println("no seeds: pass --seed URL or --seeds FILE, or put *.txt seed files in seeds/");
      return Main.USAGE;
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
    if (Files.exists(out.resolve(CrawlOutput.PAGES_FILE))) {
      System.err.println(out + ": already holds a crawl (" + CrawlOutput.PAGES_FILE + ") — choose another --out");
      return Main.USAGE;
    }
    return crawl(config, options.quiet, seedUrls, seedFiles, out, siteServer);
  }

  private static int crawl(CrawlConfig config, boolean quiet, List<String> seedUrls, List<Path> seedFiles,
      Path out, Function<Vertx, Future<String>> siteServer) {
    // No classpath resolving and no file cache: Vert.x's cache dir is removed by its own shutdown hook,
    // which would make the summary.json write on SIGTERM fail.
    VertxOptions vertxOptions = new VertxOptions().setFileSystemOptions(
        new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false));
    if (!config.hostsFile().isEmpty()) {
      vertxOptions.setAddressResolverOptions(new AddressResolverOptions().setHostsPath(config.hostsFile()));
    }
    Vertx vertx = Vertx.vertx(vertxOptions);
    ConsoleLog log = new ConsoleLog(System.err, quiet);
    CountDownLatch mainDone = new CountDownLatch(1);
    try {
      List<String> inline = new ArrayList<>();
      if (siteServer != null) {
        String url = await(siteServer.apply(vertx));
        log.info("demo site serving at " + url);
        inline.add(url);
      }
      inline.addAll(seedUrls);
      CrawlerVerticle verticle = new CrawlerVerticle(config, new SeedSource(vertx, inline, seedFiles),
          new CrawlOutput(vertx, out), log);
      String deploymentId = await(vertx.deployVerticle(verticle));
      log.info("crawling into " + out + " (" + config.workers() + " workers, queue " + config.queueCapacity() + ")");
      Thread hook = new Thread(() -> {
        ShutdownSignal.begin();
        log.info("signal received: finishing in-flight pages, then writing summary.json");
        try {
          vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture()
              .get(config.http().deadlineMs() + 10_000L, TimeUnit.MILLISECONDS);
          mainDone.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
          log.info("shutdown did not complete cleanly: " + e);
        }
        log.drain();
      }, "crawl-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      JsonObject summary = await(verticle.finished());
      log.info(SummaryText.render(summary, out));
      removeHook(hook);
      return Main.OK;
    } catch (ExecutionException e) {
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
      mainDone.countDown();
    }
  }

  /** Blocks the calling thread — the CLI's main thread, never an event loop. */
  private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private static void removeHook(Thread hook) {
    if (ShutdownSignal.inProgress()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already shutting down; the hook runs and finds the crawl finished
    }
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
