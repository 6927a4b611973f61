package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** X-Robots-Tag: the header's nofollow and noindex count like meta robots, when they are meant for us. */
@ExtendWith(VertxExtension.class)
class RobotsTagCrawlIT {

  @Test
  void aNofollowHeaderOrMetaForUsStopsThePagesLinksAndOneForAnotherCrawlerDoesNot(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    TestServer.start(vertx, req -> {
      String tag = switch (req.path()) {
        case "/closed" -> "nofollow";
        case "/other" -> "otherbot: nofollow, noindex";
        case "/ours" -> "vertx-crawler: noindex";
        case "/report.pdf" -> "noindex";
        default -> null;
      };
      if (tag != null) {
        req.response().putHeader("X-Robots-Tag", tag);
      }
      String body = switch (req.path()) {
        case "/" -> "<a href=/closed>c</a> <a href=/other>o</a> <a href=/ours>u</a> <a href=/report.pdf>p</a>"
            + " <a href=/meta-ours>m</a> <a href=/meta-other>n</a>";
        case "/meta-ours" -> "<meta name=vertx-crawler content=nofollow><a href=/behind-meta-ours>b</a>";
        case "/meta-other" -> "<meta name=otherbot content='noindex, nofollow'><a href=/behind-meta-other>b</a>";
        case "/closed" -> "<a href=/behind-closed-1>1</a> <a href=/behind-closed-2>2</a>";
        case "/other" -> "<a href=/behind-other>b</a>";
        default -> "<p>leaf";
      };
      req.response().putHeader("content-type", req.path().endsWith(".pdf") ? "application/pdf" : "text/html")
          .end(body);
    }).compose(server -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), out,
            server.url("/")).map(result -> new Object[] {result, server.origin()}))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          CrawlHarness.Result result = (CrawlHarness.Result) r[0];
          String origin = (String) r[1];
          Set<String> paths = result.pages().stream().map(p -> p.getString("url").substring(origin.length()))
              .collect(Collectors.toSet());
          assertEquals(Set.of("/", "/closed", "/other", "/ours", "/report.pdf", "/behind-other", "/meta-ours",
              "/meta-other", "/behind-meta-other"), paths,
              "nothing behind a nofollow header or a meta for us; another crawler's nofollow is not ours");
          assertEquals(3L, result.summary().getJsonObject("filteredCounts").getLong("nofollow"));
          assertEquals(false, result.page("/meta-other").getBoolean("noindex"));
          assertEquals(true, result.page("/ours").getBoolean("noindex"));
          assertEquals(false, result.page("/other").getBoolean("noindex"));
          assertEquals(true, result.page("/report.pdf").getBoolean("noindex"), "any content type");
          ctx.completeNow();
        })));
  }
}
