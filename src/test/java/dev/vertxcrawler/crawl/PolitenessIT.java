package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.Routes;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Per-host clocks, jitter, Retry-After, 429/503 backoff, retries, no head-of-line blocking, sitemaps. */
@ExtendWith(VertxExtension.class)
class PolitenessIT {
  /** Server-side arrival times can trail the client's start by a scheduling hiccup; allow that much. */
  private static final long CLOCK_SLACK_MS = 5;

  private static List<Long> gaps(List<TestServer.Arrival> arrivals) {
    List<Long> gaps = new java.util.ArrayList<>();
    for (int i = 1; i < arrivals.size(); i++) {
      gaps.add(arrivals.get(i).atMs() - arrivals.get(i - 1).atMs());
    }
    return gaps;
  }

  @Test
  void requestStartsToOneHostAreAtLeastTheDelayApartWithinTheJitterBound(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 12)).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("politeness.minDelayMs=100", "politeness.jitter=0.5", "politeness.adaptive=false"),
            out, server.url("/p/0"))
        .map(result -> {
          ctx.verify(() -> {
            List<Long> gaps = gaps(server.arrivals());
            assertEquals(14, server.arrivals().size(), "robots.txt, sitemap.xml and 12 pages: " + server.requests());
            for (long gap : gaps) {
              assertTrue(gap >= 100 - CLOCK_SLACK_MS, "gap " + gap + " ms under the 100 ms delay: " + gaps);
              assertTrue(gap <= 150 + 60, "gap " + gap + " ms far over delay × (1 + jitter): " + gaps);
            }
            assertTrue(gaps.stream().anyMatch(g -> g > 105), "jitter spreads the gaps: " + gaps);
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aSlowHostNeverHoldsUpAFastOne(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    Routes slowSite = new Routes().text("/robots.txt", "User-agent: *\nCrawl-delay: 1\n")
        .page("/", "/a", "/b").page("/a").page("/b");
    Future<TestServer> slow = TestServer.start(vertx, slowSite);
    Future<TestServer> fast = TestServer.start(vertx, req -> SyntheticSite.handle(req, 30));
    Future.all(slow, fast).compose(both -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false", "politeness.jitter=0"), out,
            slow.result().url("/"), fast.result().url("/p/0"))
        .map(result -> {
          ctx.verify(() -> {
            List<TestServer.Arrival> slowArrivals = slow.result().arrivals();
            List<TestServer.Arrival> fastArrivals = fast.result().arrivals();
            assertEquals(4, slowArrivals.size());
            assertEquals(31, fastArrivals.size());
            long start = Math.min(slowArrivals.get(0).atMs(), fastArrivals.get(0).atMs());
            long fastDone = fastArrivals.get(fastArrivals.size() - 1).atMs() - start;
            long slowSecond = slowArrivals.get(1).atMs() - start;
            assertTrue(fastDone < 900, "the fast host took " + fastDone + " ms");
            assertTrue(fastDone < slowSecond, "fast host done at " + fastDone + " ms, before the slow host's "
                + "second request at " + slowSecond + " ms");
            gaps(slowArrivals).forEach(g -> assertTrue(g >= 1000 - CLOCK_SLACK_MS, "Crawl-delay gap " + g));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void retryAfterInSecondsHoldsTheHostAndTheRequestIsRetried(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    retryAfterCase(vertx, ctx, out, "1", 1000);
  }

  @Test
  void retryAfterAsAnHttpDateHoldsTheHost(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    // HTTP-dates have one-second resolution: the wait is between one and two seconds.
    retryAfterCase(vertx, ctx, out, date, 1000);
  }

  private void retryAfterCase(Vertx vertx, VertxTestContext ctx, Path out, String retryAfter, long minWait) {
    AtomicInteger calls = new AtomicInteger();
    Routes routes = new Routes().page("/", "/busy", "/other").page("/other")
        .on("/busy", req -> {
          if (calls.incrementAndGet() == 1) {
            req.response().setStatusCode(503).putHeader("retry-after", retryAfter).end();
          } else {
            req.response().putHeader("content-type", "text/html").end(Routes.html());
          }
        });
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false"), out, server.url("/"))
        .map(result -> {
          ctx.verify(() -> {
            List<TestServer.Arrival> arrivals = server.arrivals();
            int busy = server.requests().indexOf("/busy");
            long wait = arrivals.get(busy + 1).atMs() - arrivals.get(busy).atMs();
            assertTrue(wait >= minWait - CLOCK_SLACK_MS, "next request " + wait + " ms after the 503");
            JsonObject record = result.page("/busy");
            assertEquals(200, record.getInteger("status"));
            assertEquals(1, record.getInteger("retries"));
            assertEquals(1, result.summary().getLong("deferrals"));
            assertEquals(1, result.summary().getLong("retries"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void a429DoublesTheDelayAndFastAnswersBringItBackGradually(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    AtomicInteger calls = new AtomicInteger();
    TestServer.start(vertx, req -> {
      if (req.path().equals("/p/1") && calls.incrementAndGet() == 1) {
        req.response().setStatusCode(429).end();
      } else {
        SyntheticSite.handle(req, 40);
      }
    }).compose(server -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), out,
            server.url("/p/0"))
        .map(result -> {
          ctx.verify(() -> {
            List<TestServer.Arrival> arrivals = server.arrivals();
            int first = server.requests().indexOf("/p/1");
            long backoffGap = arrivals.get(first + 1).atMs() - arrivals.get(first).atMs();
            assertTrue(backoffGap >= 1000 - CLOCK_SLACK_MS, "after a 429 the delay doubles to at least 1 s, "
                + "got a gap of " + backoffGap + " ms");
            long secondAfter = arrivals.get(first + 2).atMs() - arrivals.get(first + 1).atMs();
            assertTrue(secondAfter >= 400, "recovery is gradual (halving), not a jump back: " + secondAfter);
            JsonObject summary = result.summary();
            assertEquals(1, summary.getLong("backoffs"));
            assertEquals(40, summary.getJsonObject("pages").getLong("fetched"));
            assertTrue(summary.getJsonObject("hosts").getJsonObject(server.origin()).getLong("delayMs") < 100,
                "the delay recovered: " + summary.getJsonObject("hosts"));
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void transientFailuresAreRetriedThroughTheHostClockUpToTheLimit(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    Routes routes = new Routes().page("/", "/flaky", "/broken")
        .on("/broken", req -> req.response().setStatusCode(500).end());
    AtomicInteger flaky = new AtomicInteger();
    routes.on("/flaky", req -> {
      if (flaky.incrementAndGet() <= 2) {
        req.connection().close();
      } else {
        req.response().putHeader("content-type", "text/html").end(Routes.html());
      }
    });
    TestServer.start(vertx, routes).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("sitemaps.enabled=false", "http.retries=2"), out, server.url("/"))
        .map(result -> {
          ctx.verify(() -> {
            assertEquals(200, result.page("/flaky").getInteger("status"));
            assertEquals(2, result.page("/flaky").getInteger("retries"));
            assertEquals(500, result.page("/broken").getInteger("status"));
            assertEquals(2, result.page("/broken").getInteger("retries"));
            assertEquals(3, server.count("/broken"), "one try and two retries");
            assertEquals(1, result.pages().stream().filter(p -> p.getString("url").endsWith("/broken")).count(),
                "only the final attempt is recorded");
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void sitemapIndexWithAGzippedChildFeedsUnlinkedPagesAtDepthZero(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    Routes routes = new Routes().page("/");
    TestServer.start(vertx, routes)
        .map(server -> {
          String base = server.origin();
          routes.text("/robots.txt", "User-agent: *\nAllow: /\nSitemap: " + base + "/maps/index.xml\n");
          routes.on("/maps/index.xml", req -> req.response().putHeader("content-type", "application/xml").end(
              "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                  + "<sitemap><loc>" + base + "/maps/pages.xml.gz</loc></sitemap></sitemapindex>"));
          byte[] gz = gzip("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
              + "<url><loc>" + base + "/hidden/1</loc></url><url><loc>" + base + "/hidden/2</loc></url>"
              + "<url><loc>https://elsewhere.invalid/x</loc></url></urlset>");
          routes.on("/maps/pages.xml.gz", req -> req.response().putHeader("content-type", "application/x-gzip")
              .end(Buffer.buffer(gz)));
          routes.page("/hidden/1").page("/hidden/2");
          return server;
        })
        .compose(server -> CrawlHarness.crawl(vertx, CrawlHarness.config(), out, server.url("/")).map(result -> {
          ctx.verify(() -> {
            JsonObject hidden = result.page("/hidden/1");
            assertEquals(200, hidden.getInteger("status"));
            assertEquals(0, hidden.getInteger("depth"));
            assertEquals(server.url("/maps/pages.xml.gz"), hidden.getString("referrer"));
            assertEquals(200, result.page("/hidden/2").getInteger("status"));
            JsonObject sitemaps = result.summary().getJsonObject("sitemaps");
            assertEquals(2, sitemaps.getLong("read"), "the index and its gzipped child");
            assertEquals(1, sitemaps.getLong("failed"), "/sitemap.xml is a 404");
            assertEquals(2, sitemaps.getLong("urls"), "the off-site URL is out of scope");
          });
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
