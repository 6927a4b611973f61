package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vertxcrawler.testing.ChildCrawl;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.Routes;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile web of 100 origins, each with a robots.txt of 500 KiB of Disallow lines (about 2 MB of parsed rules
 * each, 200 MB for all): the crawler, in a child JVM with {@code -Xmx128m} and the default config, holds only
 * politeness.robotsCacheBytes (32 MiB) of them and finishes. Bounded by entries alone (10 000) it ran out of heap.
 */
@ExtendWith(VertxExtension.class)
class RobotsCacheBytesIT {
  private static final int ORIGINS = 100;
  private static final long LIMIT_S = 120;

  private static String hugeRobots() {
    StringBuilder body = new StringBuilder("User-agent: *\n");
    for (int i = 0; body.length() < 500 * 1024 - 32; i++) {
      body.append("Disallow: /p").append(i).append("/x\n");
    }
    return body.toString();
  }

  @Test
  void originsWithHugeRobotsTxtFilesAreCrawledWithinASmallHeap(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    String robots = hugeRobots();
    List<Future<TestServer>> servers = new ArrayList<>();
    for (int i = 0; i < ORIGINS; i++) {
      servers.add(TestServer.start(vertx, new Routes().text("/robots.txt", robots).page("/")));
    }
    Future.all(servers).compose(all -> vertx.executeBlocking(() -> {
      List<String> args = new ArrayList<>(List.of("crawl", "--out", dir.resolve("out").toString(), "--seeds-dir",
          dir.toString(), "--quiet", "-s", "politeness.minDelayMs=0", "-s", "sitemaps.enabled=false",
          "-s", "network.blockPrivateAddresses=false"));
      for (Future<TestServer> server : servers) {
        args.add("--seed");
        args.add(server.result().url("/"));
      }
      Path log = dir.resolve("crawl.log");
      Process child = ChildCrawl.start(log, List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"),
          args.toArray(String[]::new));
      if (!child.waitFor(LIMIT_S, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new AssertionError("the crawl did not finish within " + LIMIT_S + " s:\n" + Files.readString(log));
      }
      return child.exitValue() + "\n" + Files.readString(log);
    })).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      String log = result.substring(result.indexOf('\n') + 1);
      assertEquals("0", result.substring(0, result.indexOf('\n')), log);
      assertFalse(log.contains("OutOfMemoryError"), log);
      JsonObject summary = CrawlHarness.summary(dir.resolve("out"));
      assertEquals("finished", summary.getString("finishReason"));
      assertEquals(ORIGINS, summary.getJsonObject("pages").getLong("fetched").intValue(), summary.encodePrettily());
      ctx.completeNow();
    })));
  }
}
