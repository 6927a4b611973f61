package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vertxcrawler.report.ReportQueries;
import dev.vertxcrawler.report.SummaryText;
import dev.vertxcrawler.report.TerminalReport;
import dev.vertxcrawler.store.StoreException;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A crawl made since an earlier one: conditional requests, 304s that reuse the earlier links, changes counted. */
@ExtendWith(VertxExtension.class)
class RecrawlIT {
  private static final String LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT";

  /**
   * A small site whose server honours validators: "/" and the leaves by ETag, /a by Last-Modified only,
   * /plain sends none, and /b changes (new body, new ETag, one more link) once {@code version} is 2.
   */
  private static final class Site {
    volatile int version = 1;
    /** Per crawl round: path → the conditional headers it came with. */
    final Map<String, String> conditions = new ConcurrentHashMap<>();

    void handle(HttpServerRequest req) {
      String path = req.path();
      String ifNoneMatch = req.getHeader("If-None-Match");
      String ifModifiedSince = req.getHeader("If-Modified-Since");
      if (ifNoneMatch != null || ifModifiedSince != null) {
        conditions.put(path, ifNoneMatch + " | " + ifModifiedSince);
      }
      String body = switch (path) {
        case "/" -> "<title>Home</title><a href=/a>a</a> <a href=/b>b</a> <a href=/plain>p</a>";
        case "/a" -> "<title>A</title><a href=/a1>a1</a>";
        case "/b" -> version == 1 ? "<title>B</title><a href=/b1>b1</a>"
            : "<title>B, again</title><a href=/b1>b1</a> <a href=/b2>b2</a>";
        case "/plain" -> "<title>Plain</title>";
        case "/a1", "/b1", "/b2" -> "<title>" + path + "</title>";
        default -> null;
      };
      if (body == null) {
        req.response().setStatusCode(404).end();
        return;
      }
      req.response().putHeader("content-type", "text/html");
      if (path.equals("/a")) {
        req.response().putHeader("Last-Modified", LAST_MODIFIED);
        if (LAST_MODIFIED.equals(ifModifiedSince)) {
          req.response().setStatusCode(304).end();
          return;
        }
      } else if (!path.equals("/plain")) {
        String etag = "\"" + path + "-v" + (path.equals("/b") ? version : 1) + "\"";
        req.response().putHeader("ETag", etag);
        if (etag.equals(ifNoneMatch)) {
          req.response().setStatusCode(304).end();
          return;
        }
      }
      req.response().end(body);
    }
  }

  /** A crawl of {@code seed} into {@code first}; then {@code between}; then a recrawl since it into {@code second}. */
  private static Future<CrawlHarness.Result> crawlThenRecrawl(Vertx vertx, String seed, Path first, Path second,
      Runnable between) {
    return CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), first, seed).compose(one -> {
      between.run();
      return CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false", "since=" + first), second, seed);
    });
  }

  private static Map<String, JsonObject> byPath(CrawlHarness.Result result, String origin) {
    return result.pages().stream().collect(Collectors.toMap(p -> p.getString("url").substring(origin.length()),
        p -> p));
  }

  @Test
  void aRecrawlAsksConditionallyReusesTheLinksOfUnchangedPagesAndMarksWhatChanged(Vertx vertx,
      VertxTestContext ctx, @TempDir Path first, @TempDir Path second, @TempDir Path third) {
    Site site = new Site();
    TestServer.start(vertx, site::handle).compose(server -> {
      String seed = server.url("/");
      return CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), first, seed)
          .compose(one -> {
            site.version = 2;
            site.conditions.clear();
            return CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false", "since=" + first),
                second, seed).map(two -> List.of(one, two));
          })
          .compose(rounds -> {
            Map<String, String> secondConditions = Map.copyOf(site.conditions);
            site.conditions.clear();
            // A recrawl of the recrawl: the 304 pages' links were stored again, so the chain goes on.
            return CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false", "since=" + second),
                third, seed).map(three -> new Object[] {rounds.get(0), rounds.get(1), three, secondConditions,
                    Map.copyOf(site.conditions), server.origin()});
          });
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      String origin = (String) r[5];
      Map<String, JsonObject> one = byPath((CrawlHarness.Result) r[0], origin);
      CrawlHarness.Result secondResult = (CrawlHarness.Result) r[1];
      Map<String, JsonObject> two = byPath(secondResult, origin);
      Map<String, JsonObject> three = byPath((CrawlHarness.Result) r[2], origin);
      @SuppressWarnings("unchecked") Map<String, String> asked = (Map<String, String>) r[3];
      @SuppressWarnings("unchecked") Map<String, String> askedThird = (Map<String, String>) r[4];

      assertEquals(Set.of("/", "/a", "/b", "/plain", "/a1", "/b1"), one.keySet());
      assertEquals("\"/-v1\"", one.get("/").getString("etag"));
      assertEquals(LAST_MODIFIED, one.get("/a").getString("lastModified"));
      assertNull(one.get("/").getValue("changed"), "a crawl without since compares nothing");

      // The earlier validators went back to the server, each as its own header.
      assertEquals("\"/-v1\" | null", asked.get("/"));
      assertEquals("null | " + LAST_MODIFIED, asked.get("/a"));
      assertEquals("\"/b-v1\" | null", asked.get("/b"));
      assertNull(asked.get("/plain"), "no validators recorded: an unconditional request");

      // Unchanged by 304: nothing downloaded, the earlier page's facts kept, its links followed.
      JsonObject home = two.get("/");
      assertEquals(304, home.getInteger("status"));
      assertEquals(false, home.getBoolean("changed"));
      assertEquals(0L, home.getLong("bytes"));
      assertEquals(one.get("/").getString("sha256"), home.getString("sha256"));
      assertEquals("Home", home.getString("title"));
      assertEquals(3, home.getInteger("links"));
      assertEquals("\"/-v1\"", home.getString("etag"));
      assertEquals(304, two.get("/a").getInteger("status"));
      assertEquals(LAST_MODIFIED, two.get("/a").getString("lastModified"), "kept from the earlier crawl");
      // Unchanged by content: no validators, the same body.
      assertEquals(200, two.get("/plain").getInteger("status"));
      assertEquals(false, two.get("/plain").getBoolean("changed"));
      // Changed: downloaded and parsed again, and what it links to now is found.
      assertEquals(200, two.get("/b").getInteger("status"));
      assertEquals(true, two.get("/b").getBoolean("changed"));
      assertEquals("B, again", two.get("/b").getString("title"));
      assertNull(two.get("/b2").getValue("changed"), "new since the earlier crawl: nothing to compare");
      assertEquals(Set.of("/", "/a", "/b", "/plain", "/a1", "/b1", "/b2"), two.keySet(),
          "every page reached again, through the links of the 304 pages too");
      assertEquals(new JsonObject().put("changed", 1L).put("unchanged", 5L),
          secondResult.summary().getJsonObject("changes"));
      assertTrue(SummaryText.render(secondResult.summary(), second)
          .contains("\n  since:    1 changed, 5 unchanged\n"), "the end-of-crawl lines count them");
      assertFalse(SummaryText.render(((CrawlHarness.Result) r[0]).summary(), first)
          .contains("since:"), "no line for a crawl that compared nothing");

      assertEquals(two.keySet(), three.keySet());
      assertEquals(304, three.get("/").getInteger("status"));
      assertEquals(304, three.get("/a1").getInteger("status"), "found through links stored by a 304");
      assertEquals("\"/-v1\" | null", askedThird.get("/"), "a 304's validators are kept for the next recrawl");
      ctx.completeNow();
    })));
  }

  @Test
  void aThreeOhFourThatWasNotAskedForIsAnOrdinaryAnswer(Vertx vertx, VertxTestContext ctx, @TempDir Path first,
      @TempDir Path second) {
    java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger(1);
    TestServer.start(vertx, req -> {
      if (req.path().equals("/") && round.get() == 1) {
        req.response().putHeader("content-type", "text/html").end("<a href=/x>x</a>");
      } else if (req.path().equals("/")) {
        req.response().setStatusCode(304).end(); // no validators were sent: this 304 proves nothing
      } else {
        req.response().putHeader("content-type", "text/html").end("leaf");
      }
    }).compose(server -> crawlThenRecrawl(vertx, server.url("/"), first, second, () -> round.set(2))
        .map(two -> byPath(two, server.origin())))
        .onComplete(ctx.succeeding(two -> ctx.verify(() -> {
          assertEquals(Set.of("/"), two.keySet(), "no earlier links reused for an unasked 304");
          assertEquals(304, two.get("/").getInteger("status"));
          assertEquals(true, two.get("/").getBoolean("changed"), "its (empty) body is not the earlier one");
          ctx.completeNow();
        })));
  }

  @Test
  void theReportListsWhatChangedWhatIsNewAndWhatIsGoneForARecrawlAndForAnyTwoCrawls(Vertx vertx,
      VertxTestContext ctx, @TempDir Path first, @TempDir Path second, @TempDir Path plain) {
    java.util.concurrent.atomic.AtomicInteger version = new java.util.concurrent.atomic.AtomicInteger(1);
    TestServer.start(vertx, req -> {
      boolean v2 = version.get() == 2;
      String body = switch (req.path()) {
        case "/" -> "<a href=/keep>k</a> <a href=/edit>e</a> <a href=/drop>d</a>";
        case "/keep" -> "kept";
        case "/edit" -> v2 ? "<a href=/leaf-new>new</a>" : "<a href=/leaf-old>old</a>";
        case "/drop" -> v2 ? null : "soon gone";
        case "/leaf-old", "/leaf-new" -> "leaf";
        default -> null;
      };
      if (body == null) {
        req.response().setStatusCode(404).end();
        return;
      }
      String etag = "\"" + body.hashCode() + "\"";
      if (etag.equals(req.getHeader("If-None-Match"))) {
        req.response().setStatusCode(304).putHeader("ETag", etag).end();
      } else {
        req.response().putHeader("content-type", "text/html").putHeader("ETag", etag).end(body);
      }
    }).compose(server -> crawlThenRecrawl(vertx, server.url("/"), first, second, () -> version.set(2))
        // and a plain crawl of the changed site, compared with the first at report time (report --since OTHER)
        .compose(two -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false"), plain,
            server.url("/")))
        .compose(three -> vertx.executeBlocking(() -> new JsonObject()
            .put("recrawl", ReportQueries.load(second, true))
            .put("plain", ReportQueries.load(plain, false, first))
            .put("none", ReportQueries.load(plain, false))))
        .map(reports -> reports.put("origin", server.origin())))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          String origin = r.getString("origin");
          for (String which : List.of("recrawl", "plain")) {
            JsonObject changes = r.getJsonObject(which).getJsonObject("changes");
            assertEquals(first.toString(), changes.getString("since"));
            assertEquals(List.of(origin + "/edit"), changes.getJsonObject("changed").getJsonArray("urls").getList(),
                which);
            assertEquals(2L, changes.getLong("unchanged"), which + ": / and /keep");
            assertEquals(List.of(origin + "/leaf-new"), changes.getJsonObject("new").getJsonArray("urls").getList());
            assertEquals(Set.of(new JsonObject().put("url", origin + "/drop").put("now", "404"),
                new JsonObject().put("url", origin + "/leaf-old").put("now", "not reached")),
                Set.copyOf(changes.getJsonObject("gone").getJsonArray("urls").getList()), which);
          }
          assertNull(r.getJsonObject("none").getValue("changes"), "a plain crawl compares with nothing by itself");
          String text = TerminalReport.render(r.getJsonObject("recrawl"));
          assertTrue(text.contains("Changes since " + first + "\n  1 changed, 2 unchanged, 1 new, 2 gone\n"), text);
          assertTrue(text.contains(origin + "/leaf-old  (now not reached)"), text);
          ctx.completeNow();
        })));
  }

  @Test
  void aSinceDirectoryWithoutACrawlFailsTheStartNamingIt(Vertx vertx, VertxTestContext ctx, @TempDir Path empty,
      @TempDir Path out) {
    Future<String> deployed = vertx.deployVerticle(CrawlHarness.verticle(vertx,
        CrawlHarness.config("since=" + empty), out, List.of("http://127.0.0.1:9/")));
    deployed.onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertEquals(StoreException.class, err.getClass());
      assertEquals("since: " + empty + " holds no readable crawl.db — give the output directory of an earlier "
          + "crawl (store.kind sqlite)", err.getMessage());
      ctx.completeNow();
    })));
  }
}
