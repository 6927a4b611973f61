package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** maxDurationSec: a run ends gracefully when its time is up, and the next run of the same command goes on. */
@ExtendWith(VertxExtension.class)
class MaxDurationIT {
  private static final int PAGES = 40;
  private static final int MAX_RUNS = 8;

  @Test
  void aRunEndsWhenItsTimeIsUpAndRunsOfTheSameCommandFinishTheCrawlFetchingEachPageOnce(Vertx vertx,
      VertxTestContext ctx, @TempDir Path out) {
    // 40 pages at ~60 ms each through one worker: about 2.5 s of work, so a 1 s budget takes several runs.
    TestServer.start(vertx, req -> vertx.setTimer(60, id -> {
      StringBuilder html = new StringBuilder("<p>page");
      if (req.path().equals("/")) {
        for (int i = 0; i < PAGES; i++) {
          html.append("<a href=/p/").append(i).append(">").append(i).append("</a>");
        }
      }
      req.response().putHeader("content-type", "text/html").end(html.toString());
    })).compose(server -> {
      CrawlConfig config = CrawlHarness.config("maxDurationSec=1", "workers=1", "sitemaps.enabled=false");
      List<String> reasons = new ArrayList<>();
      return runUntilFinished(vertx, config, out, server.url("/"), reasons)
          .compose(v -> CrawlHarness.readPages(vertx, out))
          .map(pages -> new JsonObject().put("reasons", reasons).put("pages", pages)
              .put("requests", server.requests().stream().filter(u -> !u.equals("/robots.txt"))
                  .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      @SuppressWarnings("unchecked") List<String> reasons = r.getJsonArray("reasons").getList();
      assertEquals("maxDuration", reasons.get(0), "the first run's time ran out: " + reasons);
      assertEquals("finished", reasons.get(reasons.size() - 1), reasons.toString());
      assertTrue(reasons.size() >= 2, reasons.toString());
      assertEquals(PAGES + 1, r.getJsonArray("pages").size(), "every page recorded once across the runs");
      Map<String, Object> requests = r.getJsonObject("requests").getMap();
      assertEquals(PAGES + 1, requests.size());
      assertTrue(requests.values().stream().allMatch(n -> ((Number) n).longValue() == 1),
          "no page requested twice: in-flight pages finished and were recorded when the time was up " + requests);
      ctx.completeNow();
    })));
  }

  /** Deploys the same crawl on the same directory until a run finishes it (each later run is a resume). */
  private static Future<Void> runUntilFinished(Vertx vertx, CrawlConfig config, Path out, String seed,
      List<String> reasons) {
    return CrawlHarness.crawl(vertx, config, out, seed).compose(result -> {
      String reason = result.summary().getString("finishReason");
      reasons.add(reason);
      if ("finished".equals(reason) || reasons.size() >= MAX_RUNS) {
        return Future.succeededFuture();
      }
      return runUntilFinished(vertx, config, out, seed, reasons);
    });
  }
}
