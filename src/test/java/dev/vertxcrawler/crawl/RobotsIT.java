package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.report.SummaryText;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.Routes;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** robots.txt per RFC 9309: every status branch, group selection for our token, cache expiry. */
@ExtendWith(VertxExtension.class)
class RobotsIT {
  private static final String[] FAST_ROBOTS_RETRY = {"politeness.robotsRetryMs=50",
      "politeness.robotsUnavailableMaxMs=400", "http.deadlineMs=300", "http.retries=0", "sitemaps.enabled=false"};

  private static Handler<HttpServerRequest> robots(String behaviour, Vertx vertx) {
    return req -> {
      switch (behaviour) {
        case "404" -> req.response().setStatusCode(404).end();
        case "403" -> req.response().setStatusCode(403).end();
        case "401" -> req.response().setStatusCode(401).end();
        case "500" -> req.response().setStatusCode(500).end();
        case "503" -> req.response().setStatusCode(503).end();
        case "429" -> req.response().setStatusCode(429).end();
        case "timeout" -> { } // never answers; the wall-clock deadline ends it
        case "reset" -> req.connection().close();
        case "disallow" -> req.response().putHeader("content-type", "text/plain").end("User-agent: *\nDisallow: /page\n");
        default -> throw new IllegalArgumentException(behaviour);
      }
    };
  }

  @ParameterizedTest(name = "[{index}] robots.txt {0} → /page {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      404      | fetched | ''                 | ''
      403      | fetched | ''                 | ''
      401      | fetched | ''                 | ''
      403      | skipped | robots             | politeness.robots401403=disallow
      disallow | skipped | robots             | ''
      500      | skipped | robots-unavailable | ''
      503      | skipped | robots-unavailable | ''
      429      | skipped | robots-unavailable | ''
      timeout  | skipped | robots-unavailable | ''
      reset    | skipped | robots-unavailable | ''
      """)
  void everyRobotsStatusBranch(String behaviour, String outcome, String error, String extra, Vertx vertx,
      VertxTestContext ctx, @TempDir Path out) {
    List<String> overrides = new java.util.ArrayList<>(List.of(FAST_ROBOTS_RETRY));
    if (!extra.isEmpty()) {
      overrides.add(extra);
    }
    Routes routes = new Routes().on("/robots.txt", robots(behaviour, vertx)).page("/page");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config(overrides.toArray(String[]::new)), out, server.url("/page"))
        .map(result -> {
          ctx.verify(() -> {
            JsonObject page = result.page("/page");
            assertEquals(outcome, page.getString("outcome"));
            assertEquals(error.isEmpty() ? null : error, page.getString("error"));
            assertEquals(outcome.equals("fetched") ? 1 : 0, server.count("/page"),
                "a URL robots.txt keeps us from is never requested");
            assertEquals("/robots.txt", server.requests().get(0), "robots.txt is requested first");
            if (error.equals("robots-unavailable")) {
              assertTrue(server.count("/robots.txt") >= 2, "unreachable robots.txt is retried with backoff");
              assertEquals(1, result.summary().getJsonObject("robots").getLong("unavailable"));
            }
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anUnreachableRobotsTxtThatRecoversIsRetriedAndThenObeyed(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    AtomicInteger robotsCalls = new AtomicInteger();
    Routes routes = new Routes()
        .on("/robots.txt", req -> {
          if (robotsCalls.incrementAndGet() == 1) {
            req.response().setStatusCode(503).end();
          } else {
            req.response().end("User-agent: *\nDisallow: /private/\n");
          }
        })
        .page("/", "/private/x", "/public")
        .page("/public");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("politeness.robotsRetryMs=100", "sitemaps.enabled=false"), out, server.url("/"))
        .map(result -> {
          ctx.verify(() -> {
            assertEquals(2, robotsCalls.get());
            List<TestServer.Arrival> arrivals = server.arrivals();
            assertTrue(arrivals.get(1).atMs() - arrivals.get(0).atMs() >= 95, "waited for the retry");
            assertEquals("/robots.txt", arrivals.get(1).uri(), "nothing else before robots.txt answered");
            assertEquals("robots", result.page("/private/x").getString("error"));
            assertEquals(0, server.count("/private/x"));
            assertEquals(200, result.page("/public").getInteger("status"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void redirectsAreFollowedUpToFiveHopsAndTheRulesApplyToTheOriginalOrigin(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    Routes routes = new Routes()
        .on("/robots.txt", req -> req.response().setStatusCode(301).putHeader("location", "/r1").end())
        .on("/r1", req -> req.response().setStatusCode(302).putHeader("location", "/r2").end())
        .on("/r2", req -> req.response().setStatusCode(307).putHeader("location", "/rules.txt").end())
        .text("/rules.txt", "User-agent: *\nDisallow: /page\n")
        .page("/page");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false"), out, server.url("/page"))
        .map(result -> {
          ctx.verify(() -> {
            assertEquals(List.of("/robots.txt", "/r1", "/r2", "/rules.txt"), server.requests());
            assertEquals("robots", result.page("/page").getString("error"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void moreThanFiveRedirectsMeanUnavailableSoAllowAll(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    Routes routes = new Routes().page("/page");
    routes.on("/robots.txt", req -> req.response().setStatusCode(301).putHeader("location", "/h1").end());
    for (int i = 1; i <= 6; i++) {
      String next = "/h" + (i + 1);
      routes.on("/h" + i, req -> req.response().setStatusCode(301).putHeader("location", next).end());
    }
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false"), out, server.url("/page"))
        .map(result -> {
          ctx.verify(() -> {
            assertEquals(6, server.requests().stream().filter(r -> r.startsWith("/h") || r.equals("/robots.txt"))
                .count(), "robots.txt and five redirect hops, no more");
            assertEquals(200, result.page("/page").getInteger("status"));
            assertEquals(1, result.summary().getJsonObject("robots").getLong("allowAll"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theGroupForOurProductTokenWinsOverTheWildcard(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    Routes routes = new Routes()
        .text("/robots.txt", "User-agent: otherbot\nDisallow: /\n\n"
            + "User-agent: Vertx-Crawler\nDisallow: /mine/\n\n"
            + "User-agent: *\nDisallow: /\n")
        .page("/", "/mine/a", "/yours/b")
        .page("/yours/b");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false", "userAgent=vertx-crawler/9.9 (+https://example.invalid)"),
            out, server.url("/"))
        .map(result -> {
          ctx.verify(() -> {
            assertEquals(200, result.page(server.port() + "/").getInteger("status"), "the * group is not ours");
            assertEquals("robots", result.page("/mine/a").getString("error"));
            assertEquals(200, result.page("/yours/b").getInteger("status"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Issue 20: a URL robots.txt keeps us from is a skip, not an error; summary.json and its text say so apart. */
  @Test
  void skipsAreCountedApartFromErrors(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    Routes routes = new Routes().text("/robots.txt", "User-agent: *\nDisallow: /private/\n")
        .page("/", "/private/a", "/private/b", "/private/c", "/broken", "/open")
        .on("/broken", req -> req.connection().close())
        .page("/open");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false", "http.retries=0"), out, server.url("/"))
        .map(result -> {
          ctx.verify(() -> {
            JsonObject summary = result.summary();
            assertEquals(3L, summary.getJsonObject("pages").getLong("skipped"));
            assertEquals(new JsonObject().put("robots", 3L), summary.getJsonObject("skipCounts"));
            JsonObject errors = summary.getJsonObject("errorCounts");
            assertNull(errors.getValue("robots"), "a skip is no error: " + errors);
            assertEquals(1L, errors.getMap().values().stream().mapToLong(n -> ((Number) n).longValue()).sum(),
                "the one failed page, /broken: " + errors);
            String text = SummaryText.render(summary, out);
            assertTrue(text.contains("  skipped:  robots 3\n"), text);
            assertFalse(text.lines().filter(l -> l.startsWith("  errors:")).findFirst().orElseThrow()
                .contains("robots"), text);
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anExpiredRobotsAnswerIsFetchedAgain(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    Routes routes = new Routes().text("/robots.txt", "User-agent: *\nAllow: /\n")
        .page("/p1", "/p2").page("/p2", "/p3").page("/p3", "/p4").page("/p4", "/p5").page("/p5");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false", "politeness.minDelayMs=100", "politeness.jitter=0",
                "politeness.robotsCacheMs=250"), out, server.url("/p1"))
        .map(result -> {
          ctx.verify(() -> {
            long robotsFetches = server.count("/robots.txt");
            assertTrue(robotsFetches >= 2, "robots.txt fetched " + robotsFetches + " times over ~600 ms");
            assertEquals(5, result.summary().getJsonObject("pages").getLong("fetched"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aCrawlDelayOverTheCapIsCappedOrSkippedAsConfigured(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    Routes routes = new Routes().text("/robots.txt", "User-agent: *\nCrawl-delay: 3600\n").page("/a");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false", "politeness.maxCrawlDelayMs=200",
                "politeness.crawlDelayOverCap=skip"), out.resolve("skip"), server.url("/a"))
        .compose(skipped -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false",
                "politeness.maxCrawlDelayMs=200"), out.resolve("cap"), server.url("/a"))
            .map(capped -> {
              ctx.verify(() -> {
                assertEquals("crawl-delay", skipped.page("/a").getString("error"));
                assertEquals(200, capped.page("/a").getInteger("status"));
                assertEquals(200L, capped.summary().getJsonObject("hosts").getJsonObject(server.origin())
                    .getLong("delayMs"), "crawled at the cap");
                assertEquals(1, server.count("/a"), "only the capped crawl fetched the page");
              });
              return capped;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void robotsTxtBeyond500KibIsTruncatedNotRejected(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    // 600 KB of comments, then a rule: past the first 500 KiB, so it is ignored.
    String big = "User-agent: *\nDisallow: /early/\n" + "# filler line to push the rule past the cap\n".repeat(14_000)
        + "Disallow: /late/\n";
    Routes routes = new Routes().text("/robots.txt", big).page("/", "/early/x", "/late/y").page("/late/y");
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false"), out, server.url("/"))
        .map(result -> {
          ctx.verify(() -> {
            assertTrue(big.length() > 600_000);
            assertEquals("robots", result.page("/early/x").getString("error"));
            assertEquals(200, result.page("/late/y").getInteger("status"), "rule after 500 KiB ignored");
            assertNull(result.page("/late/y").getString("error"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }
}
