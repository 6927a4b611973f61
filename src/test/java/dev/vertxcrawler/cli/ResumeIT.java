package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.store.PageExport;
import dev.vertxcrawler.testing.ChildCrawl;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI in child JVMs, killed with SIGKILL or stopped with SIGTERM mid-crawl, then resumed. */
@ExtendWith(VertxExtension.class)
class ResumeIT {
  private static final int PAGES = 1500;
  private static final int WORKERS = 4;
  private static final int PER_HOST = 2;

  private static String[] args(TestServer server, Path dir) {
    return new String[] {"crawl", "--seed", server.url("/p/0"), "--out", dir.resolve("out").toString(),
        "--seeds-dir", dir.resolve("none").toString(), "--quiet", "-s", "politeness.minDelayMs=2",
        "-s", "politeness.jitter=0", "-s", "maxPages=0", "-s", "maxDepth=100", "-s", "workers=" + WORKERS,
        "-s", "politeness.maxConcurrencyPerHost=" + PER_HOST};
  }

  private static long pageRequests(TestServer server) {
    return server.requests().stream().filter(r -> r.startsWith("/p/")).count();
  }

  /** Starts the crawl; once the server has seen {@code pageRequests} page requests, stops it with {@code stop}. */
  private static Future<Integer> runUntil(Vertx vertx, TestServer server, Path dir, long requests,
      Function<Process, Void> stop) {
    Promise<Integer> exited = Promise.promise();
    Process process;
    try {
      process = ChildCrawl.start(dir.resolve("child.log"), args(server, dir));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    if (requests > 0) {
      vertx.setPeriodic(5, t -> {
        if (pageRequests(server) >= requests || !process.isAlive()) {
          vertx.cancelTimer(t);
          stop.apply(process);
        }
      });
    }
    vertx.executeBlocking(() -> process.waitFor(120, TimeUnit.SECONDS) ? process.exitValue() : -1, false)
        .onComplete(exited);
    return exited.future();
  }

  private static Void kill9(Process p) {
    p.destroyForcibly(); // SIGKILL
    return null;
  }

  private static Void sigterm(Process p) {
    p.destroy(); // SIGTERM
    return null;
  }

  @Test
  void killedWithSigkillTwiceThenResumedEndsWithEveryPageExactlyOnce(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    TestServer.start(vertx, req -> SyntheticSite.handle(req, PAGES)).onComplete(ctx.succeeding(server ->
        runUntil(vertx, server, dir, 100, ResumeIT::kill9)
            .compose(first -> {
              ctx.verify(() -> assertEquals(137, first, "killed by SIGKILL mid-crawl"));
              return runUntil(vertx, server, dir, 700, ResumeIT::kill9);
            })
            .compose(second -> {
              ctx.verify(() -> {
                assertEquals(137, second, "killed by SIGKILL mid-crawl again");
                assertTrue(pageRequests(server) < PAGES, "the second kill came before the end");
              });
              return runUntil(vertx, server, dir, 0, p -> null);
            })
            .compose(last -> vertx.executeBlocking(() -> {
              verifyCompleteCrawl(server, dir, last);
              return null;
            }, false))
            .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
              Map<String, Long> perUrl = server.requests().stream().filter(r -> r.startsWith("/p/"))
                  .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
              long refetched = pageRequests(server) - PAGES;
              assertTrue(perUrl.values().stream().allMatch(n -> n <= 2), "a URL was requested more than twice");
              assertTrue(refetched <= 2L * WORKERS * PER_HOST, refetched + " pages fetched again after two kills");
              assertEquals(1, server.count("/robots.txt"), "robots.txt answers survive in the store");
              ctx.completeNow();
            })))));
  }

  @Test
  void sigtermThenResumeGivesTheSameSetAsAnUninterruptedCrawlWithNothingFetchedTwice(Vertx vertx,
      VertxTestContext ctx, @TempDir Path dir) {
    TestServer.start(vertx, req -> SyntheticSite.handle(req, PAGES)).onComplete(ctx.succeeding(server ->
        runUntil(vertx, server, dir, 300, ResumeIT::sigterm)
            .compose(stopped -> {
              ctx.verify(() -> assertEquals(143, stopped, "exit code after SIGTERM"));
              JsonObject summary = CrawlHarness.summary(dir.resolve("out"));
              ctx.verify(() -> assertEquals("shutdown", summary.getString("finishReason")));
              return runUntil(vertx, server, dir, 0, p -> null);
            })
            .compose(last -> vertx.executeBlocking(() -> {
              verifyCompleteCrawl(server, dir, last);
              return null;
            }, false))
            .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
              assertEquals(PAGES, pageRequests(server), "a graceful stop re-fetches nothing");
              ctx.completeNow();
            })))));
  }

  /** Blocking file reads: called on a worker thread. */
  private static void verifyCompleteCrawl(TestServer server, Path dir, int lastExit) throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, lastExit, "the final run completes");
    assertEquals("finished", CrawlHarness.summary(out).getString("finishReason"));
    List<JsonObject> pages = CrawlHarness.pages(out);
    Set<String> urls = new HashSet<>();
    pages.forEach(p -> urls.add(p.getString("url")));
    assertEquals(PAGES, pages.size(), "pages.jsonl has one line per page");
    assertEquals(PAGES, urls.size(), "and no URL twice");
    for (int i = 0; i < PAGES; i++) {
      assertTrue(urls.contains(server.url("/p/" + i)), "missing /p/" + i);
    }
    StringWriter exported = new StringWriter();
    assertEquals(PAGES, PageExport.export(out, PageExport.Format.JSONL, exported), "the store holds each page once");
    assertEquals(PAGES, CrawlHarness.summary(out).getJsonObject("pages").getLong("fetched"));
  }
}
