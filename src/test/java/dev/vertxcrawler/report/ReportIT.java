package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.demo.DemoSite;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.Routes;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Report numbers on known sites, and crawled text kept inert in report.html. */
@ExtendWith(VertxExtension.class)
class ReportIT {
  static final String SCRIPT_TITLE = "<script>alert(1)</script>";
  static final String IMG_TITLE = "\"'><img src=x onerror=alert(1)>";

  @Test
  void theDemoCrawlsReportHasTheKnownCountsAndEveryBrokenTargetWithAllItsReferrers(Vertx vertx,
      VertxTestContext ctx, @TempDir Path out) {
    new DemoSite(vertx).start().compose(port -> CrawlHarness.crawl(vertx, CrawlHarness.config("maxDepth=10"), out,
            "http://127.0.0.1:" + port + "/")
        .compose(result -> vertx.executeBlocking(() -> {
          JsonObject report = ReportQueries.load(out, true)
              .put("brokenWithoutPages", ReportQueries.load(out, false).getJsonArray("broken"));
          try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + out.resolve("crawl.db") + "?mode=ro")) {
            ReportLinks capped = ReportLinks.read(c, true, 10);
            report.put("cappedLinks", capped.links()).put("cappedTotal", capped.linksTotal);
          }
          return report;
        }, false))
        .map(report -> {
          ctx.verify(() -> {
            String base = "http://127.0.0.1:" + port;
            JsonObject totals = report.getJsonObject("totals");
            assertEquals(129, totals.getLong("pages"));
            assertEquals(128, totals.getLong("fetched"));
            assertEquals(1, totals.getLong("skipped"));
            assertEquals("finished", report.getString("finishReason"));
            JsonArray broken = report.getJsonArray("broken");
            assertEquals(8, broken.size(), broken.encodePrettily());
            JsonObject removed = broken.stream().map(JsonObject.class::cast)
                .filter(b -> b.getString("url").equals(base + "/api/removed.html")).findFirst().orElseThrow();
            assertEquals(404, removed.getInteger("status"));
            // Classes 0, 13, 26 and 39 of the generator link to removed.html.
            assertEquals(List.of(base + "/api/beacon.html", base + "/api/keel.html", base + "/api/shoal.html",
                base + "/api/shore.html"), removed.getJsonArray("referrers").getList());
            assertEquals(List.of(base + "/old-guide/", base + "/guide/"), report.getJsonArray("redirects")
                .getJsonObject(0).getJsonArray("chain").getList());
            assertEquals("robots", report.getJsonArray("skipped").getJsonObject(0).getString("key"));
            assertEquals(129, report.getJsonArray("pages").size());
            // The page table's links are row-index pairs: beacon.html's row links to removed.html's row.
            List<Object> urls = report.getJsonArray("pages").stream().map(row -> ((JsonArray) row).getString(0))
                .collect(java.util.stream.Collectors.toList());
            int beacon = urls.indexOf(base + "/api/beacon.html");
            int removedRow = urls.indexOf(base + "/api/removed.html");
            assertTrue(beacon >= 0 && removedRow >= 0, urls.toString());
            JsonArray links = report.getJsonArray("links");
            assertTrue(java.util.stream.IntStream.range(0, links.size() / 2).anyMatch(i ->
                links.getInteger(2 * i) == beacon && links.getInteger(2 * i + 1) == removedRow),
                "no link from row " + beacon + " to row " + removedRow + " among " + links.size() / 2);
            // Every link between listed pages is kept under the cap; over it, the first ones and the true total.
            assertEquals(links.size() / 2, report.getLong("linksTotal"));
            assertTrue(report.getLong("linksTotal") > 10, "the demo site has more than 10 links");
            assertEquals(report.getLong("linksTotal"), report.getLong("cappedTotal"));
            assertEquals(new JsonArray(links.getList().subList(0, 20)), report.getJsonArray("cappedLinks"));
            // Without the page table, the broken targets come from their own query: the same list.
            assertEquals(broken, report.getJsonArray("brokenWithoutPages"));
            assertEquals(base + "/slow.html", report.getJsonArray("slowest").getJsonObject(0).getString("url"));
            String text = TerminalReport.renderBroken(report);
            assertTrue(text.contains("404  " + base + "/api/removed.html\n    linked from " + base
                + "/api/beacon.html"), text);
          });
          return report;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** A crawl of a hostile little site; its report.html is written to {@code out}. Used by the browser test too. */
  static io.vertx.core.Future<Path> hostileReport(Vertx vertx, Path out) {
    Routes routes = new Routes()
        .on("/", req -> req.response().putHeader("content-type", "text/html").end("<title>" + SCRIPT_TITLE
            + "</title><a href=\"/img\">x</a><a href=\"javascript:alert(1)\">js</a><a href=\"/missing\">m</a>"))
        .on("/img", req -> req.response().putHeader("content-type", "text/html").end("<title>" + IMG_TITLE
            + "</title><p>hi</p>"));
    return TestServer.start(vertx, routes)
        .compose(server -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), out,
            server.url("/")))
        .compose(result -> vertx.executeBlocking(() -> HtmlReport.write(out, ReportQueries.load(out, true)), false));
  }

  @Test
  void crawledTitlesAndJavascriptLinksStayInertInReportHtml(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    hostileReport(vertx, out).onComplete(ctx.succeeding(file -> ctx.verify(() -> {
      String html = Files.readString(file);
      assertFalse(html.contains(SCRIPT_TITLE), "the title's script tag appears raw");
      assertFalse(html.contains("<img src=x"), "the title's img tag appears raw");
      assertTrue(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), "escaped inside the JSON");
      assertEquals(2, html.split("<script", -1).length - 1, "exactly the data block and the report script");
      assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"));
      List<String> external = html.lines().filter(l -> l.contains("src=\"http") || l.contains("href=\"http"))
          .collect(Collectors.toList());
      assertTrue(external.isEmpty(), "no external resources: " + external);
      ctx.completeNow();
    })));
  }
}
