package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI in a child JVM, stopped with SIGTERM mid-crawl: the shutdown hook takes the undeploy path. */
@ExtendWith(VertxExtension.class)
class SignalShutdownIT {
  @Test
  void sigtermMidCrawlWritesFinishReasonShutdownAndKeepsEveryCompletedPage(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    Path out = dir.resolve("out");
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 10_000)).onComplete(ctx.succeeding(server -> {
      Process process;
      try {
        process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Main.class.getName(),
            "crawl", "--seed", server.url("/p/0"), "--out", out.toString(), "--seeds-dir", dir.toString(),
            "-s", "politeness.minDelayMs=20", "-s", "maxPages=0", "-s", "maxDepth=100"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
      } catch (Exception e) {
        ctx.failNow(e);
        return;
      }
      vertx.setPeriodic(20, t -> {
        if (server.requests().stream().filter(r -> r.startsWith("/p/")).count() < 10) {
          return;
        }
        vertx.cancelTimer(t);
        process.destroy(); // SIGTERM
        vertx.executeBlocking(() -> process.waitFor(30, TimeUnit.SECONDS), false)
            .onComplete(ctx.succeeding(exited -> ctx.verify(() -> {
              assertTrue(exited, "the child exited after SIGTERM");
              JsonObject summary = CrawlHarness.summary(out);
              List<JsonObject> pages = CrawlHarness.pages(out);
              assertEquals("shutdown", summary.getString("finishReason"));
              List<String> requested = server.requests().stream().filter(r -> r.startsWith("/p/"))
                  .map(server::url).sorted().toList();
              List<String> recorded = pages.stream().map(p -> p.getString("url")).sorted().toList();
              assertEquals(requested, recorded, () -> "every page request sent is recorded, once; recorded: "
                  + pages.stream().map(p -> p.getString("url") + " " + p.getString("outcome") + " "
                  + p.getValue("status") + " " + p.getString("error")).toList() + "\nchild log:\n" + childLog(dir));
              assertTrue(pages.size() < 10_000);
              ctx.completeNow();
            })));
      });
    }));
  }

  private static String childLog(Path dir) {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
