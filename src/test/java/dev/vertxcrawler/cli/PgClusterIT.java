package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.testing.ChildCrawl;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.PostgresServer;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes of one shared crawl as child JVMs (the real CLI) on a real PostgreSQL 15: one paused with SIGSTOP past its
 * lease and resumed records nothing twice; the database restarted mid-crawl loses nothing; a node started with
 * another config is refused with the key named, exit 2.
 */
@ExtendWith(VertxExtension.class)
class PgClusterIT {
  private static final int HOSTS = 4;
  private static final int PAGES = 300;

  private static List<String> nodeArgs(String url, String crawl, Path out, List<String> seeds, String... extra) {
    List<String> args = new ArrayList<>(List.of("crawl", "--out", out.toString(), "--seeds-dir",
        out.resolveSibling("none").toString(), "--quiet", "-s", "store.kind=postgres", "-s", "store.url=" + url,
        "-s", "store.crawl=" + crawl, "-s", "politeness.minDelayMs=2", "-s", "maxPages=0", "-s", "maxDepth=100",
        "-s", "store.leaseMs=2000"));
    seeds.forEach(seed -> args.addAll(List.of("--seed", seed)));
    args.addAll(List.of(extra));
    return args;
  }

  private static Future<List<TestServer>> sites(Vertx vertx) {
    List<Future<TestServer>> servers = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++) {
      servers.add(TestServer.start(vertx, req -> SyntheticSite.handle(req, PAGES)));
    }
    return Future.all(servers).map(all -> servers.stream().map(Future::result).toList());
  }

  private static long pageRequests(List<TestServer> servers) {
    return servers.stream().mapToLong(s -> s.requests().stream().filter(r -> r.startsWith("/p/")).count()).sum();
  }

  /** Waits (on a worker thread) for every node to exit; their exit codes in order. */
  private static Future<List<Integer>> exits(Vertx vertx, List<Process> nodes) {
    return vertx.executeBlocking(() -> {
      List<Integer> codes = new ArrayList<>();
      for (Process p : nodes) {
        codes.add(p.waitFor(180, TimeUnit.SECONDS) ? p.exitValue() : -1);
      }
      return codes;
    }, false);
  }

  /** Every node finished; between them, every page once; the database has each once. Blocking: a worker. */
  private static void verifyShared(PostgresServer pg, String crawl, List<Path> outs, List<Integer> codes)
      throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < outs.size(); i++) {
      assertEquals(0, codes.get(i), "node " + i + " exits 0: " + Files.readString(outs.get(i).resolveSibling(
          outs.get(i).getFileName() + ".log")));
      assertEquals("finished", CrawlHarness.summary(outs.get(i)).getString("finishReason"));
      for (JsonObject page : CrawlHarness.pages(outs.get(i))) {
        seen.merge(page.getString("url"), 1, Integer::sum);
      }
    }
    assertEquals(HOSTS * PAGES, seen.size(), "every page, between the nodes");
    assertTrue(seen.values().stream().allMatch(n -> n == 1), "no page in two nodes' pages.jsonl, nor twice in one");
    assertEquals(String.valueOf(HOSTS * PAGES), pg.psql("crawls", "SELECT count(*) FROM pages p JOIN crawls c "
        + "ON c.id = p.crawl_id WHERE c.name = '" + crawl + "'"));
  }

  /** One child node per directory in {@code outs} (log: DIR.log beside it), all on {@code crawl}. */
  private static List<Process> startNodes(String url, String crawl, List<Path> outs, List<String> seeds,
      String... extra) throws Exception {
    List<Process> nodes = new ArrayList<>();
    for (Path out : outs) {
      nodes.add(ChildCrawl.start(out.resolveSibling(out.getFileName() + ".log"),
          nodeArgs(url, crawl, out, seeds, extra).toArray(String[]::new)));
    }
    return nodes;
  }

  /**
   * Mid-crawl (200 page requests in), {@code first} on a worker thread, then after {@code pauseMs} {@code then}:
   * what a test does to a node or the database while the crawl runs.
   */
  private static void midCrawl(Vertx vertx, List<TestServer> servers, long pauseMs,
      java.util.concurrent.Callable<Void> first, java.util.concurrent.Callable<Void> then) {
    vertx.setPeriodic(5, t -> {
      if (pageRequests(servers) >= 200) {
        vertx.cancelTimer(t);
        vertx.executeBlocking(first, false)
            .onComplete(done -> vertx.setTimer(pauseMs, t2 -> vertx.executeBlocking(then, false)));
      }
    });
  }

  private static void signal(Process p, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start().waitFor();
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void aNodePausedPastItsLeaseAndResumedRecordsNothingTwice(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    PostgresServer pg = PostgresServer.shared();
    List<Path> outs = List.of(dir.resolve("a"), dir.resolve("b"), dir.resolve("c"));
    sites(vertx).onComplete(ctx.succeeding(servers -> {
      List<String> seeds = servers.stream().map(s -> s.url("/p/0")).toList();
      List<Process> nodes;
      try {
        nodes = startNodes(pg.url("crawls"), "paused", outs, seeds);
      } catch (Exception e) {
        ctx.failNow(e);
        return;
      }
      // Once the crawl is under way, the first node is paused for twice its lease, then resumed.
      midCrawl(vertx, servers, 4_000, () -> {
        signal(nodes.get(0), "STOP");
        return null;
      }, () -> {
        signal(nodes.get(0), "CONT");
        return null;
      });
      exits(vertx, nodes)
          .compose(codes -> vertx.executeBlocking(() -> {
            verifyShared(pg, "paused", outs, codes);
            return null;
          }, false))
          .onComplete(ctx.succeedingThenComplete());
    }));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void theDatabaseRestartedMidCrawlLosesNothing(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    PostgresServer pg = PostgresServer.start(); // its own: it is stopped in the middle
    List<Path> outs = List.of(dir.resolve("a"), dir.resolve("b"));
    sites(vertx).onComplete(ctx.succeeding(servers -> {
      List<String> seeds = servers.stream().map(s -> s.url("/p/0")).toList();
      List<Process> nodes;
      try {
        nodes = startNodes(pg.url("crawls"), "restarted", outs, seeds, "-s", "store.leaseMs=30000");
      } catch (Exception e) {
        ctx.failNow(e);
        return;
      }
      midCrawl(vertx, servers, 3_000, () -> {
        pg.stop();
        return null;
      }, () -> {
        pg.startServer();
        return null;
      });
      exits(vertx, nodes)
          .compose(codes -> vertx.executeBlocking(() -> {
            verifyShared(pg, "restarted", outs, codes);
            String logs = Files.readString(dir.resolve("a.log")) + Files.readString(dir.resolve("b.log"));
            assertTrue(logs.contains("unreachable") && logs.contains("reachable again"), logs);
            pg.close();
            return null;
          }, false))
          .onComplete(ctx.succeedingThenComplete());
    }));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void aNodeWithAnotherConfigIsRefusedWithTheKeyNamed(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    PostgresServer pg = PostgresServer.shared();
    sites(vertx).onComplete(ctx.succeeding(servers -> {
      List<String> seeds = List.of(servers.get(0).url("/p/0"));
      vertx.executeBlocking(() -> {
        // The first node leaves the crawl unfinished (maxDurationSec), the second comes with another maxDepth.
        Process first = ChildCrawl.start(dir.resolve("a.log"), nodeArgs(pg.url("crawls"), "mismatch",
            dir.resolve("a"), seeds, "-s", "politeness.minDelayMs=200", "-s", "maxDurationSec=1")
            .toArray(String[]::new));
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        Process second = ChildCrawl.start(dir.resolve("b.log"), nodeArgs(pg.url("crawls"), "mismatch",
            dir.resolve("b"), seeds, "-s", "politeness.minDelayMs=200", "-s", "maxDepth=3").toArray(String[]::new));
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        return second.exitValue();
      }, false).onComplete(ctx.succeeding(code -> ctx.verify(() -> {
        String log = Files.readString(dir.resolve("b.log"));
        assertEquals(2, code, log);
        assertTrue(log.contains("different config (maxDepth 100 → 3)"), log);
        assertFalse(log.contains(PostgresServer.PASSWORD), "the password is masked");
        assertFalse(log.contains("\tat "), "no stack trace");
        ctx.completeNow();
      })));
    }));
  }
}
