package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.PostgresServer;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Whole crawls with store.kind=postgres against a real PostgreSQL 15: the same pages as on crawl.db. */
@ExtendWith(VertxExtension.class)
class PgCrawlIT {
  private static PostgresServer pg;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.shared();
  }

  private static Set<String> urls(List<JsonObject> pages) {
    Set<String> urls = new TreeSet<>();
    pages.forEach(p -> urls.add(p.getString("url") + " " + p.getString("outcome")));
    return urls;
  }

  /** What a crawl recorded beyond another's: its pages recorded twice, and its URLs the other has not (a few). */
  private static String differences(CrawlHarness.Result expected, CrawlHarness.Result actual) {
    java.util.Map<String, Long> counts = actual.pages().stream().collect(java.util.stream.Collectors.groupingBy(
        p -> p.getString("url") + " " + p.getString("outcome"), TreeMap::new, java.util.stream.Collectors.counting()));
    List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " x"
        + e.getValue()).limit(5).toList();
    Set<String> extra = new TreeSet<>(counts.keySet());
    extra.removeAll(urls(expected.pages()));
    return "recorded twice or more: " + counts.values().stream().filter(n -> n > 1).count() + " " + twice
        + "; not in the other crawl: " + extra.size() + " " + extra.stream().limit(5).toList();
  }

  /** Both nodes finished, and between them recorded every page once: none twice, none by both. */
  private static void assertBothFinishedWithEveryPageOnce(CrawlHarness.Result a, CrawlHarness.Result b, int pages) {
    assertEquals("finished", a.summary().getString("finishReason"));
    assertEquals("finished", b.summary().getString("finishReason"));
    Set<String> byA = urls(a.pages());
    Set<String> byB = urls(b.pages());
    Set<String> overlap = new TreeSet<>(byA);
    overlap.retainAll(byB);
    assertEquals(Set.of(), overlap, "no page recorded by both nodes");
    assertEquals(a.pages().size(), byA.size(), "none twice on a");
    assertEquals(b.pages().size(), byB.size(), "none twice on b");
    assertEquals(pages, byA.size() + byB.size(), "every page, between them");
  }

  @Test
  void aCrawlOnPostgresRecordsTheSamePagesAsOnSqlite(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    int hosts = 3;
    int pagesPerHost = 300;
    List<Future<TestServer>> servers = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      servers.add(TestServer.start(vertx, req -> SyntheticSite.handle(req, pagesPerHost)));
    }
    Future.all(servers).compose(all -> {
      String[] seeds = servers.stream().map(f -> f.result().url("/p/0")).toArray(String[]::new);
      CrawlConfig onPg = CrawlHarness.config("store.kind=postgres", "store.url=" + pg.url("crawls"),
          "store.crawl=same-pages", "politeness.maxConcurrencyPerHost=4");
      CrawlConfig onSqlite = CrawlHarness.config("politeness.maxConcurrencyPerHost=4");
      return CrawlHarness.crawl(vertx, onPg, dir.resolve("pg"), seeds)
          .compose(pg -> CrawlHarness.crawl(vertx, onSqlite, dir.resolve("sqlite"), seeds)
              .map(sqlite -> List.of(pg, sqlite)));
    }).onComplete(ctx.succeeding(results -> ctx.verify(() -> {
      CrawlHarness.Result onPg = results.get(0);
      CrawlHarness.Result onSqlite = results.get(1);
      assertEquals("finished", onPg.summary().getString("finishReason"));
      assertEquals(hosts * pagesPerHost, onPg.pages().size(), () -> "every page once; " + differences(onSqlite, onPg));
      assertEquals(urls(onSqlite.pages()), urls(onPg.pages()));
      assertEquals(onSqlite.summary().getJsonObject("pages"), onPg.summary().getJsonObject("pages"));
      assertEquals(onSqlite.summary().getJsonObject("filteredCounts"), onPg.summary().getJsonObject("filteredCounts"));
      assertEquals(String.valueOf(hosts * pagesPerHost), pg.psql("crawls", "SELECT count(*) FROM pages p JOIN crawls c "
          + "ON c.id = p.crawl_id WHERE c.name = 'same-pages'"));
      assertEquals("finished", pg.psql("crawls", "SELECT finish_reason FROM crawls WHERE name = 'same-pages'"));
      String stored = pg.psql("crawls", "SELECT config->>'store.url' FROM crawls WHERE name = 'same-pages'");
      assertEquals(pg.url("crawls").replace(PostgresServer.PASSWORD, "***"), stored, "stored without its password");
      ctx.completeNow();
    })));
  }

  @Test
  void aCrawlStoppedByMaxDurationGoesOnFromTheDatabaseAndRecordsEveryPageOnce(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    int pagesPerHost = 200;
    TestServer.start(vertx, req -> SyntheticSite.handle(req, pagesPerHost)).compose(server -> {
      String seed = server.url("/p/0");
      // A delay makes the first run slow enough for maxDurationSec to cut it; the second has none.
      CrawlConfig slow = CrawlHarness.config("store.kind=postgres", "store.url=" + pg.url("crawls"),
          "store.crawl=resumed", "politeness.minDelayMs=20", "maxDurationSec=1");
      CrawlConfig fast = CrawlHarness.config("store.kind=postgres", "store.url=" + pg.url("crawls"),
          "store.crawl=resumed", "politeness.minDelayMs=20", "maxDurationSec=0");
      return CrawlHarness.crawl(vertx, slow, dir, seed).compose(first -> {
        ctx.verify(() -> assertEquals("maxDuration", first.summary().getString("finishReason")));
        return CrawlHarness.crawl(vertx, fast, dir, seed);
      });
    }).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
      assertEquals("finished", second.summary().getString("finishReason"));
      assertEquals(pagesPerHost, second.pages().size(), "pages.jsonl rebuilt from the database, then completed");
      assertEquals(pagesPerHost, urls(second.pages()).size(), "none twice");
      ctx.completeNow();
    })));
  }

  @Test
  void twoNodesOnOneCrawlRecordEveryPageOnceBetweenThemAndBothFinish(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    int hosts = 6;
    int pagesPerHost = 100;
    List<Future<TestServer>> servers = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      servers.add(TestServer.start(vertx, req -> SyntheticSite.handle(req, pagesPerHost)));
    }
    Future.all(servers).compose(all -> {
      String[] seeds = servers.stream().map(f -> f.result().url("/p/0")).toArray(String[]::new);
      // Both nodes get every seed: the store deduplicates them.
      CrawlConfig node = CrawlHarness.config("store.kind=postgres", "store.url=" + pg.url("crawls"),
          "store.crawl=two-nodes", "politeness.minDelayMs=5");
      return Future.all(CrawlHarness.crawl(vertx, node, dir.resolve("a"), seeds),
          CrawlHarness.crawl(vertx, node, dir.resolve("b"), seeds));
    }).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      CrawlHarness.Result a = both.resultAt(0);
      CrawlHarness.Result b = both.resultAt(1);
      assertBothFinishedWithEveryPageOnce(a, b, hosts * pagesPerHost);
      // Each node's summary is its share, with the whole crawl's totals beside it.
      for (CrawlHarness.Result node : List.of(a, b)) {
        JsonObject crawl = node.summary().getJsonObject("crawl");
        assertEquals(2L, crawl.getLong("nodes"));
        assertEquals((long) hosts * pagesPerHost, crawl.getLong("pages"));
        assertEquals((long) hosts * pagesPerHost, crawl.getLong("fetched"));
      }
      String text = dev.vertxcrawler.report.SummaryText.render(a.summary(), dir.resolve("a"));
      assertTrue(text.contains("  crawl:    two-nodes, 2 node(s) in all: " + hosts * pagesPerHost + " fetched"), text);
      assertEquals(String.valueOf(hosts * pagesPerHost), pg.psql("crawls", "SELECT count(*) FROM pages p JOIN crawls c "
          + "ON c.id = p.crawl_id WHERE c.name = 'two-nodes'"));
      ctx.completeNow();
    })));
  }

  /**
   * A node that starts when the first already holds every host (alone, its share is unbounded) still gets work:
   * the first, over its share once it sees the second, gives the excess back and the second claims it.
   */
  @Test
  void aNodeThatStartsLateGetsHostsGivenBackByTheOneThatHeldThemAll(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    int hosts = 8;
    int pagesPerHost = 60;
    CrawlConfig node = CrawlHarness.config("store.kind=postgres", "store.url=" + pg.url("crawls"),
        "store.crawl=late-node", "store.leaseMs=2000", "politeness.minDelayMs=100", "politeness.jitter=0");
    io.vertx.core.Promise<CrawlHarness.Result> late = io.vertx.core.Promise.promise();
    java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    List<Future<TestServer>> servers = new ArrayList<>();
    String[][] seeds = new String[1][];
    for (int i = 0; i < hosts; i++) {
      servers.add(TestServer.start(vertx, req -> {
        // The second node starts once the first has been at work for a while: every host is the first's by then.
        if (requests.incrementAndGet() == 4 * hosts) {
          CrawlHarness.crawl(vertx, node, dir.resolve("b"), seeds[0]).onComplete(late);
        }
        SyntheticSite.handle(req, pagesPerHost);
      }));
    }
    Future.all(servers).compose(all -> {
      seeds[0] = servers.stream().map(f -> f.result().url("/p/0")).toArray(String[]::new);
      return CrawlHarness.crawl(vertx, node, dir.resolve("a"), seeds[0]);
    }).compose(a -> late.future().map(b -> List.of(a, b))).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      CrawlHarness.Result a = both.get(0);
      CrawlHarness.Result b = both.get(1);
      assertBothFinishedWithEveryPageOnce(a, b, hosts * pagesPerHost);
      // A host takes 6 s at 100 ms a page; the second node starts within the first half second.
      int byB = b.pages().size();
      assertTrue(byB >= pagesPerHost, "the late node crawled a share, not the leftovers: " + byB
          + " pages of " + hosts * pagesPerHost);
      ctx.completeNow();
    })));
  }
}
