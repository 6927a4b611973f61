package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A seed file feeding a whole crawl (SeedSourceTest holds the unit tests). */
@ExtendWith(VertxExtension.class)
class SeedSourceIT {
  private static final int LINES = 1_000_000;

  @Test
  void aHugeSeedFileIsReadLazilyNotLoadedWhole(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    // A million-line seed file (about 40 MB) with maxPages=20: the crawl must read only a few batches.
    TestServer server = TestServer.start(vertx, req -> SyntheticSite.handle(req, 10))
        .toCompletionStage().toCompletableFuture().get();
    Path file = dir.resolve("huge.txt");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < LINES; i++) {
        out.write(server.url("/p/" + i));
        out.write('\n');
      }
    }
    SeedSource seeds = new SeedSource(vertx, List.of(), List.of(file));
    CrawlerVerticle crawler = CrawlHarness.verticle(vertx, CrawlHarness.config("maxPages=20", "queueCapacity=100"),
        dir.resolve("out"), seeds);
    vertx.deployVerticle(crawler).compose(id -> crawler.finished())
        .onComplete(ctx.succeeding(summary -> ctx.verify(() -> {
          assertEquals("maxPages", summary.getString("finishReason"));
          long read = seeds.linesRead();
          assertTrue(read >= 20 && read <= 5_000, "read " + read + " of " + LINES + " lines");
          ctx.completeNow();
        })));
  }
}
