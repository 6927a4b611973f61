package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's last URL for now asks the server to close the connection (Connection: close), so a broad crawl does not
 * keep a connection idle for every host it has finished; every earlier request keeps it for the next.
 */
@ExtendWith(VertxExtension.class)
class LastUrlClosesIT {
  @Test
  void onlyTheRequestForTheHostsLastUrlAsksToClose(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    // The seed /1 is all the host has when it goes out (its links are found only once it is parsed): it closes.
    // Then /2 goes out with /3 waiting behind it (keep the connection), and /3 is the last again.
    List<String> asked = new CopyOnWriteArrayList<>();
    Map<String, String> connection = new ConcurrentHashMap<>();
    TestServer.start(vertx, req -> {
      String path = req.path();
      asked.add(path);
      connection.put(path, String.valueOf(req.getHeader("Connection")));
      switch (path) {
        case "/1" -> req.response().putHeader("content-type", "text/html").end("<a href=/2>2</a><a href=/3>3</a>");
        case "/2", "/3" -> req.response().putHeader("content-type", "text/html").end("<p>leaf</p>");
        default -> req.response().setStatusCode(404).end();
      }
    }).compose(server -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), out,
        server.url("/1"))).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(3, result.pages().size());
          assertEquals(List.of("/robots.txt", "/1", "/2", "/3"), asked);
          assertEquals("null", connection.get("/robots.txt"), "robots.txt: /1 follows on the same connection");
          assertEquals("close", connection.get("/1"), "nothing else of the host known yet");
          assertEquals("null", connection.get("/2"), "/3 waits behind /2: keep the connection");
          assertEquals("close", connection.get("/3"), "the host's last URL");
          ctx.completeNow();
        })));
  }
}
