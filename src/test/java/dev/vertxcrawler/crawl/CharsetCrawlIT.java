package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A page's charset over the wire: what the header and the page's own meta tag say, as WHATWG reads them. */
@ExtendWith(VertxExtension.class)
class CharsetCrawlIT {

  /**
   * Issue 20: UTF-8 bytes served with an unknown Content-Type charset and a {@code <meta charset="utf-16">} were
   * decoded as UTF-16 (empty title, no links). An unknown header label falls through to the prescan, and a
   * UTF-16 label met in ASCII-compatible bytes means UTF-8: the title reads right and the link is followed.
   */
  @Test
  void utf8WithAnUnknownHeaderLabelAndAMetaUtf16IsReadAsUtf8AndItsLinkFollowed(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    byte[] page = ("<!DOCTYPE html><html><head><meta charset=\"utf-16\"><title>Caf\u00e9 \u2014 menu</title></head>"
        + "<body><a href=\"/next\">next</a></body></html>").getBytes(StandardCharsets.UTF_8);
    TestServer.start(vertx, req -> {
      if (req.path().equals("/")) {
        req.response().putHeader("content-type", "text/html; charset=x-does-not-exist").end(Buffer.buffer(page));
      } else if (req.path().equals("/next")) {
        req.response().putHeader("content-type", "text/html").end("<title>Next</title>");
      } else {
        req.response().setStatusCode(404).end();
      }
    }).compose(server -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), out,
            server.url("/")).map(result -> new Object[] {result, server}))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          CrawlHarness.Result result = (CrawlHarness.Result) r[0];
          TestServer server = (TestServer) r[1];
          JsonObject root = result.page(server.origin() + "/");
          assertNotNull(root, "the seed is recorded");
          assertEquals("Caf\u00e9 \u2014 menu", root.getString("title"));
          assertEquals(1, root.getInteger("links"));
          assertEquals(1L, server.count("/next"), "the linked page is fetched");
          assertEquals("fetched", result.page("/next").getString("outcome"));
          assertEquals("Next", result.page("/next").getString("title"));
          ctx.completeNow();
        })));
  }
}
