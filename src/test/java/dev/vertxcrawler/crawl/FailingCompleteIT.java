package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.FrontierStores;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.ForwardingFrontierStore;
import dev.vertxcrawler.testing.Routes;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A completion that throws below the frontier seam fails that page; the crawl still finishes. */
@ExtendWith(VertxExtension.class)
class FailingCompleteIT {

  /** The real SQLite store, except that completing {@code /bad} throws at once (a bug, not a disk failure). */
  private record ThrowingOnComplete(FrontierStore delegate) implements ForwardingFrontierStore {
    @Override
    public Future<Admitted> complete(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered) {
      if (task.url().endsWith("/bad")) {
        throw new IllegalStateException("injected: complete threw");
      }
      return delegate.complete(task, outcome, record, discovered);
    }
  }

  @Test
  void aCompleteThatThrowsFailsThatPageAndTheCrawlStillFinishes(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    Routes routes = new Routes().page("/", "/bad", "/good").page("/bad", "/behind").page("/good").page("/behind");
    CrawlConfig config = CrawlHarness.config("sitemaps.enabled=false");
    ConsoleLog quiet = new ConsoleLog(new PrintStream(OutputStream.nullOutputStream()), true);
    TestServer.start(vertx, routes).compose(server -> {
      CrawlerVerticle crawler = new CrawlerVerticle(config,
          new SeedSource(vertx, List.of(server.url("/")), List.of()),
          new CrawlOutput(vertx, out), new ThrowingOnComplete(FrontierStores.create(vertx, config, out, false)), quiet);
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out).map(pages -> new CrawlHarness.Result(summary, pages)));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertEquals("finished", result.summary().getString("finishReason"));
      JsonObject bad = result.page("/bad");
      assertEquals("failed", bad.getString("outcome"));
      assertEquals("internal", bad.getString("error"));
      assertEquals(200, result.page("/good").getInteger("status"));
      assertEquals(null, result.page("/behind"), "the failed page's links were not committed");
      ctx.completeNow();
    })));
  }
}
