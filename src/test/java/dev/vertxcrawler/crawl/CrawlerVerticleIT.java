package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.report.ReportQueries;
import dev.vertxcrawler.store.PageExport;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CrawlerVerticleIT {

  private static int pageRequests(TestServer server) {
    return (int) server.requests().stream().filter(r -> r.startsWith("/p/")).count();
  }

  @Test
  void boundedQueueNeverExceedsItsCapacityOnAFiveThousandPageSite(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    // Twenty origins (ports) with 250 pages each: more hosts are ready at once than the queue holds.
    int hosts = 20;
    int pagesPerHost = 250;
    List<Future<TestServer>> servers = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      servers.add(TestServer.start(vertx, req -> SyntheticSite.handle(req, pagesPerHost)));
    }
    Future.all(servers).compose(all -> {
      List<String> seeds = servers.stream().map(f -> f.result().url("/p/0")).toList();
      // Capacity 6, below the dispatcher's lookahead of twice the workers (8): the capacity is the bound here.
      CrawlConfig config = CrawlHarness.config("queueCapacity=6", "workers=4", "store.kind=" + System.getProperty("kind", "sqlite"),
          "politeness.maxConcurrencyPerHost=4");
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, config, out, seeds);
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished());
    }).compose(summary -> CrawlHarness.readPages(vertx, out).map(pages -> {
      ctx.verify(() -> {
        assertEquals("finished", summary.getString("finishReason"));
        assertEquals(hosts * pagesPerHost, pages.size(), "every page of every host is decided once");
        assertEquals(hosts * pagesPerHost, summary.getJsonObject("pages").getLong("fetched"));
        int highWater = summary.getInteger("queueHighWaterMark");
        assertTrue(highWater <= 6, "high-water mark " + highWater + " exceeds the capacity 6");
        assertEquals(6, highWater, "the queue was actually filled to capacity, so the bound was exercised");
      });
      return pages;
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void completionStopsEveryWorkerWithAPoisonPillAndNothingIsRequestedAfterwards(Vertx vertx,
      VertxTestContext ctx, @TempDir Path out) {
    Checkpoint finished = ctx.checkpoint();
    Checkpoint undeployed = ctx.checkpoint();
    Checkpoint quietAfterStop = ctx.checkpoint();
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 200)).onSuccess(server -> {
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, CrawlHarness.config("workers=6"), out,
          List.of(server.url("/p/0")));
      vertx.deployVerticle(crawler).onSuccess(id -> crawler.finished().onSuccess(summary -> {
        ctx.verify(() -> {
          assertEquals("finished", summary.getString("finishReason"));
          assertEquals(6, crawler.exitedWorkers(), "each of the 6 workers took its poison pill");
          assertEquals(200, summary.getJsonObject("pages").getLong("fetched"));
          assertEquals(200, pageRequests(server), "one request per page");
        });
        finished.flag();
        int requestsAtFinish = server.requests().size();
        ctx.verify(() -> assertEquals(List.of("/robots.txt", "/sitemap.xml"), server.requests().stream()
            .filter(r -> !r.startsWith("/p/")).toList(), "robots.txt first, then the sitemap, nothing else"));
        ctx.verify(() -> assertEquals("/robots.txt", server.requests().get(0)));
        vertx.undeploy(id).onSuccess(v -> {
          undeployed.flag();
          // Give any stray request time to arrive; none may.
          vertx.setTimer(300, t -> {
            ctx.verify(() -> assertEquals(requestsAtFinish, server.requests().size()));
            quietAfterStop.flag();
          });
        }).onFailure(ctx::failNow);
      })).onFailure(ctx::failNow);
    }).onFailure(ctx::failNow);
  }

  @Test
  void undeployMidCrawlWritesShutdownAndRecordsEveryCompletedPage(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    AtomicInteger answered = new AtomicInteger();
    TestServer.start(vertx, req -> {
      if (req.path().startsWith("/p/")) {
        req.response().endHandler(v -> answered.incrementAndGet());
      }
      SyntheticSite.handle(req, 5000);
    }).onSuccess(server -> {
      CrawlConfig config = CrawlHarness.config("politeness.minDelayMs=20");
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, config, out, List.of(server.url("/p/0")));
      vertx.deployVerticle(crawler).onSuccess(id -> {
        // Stop once a handful of pages are done, well before the 5 000-page site is finished.
        vertx.setPeriodic(10, t -> {
          if (pageRequests(server) >= 10) {
            vertx.cancelTimer(t);
            vertx.undeploy(id)
                .compose(v -> CrawlHarness.readSummary(vertx, out))
                .compose(summary -> CrawlHarness.readPages(vertx, out).map(pages -> {
                  ctx.verify(() -> {
                    assertEquals("shutdown", summary.getString("finishReason"));
                    assertTrue(pages.size() < 5000);
                    assertEquals(pageRequests(server), pages.size(),
                        "every request sent, including those in flight at shutdown, is recorded");
                    Set<String> urls = new HashSet<>();
                    pages.forEach(p -> urls.add(p.getString("url")));
                    assertEquals(pages.size(), urls.size(), "no URL recorded twice");
                    assertEquals(answered.get(), pages.size());
                  });
                  return pages;
                }))
                .onComplete(ctx.succeedingThenComplete());
          }
        });
      }).onFailure(ctx::failNow);
    }).onFailure(ctx::failNow);
  }

  @Test
  void linksOfAPageFinishedDuringAGracefulStopAreKeptForTheResume(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    // /slow is answered only after the crawl was told to stop; /only-here is linked from nowhere else, so
    // if the stop dropped /slow's links, the resumed crawl could never find it.
    io.vertx.core.Promise<String> stopping = io.vertx.core.Promise.promise();
    TestServer.start(vertx, req -> {
      switch (req.path()) {
        case "/" -> req.response().putHeader("content-type", "text/html").end("<a href=/slow>slow</a>");
        case "/slow" -> stopping.future().onSuccess(v -> req.response().putHeader("content-type", "text/html")
            .end("<a href=/only-here>only here</a>"));
        case "/only-here" -> req.response().putHeader("content-type", "text/html").end("<p>found");
        default -> req.response().setStatusCode(404).end();
      }
    }).onSuccess(server -> {
      CrawlConfig config = CrawlHarness.config("store.kind=sqlite");
      CrawlerVerticle first = CrawlHarness.verticle(vertx, config, out, List.of(server.url("/")));
      vertx.deployVerticle(first).onSuccess(id -> vertx.setPeriodic(5, t -> {
        if (server.requests().contains("/slow")) {
          vertx.cancelTimer(t);
          Future<Void> undeployed = vertx.undeploy(id);
          stopping.complete("now");
          undeployed
              .compose(v -> CrawlHarness.readSummary(vertx, out))
              .compose(summary -> {
                ctx.verify(() -> assertEquals("shutdown", summary.getString("finishReason")));
                CrawlerVerticle resumed = CrawlHarness.verticle(vertx, config, out, List.of(server.url("/")));
                return vertx.deployVerticle(resumed).compose(v -> resumed.finished());
              })
              .compose(summary -> CrawlHarness.readPages(vertx, out).map(pages -> {
                ctx.verify(() -> {
                  assertEquals("finished", summary.getString("finishReason"));
                  assertEquals(List.of("/", "/slow", "/only-here"),
                      pages.stream().map(p -> java.net.URI.create(p.getString("url")).getPath()).toList());
                  assertEquals(1, server.requests().stream().filter("/slow"::equals).count(),
                      "/slow finished within the grace period: recorded, not fetched again");
                });
                return pages;
              }))
              .onComplete(ctx.succeedingThenComplete());
        }
      })).onFailure(ctx::failNow);
    }).onFailure(ctx::failNow);
  }

  @Test
  void parsingRunsOnAWorkerThreadNeverOnTheEventLoop(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    AtomicInteger parses = new AtomicInteger();
    AtomicInteger offWorker = new AtomicInteger();
    HtmlParser observing = (body, charset, url, max, extraction) -> {
      parses.incrementAndGet();
      if (!Context.isOnWorkerThread() || Context.isOnEventLoopThread()) {
        offWorker.incrementAndGet();
      }
      return HtmlParser.JSOUP.parse(body, charset, url, max, extraction);
    };
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 50)).compose(server -> {
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, CrawlHarness.config(), out, List.of(server.url("/p/0")))
          .withParser(observing);
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished());
    }).onComplete(ctx.succeeding(summary -> ctx.verify(() -> {
      assertEquals(50, parses.get(), "every page was parsed through the seam");
      assertEquals(0, offWorker.get(), "a parse ran outside a worker thread");
      ctx.completeNow();
    })));
  }

  @Test
  void maxPagesStopsTheCrawlWithFinishReasonMaxPages(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 500)).compose(server -> {
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, CrawlHarness.config("maxPages=25"), out,
          List.of(server.url("/p/0")));
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .map(summary -> new JsonObject().put("summary", summary).put("requests", pageRequests(server)));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      JsonObject summary = result.getJsonObject("summary");
      assertEquals("maxPages", summary.getString("finishReason"));
      assertEquals(25, summary.getJsonObject("pages").getLong("fetched"));
      assertEquals(25, result.getInteger("requests"));
      ctx.completeNow();
    })));
  }

  @Test
  void extractRulesPutEachParsedPagesValuesIntoItsRecord(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    TestServer.start(vertx, req -> {
      String path = req.path();
      if (path.equals("/")) {
        req.response().putHeader("content-type", "text/html").end(
            "<h1>Shop</h1><a href=/item/1>one</a> <a href=/item/2>two</a> <a href=/gone>gone</a> <a href=/file.txt>t</a>");
      } else if (path.startsWith("/item/")) {
        String n = path.substring(6);
        req.response().putHeader("content-type", "text/html; charset=utf-8").end("<h1>Kettle " + n
            + "</h1><span class=price>" + n + "9.90</span><img src=/img/" + n + "a.png><img src=/img/" + n + "b.png>");
      } else if (path.equals("/file.txt")) {
        req.response().putHeader("content-type", "text/plain").end("<h1>not html</h1>");
      } else {
        req.response().setStatusCode(404).putHeader("content-type", "text/html").end("<h1>Not found</h1>");
      }
    }).compose(server -> {
      CrawlConfig config = CrawlHarness.config("sitemaps.enabled=false", "extract.name=h1",
          "extract.price=.price", "extract.images={\"css\": \"img\", \"attr\": \"abs:src\", \"all\": true}");
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, config, out, List.of(server.url("/")));
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out))
          .compose(pages -> vertx.executeBlocking(() -> { // the export reads crawl.db: blocking
            java.io.StringWriter csv = new java.io.StringWriter();
            PageExport.export(out, PageExport.Format.CSV, csv);
            JsonObject report = ReportQueries.load(out, true);
            return new JsonObject().put("origin", server.origin()).put("pages", pages).put("csv", csv.toString())
                .put("report", report);
          }));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      String origin = result.getString("origin");
      java.util.Map<String, JsonObject> byPath = new java.util.HashMap<>();
      for (Object o : result.getJsonArray("pages")) {
        JsonObject page = (JsonObject) o;
        byPath.put(page.getString("url").substring(origin.length()), page);
      }
      assertEquals(Set.of("/", "/item/1", "/item/2", "/gone", "/file.txt"), byPath.keySet());
      assertEquals(new JsonObject().put("name", "Kettle 2").put("price", "29.90").put("images",
          new io.vertx.core.json.JsonArray().add(origin + "/img/2a.png").add(origin + "/img/2b.png")),
          byPath.get("/item/2").getJsonObject("data"));
      assertEquals("Shop", byPath.get("/").getJsonObject("data").getString("name"));
      assertTrue(byPath.get("/").getJsonObject("data").containsKey("price"));
      assertEquals(null, byPath.get("/").getJsonObject("data").getValue("price"), "no match: null");
      assertTrue(!byPath.get("/gone").containsKey("data"), "a 404 is not parsed: no data");
      assertTrue(!byPath.get("/file.txt").containsKey("data"), "not HTML, not parsed: no data");
      List<String> csv = result.getString("csv").lines().toList();
      assertTrue(csv.get(0).endsWith(",noindex,etag,lastModified,changed,data.name,data.price,data.images"),
          csv.get(0));
      String item2 = csv.stream().filter(l -> l.startsWith(origin + "/item/2,")).findFirst().orElseThrow();
      assertTrue(item2.endsWith(",Kettle 2,29.90,\"[\"\"" + origin + "/img/2a.png\"\",\"\"" + origin
          + "/img/2b.png\"\"]\""), item2);
      String gone = csv.stream().filter(l -> l.startsWith(origin + "/gone,")).findFirst().orElseThrow();
      assertTrue(gone.endsWith(",,,"), "no data: empty cells " + gone);
      JsonObject report = result.getJsonObject("report");
      int dataColumn = report.getJsonArray("pageColumns").getList().indexOf("data");
      io.vertx.core.json.JsonArray row = report.getJsonArray("pages").stream().map(o -> (io.vertx.core.json.JsonArray) o)
          .filter(r -> r.getString(0).equals(origin + "/item/1")).findFirst().orElseThrow();
      assertEquals(new JsonObject().put("name", "Kettle 1").put("price", "19.90").put("images",
          new io.vertx.core.json.JsonArray().add(origin + "/img/1a.png").add(origin + "/img/1b.png")),
          new JsonObject(row.getString(dataColumn)), "report.html's page detail shows the data");
      ctx.completeNow();
    })));
  }
}
