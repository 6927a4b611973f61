package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.Routes;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * politeness.robotsCacheEntries=2 over five hosts crawled in turn, plus one host given up for its Crawl-delay:
 * the cache lets origins go all the time, yet each robots.txt is requested exactly once — what an evicted origin
 * needs (its rules, its give-up) comes back from the store.
 */
@ExtendWith(VertxExtension.class)
class RobotsCacheIT {
  private static final int HOSTS = 5;
  private static final int PAGES = 6;

  @ParameterizedTest(name = "store.kind={0}")
  @ValueSource(strings = {"sqlite", "memory"})
  void eachRobotsTxtIsRequestedOnceThoughTheCacheHoldsTwo(String store, Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    // The given-up host: Crawl-delay 100 s over a cap of 1 s, with crawlDelayOverCap=skip.
    TestServer.start(vertx, new Routes().text("/robots.txt", "User-agent: *\nCrawl-delay: 100\n").page("/g/seed"))
        .compose(slow -> startHosts(vertx, slow).compose(hosts -> {
          List<String> seeds = new ArrayList<>(hosts.stream().map(h -> h.url("/p/0")).toList());
          seeds.add(slow.url("/g/seed"));
          return CrawlHarness.crawl(vertx, CrawlHarness.config("store.kind=" + store,
                  "politeness.robotsCacheEntries=2", "politeness.minDelayMs=20", "politeness.maxCrawlDelayMs=1000",
                  "politeness.crawlDelayOverCap=skip", "sitemaps.enabled=true"), out, seeds.toArray(String[]::new))
              .map(result -> {
                ctx.verify(() -> {
                  for (TestServer host : hosts) {
                    assertEquals(1, host.count("/robots.txt"), host.origin() + ": robots.txt once");
                    assertEquals(1, host.count("/sitemap.xml"), host.origin() + ": its sitemaps read once");
                    assertEquals(0, host.count("/private/x"), "its rules came back with it: " + host.requests());
                    for (int k = 0; k < PAGES; k++) {
                      assertEquals(1, host.count("/p/" + k), host.origin() + "/p/" + k);
                    }
                    assertEquals("robots", page(result, host.url("/private/x")).getString("error"));
                  }
                  assertEquals(1, slow.count("/robots.txt"), "the given-up host's robots.txt once");
                  assertEquals(List.of("/robots.txt"), slow.requests(), "nothing else of it is requested");
                  for (TestServer host : hosts) {
                    for (int k = 1; k < PAGES; k++) {
                      JsonObject skipped = page(result, slow.url("/g/" + host.port() + "-" + k));
                      assertEquals("skipped", skipped.getString("outcome"));
                      assertEquals(RobotsStep.CRAWL_DELAY, skipped.getString("error"), "still given up once let go");
                    }
                  }
                  JsonObject robots = result.summary().getJsonObject("robots");
                  assertTrue(robots.getLong("evicted") > HOSTS, "the cache did let origins go: " + robots);
                  assertTrue(robots.getLong("reloaded") > HOSTS, "and read them back: " + robots);
                  assertEquals(HOSTS + 1, robots.getLong("fetched") + robots.getLong("allowAll"), robots.encode());
                });
                return result;
              })
              .eventually(() -> Future.join(hosts.stream().map(TestServer::close).toList()))
              .eventually(slow::close);
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Five hosts: /p/k links to /p/k+1, to /private/x (disallowed) and to a page on the given-up host. */
  private static Future<List<TestServer>> startHosts(Vertx vertx, TestServer slow) {
    List<Future<TestServer>> started = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++) {
      Routes routes = new Routes().text("/robots.txt", "User-agent: *\nDisallow: /private\n");
      for (int k = 0; k < PAGES; k++) {
        int page = k;
        routes.on("/p/" + k, req -> req.response().putHeader("content-type", "text/html; charset=utf-8")
            .end(Routes.html(page + 1 < PAGES ? "/p/" + (page + 1) : "/p/0", "/private/x",
                page == 0 ? "/p/1" : slow.url("/g/" + req.localAddress().port() + "-" + page))));
      }
      started.add(TestServer.start(vertx, routes));
    }
    return Future.all(started).map(all -> all.<TestServer>list());
  }

  private static JsonObject page(CrawlHarness.Result result, String url) {
    return result.pages().stream().filter(p -> p.getString("url").equals(url)).findFirst()
        .orElseThrow(() -> new AssertionError("no record for " + url));
  }
}
