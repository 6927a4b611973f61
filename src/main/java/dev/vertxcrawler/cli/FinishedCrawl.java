package dev.vertxcrawler.cli;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.report.StatusServer;
import dev.vertxcrawler.report.StatusSource;
import dev.vertxcrawler.store.CrawlOutput;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code crawl --stay-up} on a directory, or a shared crawl, that already finished — a container restarted by
 * its restart policy: instead of refusing (exit 2, and a restart loop), it says so and keeps answering
 * /health and /status with the finished crawl's summary until it is stopped.
 */
final class FinishedCrawl {

  private FinishedCrawl() {
  }

  /** The summary of a crawl that ended for good, or null (none yet, or it can be resumed). */
  static JsonObject summary(Path out) {
    try {
      JsonObject summary = new JsonObject(Files.readString(out.resolve(CrawlOutput.SUMMARY_FILE)));
      FinishReason reason = FinishReason.of(summary.getString("finishReason"));
      return reason != null && reason.isFinal() ? summary : null;
    } catch (IOException | RuntimeException e) {
      return null; // no readable summary: the store decides (resume, or a clear refusal)
    }
  }

  /** @param crawl the crawl as the user knows it: its --out directory, or its database and name */
  static int stayUp(String crawl, JsonObject summary, CrawlConfig config) {
    System.err.println(crawl + ": this crawl already finished (" + summary.getString("finishReason")
        + ") — nothing to do; --stay-up: serving its status until SIGTERM/SIGINT (choose another --out, or "
        + "store.crawl, to crawl again)");
    Vertx vertx = Vertx.vertx();
    StopSignals signals = new StopSignals();
    signals.install(() -> { });
    try {
      if (config.statusPort() > 0) {
        StatusSource finished = new StatusSource() {
          @Override
          public Future<Void> ping() {
            return Future.succeededFuture();
          }

          @Override
          public Future<JsonObject> status() {
            return Future.succeededFuture(summary);
          }
        };
        int port = new StatusServer(vertx, finished, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), line -> { })
            .listen(config.statusHost(), config.statusPort()).toCompletionStage().toCompletableFuture().get();
        System.err.println("status: http://" + config.statusHost() + ":" + port + "/ (/health, /status, /metrics)");
      }
      signals.awaitSignal();
      return Main.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.INTERNAL;
    } catch (java.util.concurrent.ExecutionException e) {
      System.err.println("status server: " + e.getCause().getMessage() + " — check statusHost/statusPort");
      return Main.USAGE;
    } finally {
      vertx.close();
    }
  }
}
