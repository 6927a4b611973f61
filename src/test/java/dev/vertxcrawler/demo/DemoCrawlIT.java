package dev.vertxcrawler.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.testing.CrawlHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class DemoCrawlIT {
  @Test
  void theBundledSiteIsCrawledWithAllItsKindsOfPage(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    DemoSite site = new DemoSite(vertx);
    site.start().compose(port -> {
      String base = "http://127.0.0.1:" + port;
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, CrawlHarness.config("maxDepth=10"), out,
          List.of(base + "/"));
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out).map(pages -> {
            Map<String, JsonObject> byPath = pages.stream().collect(Collectors.toMap(
                p -> p.getString("url").substring(base.length()), Function.identity()));
            ctx.verify(() -> {
              assertEquals("finished", summary.getString("finishReason"));
              assertTrue(pages.size() >= 100, "only " + pages.size() + " pages");
              assertEquals(301, byPath.get("/old-guide/").getInteger("status"));
              assertEquals("/guide/", byPath.get("/old-guide/").getString("location"));
              assertEquals(200, byPath.get("/slow.html").getInteger("status"));
              assertTrue(byPath.get("/slow.html").getLong("elapsedMs") >= DemoSite.SLOW_PAGE_DELAY_MS);
              assertEquals(404, byPath.get("/api/removed.html").getInteger("status"));
              assertEquals("text/csv; charset=utf-8", byPath.get("/files/keepers.csv").getString("contentType"));
              assertEquals(0, byPath.get("/files/keepers.csv").getInteger("links"), "non-HTML is not parsed");
              assertTrue(summary.getJsonObject("statusCounts").getLong("404") >= 3);
              assertEquals(1, summary.getJsonObject("filteredCounts").getLong("nofollow"));
              assertTrue(summary.getJsonObject("filteredCounts").getLong("scope") >= 1);
              assertEquals(0, summary.getJsonObject("pages").getLong("failed"));
              assertEquals("skipped", byPath.get("/private/notes.html").getString("outcome"));
              assertEquals("robots", byPath.get("/private/notes.html").getString("error"));
              assertEquals(1, summary.getJsonObject("robots").getLong("fetched"));
            });
            return pages;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }
}
