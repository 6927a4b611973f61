package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.store.PgSnapshot;
import dev.vertxcrawler.store.StoreException;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.PostgresServer;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One report for a crawl spread over nodes: two nodes crawl a site with broken links into PostgreSQL, and the
 * report of that crawl (read through {@link PgSnapshot}, as {@code report --store --crawl} does) has the same
 * counts and the same broken links, with their referrers, as a single node's crawl of the site on SQLite.
 */
@ExtendWith(VertxExtension.class)
class PgReportIT {
  private static final int PAGES = 60;
  private static PostgresServer pg;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.shared();
  }

  /** Page i links to 2i+1 and 2i+2 (a tree) and, for every fifth page, to a page that is not there. */
  private static void site(HttpServerRequest req) {
    String path = req.path();
    if (!path.startsWith("/p/")) {
      req.response().setStatusCode(404).end();
      return;
    }
    int i = Integer.parseInt(path.substring(3));
    StringBuilder html = new StringBuilder("<!DOCTYPE html><title>").append(i).append("</title>");
    for (int child : new int[] {2 * i + 1, 2 * i + 2}) {
      if (child < PAGES) {
        html.append("<a href=\"/p/").append(child).append("\">x</a>");
      }
    }
    if (i % 5 == 0) {
      html.append("<a href=\"/gone/").append(i % 3).append("\">gone</a>");
    }
    req.response().putHeader("content-type", "text/html").end(html.toString());
  }

  @Test
  void aTwoNodeCrawlReadFromTheDatabaseReportsWhatOneNodeDoes(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    List<Future<TestServer>> servers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      servers.add(TestServer.start(vertx, PgReportIT::site));
    }
    Future.all(servers).compose(all -> {
      String[] seeds = servers.stream().map(f -> f.result().url("/p/0")).toArray(String[]::new);
      CrawlConfig shared = CrawlHarness.config("store.kind=postgres", "store.url=" + pg.url("crawls"),
          "store.crawl=report-two", "politeness.minDelayMs=5");
      return CrawlHarness.crawl(vertx, CrawlHarness.config("politeness.minDelayMs=5"), dir.resolve("single"), seeds)
          .compose(single -> Future.all(CrawlHarness.crawl(vertx, shared, dir.resolve("a"), seeds),
              CrawlHarness.crawl(vertx, shared, dir.resolve("b"), seeds)))
          // The copy waits on the database: a worker thread, as the CLI's main thread would.
          .compose(nodes -> vertx.executeBlocking(() -> {
            PgSnapshot.copy(pg.url("crawls"), "report-two", dir.resolve("copy"));
            return List.of(ReportQueries.load(dir.resolve("single"), false), ReportQueries.load(dir.resolve("copy"),
                false));
          }));
    }).onComplete(ctx.succeeding(reports -> ctx.verify(() -> {
      JsonObject single = reports.get(0);
      JsonObject shared = reports.get(1);
      for (String key : List.of("pages", "fetched", "failed", "skipped", "bytes", "queued", "inFlight")) {
        assertEquals(single.getJsonObject("totals").getValue(key), shared.getJsonObject("totals").getValue(key), key);
      }
      assertEquals(single.getJsonArray("statuses"), shared.getJsonArray("statuses"));
      assertEquals(single.getJsonArray("errors"), shared.getJsonArray("errors"));
      assertEquals(single.getJsonArray("depths"), shared.getJsonArray("depths"));
      assertFalse(single.getJsonArray("broken").isEmpty(), "the site has broken links");
      assertEquals(normalised(single), normalised(shared), "the same broken links with the same referrers");
      assertEquals("finished", shared.getString("finishReason"));
      ctx.completeNow();
    })));
  }

  @Test
  void aCrawlThatIsNotThereIsNamedWithTheCrawlsThatAre(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    vertx.executeBlocking(() -> {
      PgSnapshot.copy(pg.url("crawls"), "no-such-crawl", dir);
      return null;
    }).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err instanceof StoreException, String.valueOf(err));
      assertTrue(err.getMessage().contains("no crawl 'no-such-crawl' there"), err.getMessage());
      assertFalse(err.getMessage().contains(PostgresServer.PASSWORD), "password masked: " + err.getMessage());
      ctx.completeNow();
    })));
  }

  /** Broken links with their ports cut (each run has its own servers): target path, status, referrer paths. */
  private static String normalised(JsonObject report) {
    List<String> rows = new ArrayList<>();
    report.getJsonArray("broken").forEach(b -> rows.add(((JsonObject) b).encode().replaceAll("127\\.0\\.0\\.1:\\d+", "h")));
    rows.sort(null);
    return String.join("\n", rows);
  }
}
