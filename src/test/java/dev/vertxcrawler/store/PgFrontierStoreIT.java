package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.StoreConfig;
import dev.vertxcrawler.config.StoreKind;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.testing.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FrontierStore contract on a real PostgreSQL 15 ({@link PostgresServer}), and what only a shared database
 * has: joining a crawl by name, its config checked, its schema versioned, and one-line
 * errors for a wrong password, a missing database, a server that is not there.
 */
class PgFrontierStoreIT extends FrontierStoreContract {
  private static PostgresServer pg;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.shared();
  }

  @Override
  FrontierStore store(Vertx vertx, Path dir, int budget) {
    return store(vertx, pg.url("crawls"), "c-" + UUID.randomUUID(), new JsonObject().put("k", 1), budget);
  }

  @Override
  boolean keepsRecords() {
    return true;
  }

  private static PgFrontierStore store(Vertx vertx, String url, String crawl, JsonObject config, int budget) {
    return new PgFrontierStore(vertx, new StoreConfig(StoreKind.POSTGRES, url, crawl, "", 30_000), crawl, "node-a", config,
        false, budget);
  }

  /** A page at depth 0, as a seed is. */
  private static CrawlTask seedPage(String url) {
    return new CrawlTask(url, url.substring(0, url.indexOf('/', 8)), 0, null, 0, CrawlTask.Kind.PAGE);
  }

  @Test
  void aStoppedCrawlIsJoinedByNameWithItsInFlightUrlsQueuedAgainAndItsPagesKept(Vertx vertx, VertxTestContext ctx) {
    String crawl = "resume-" + UUID.randomUUID();
    JsonObject config = new JsonObject().put("k", 1);
    PgFrontierStore first = store(vertx, pg.url("crawls"), crawl, config, 0);
    first.open()
        .compose(o -> first.admit(List.of(seedPage("http://a.example/1"), seedPage("http://a.example/2"),
            seedPage("http://b.example/1"))))
        .compose(a -> first.lease("http://a.example", 2))
        .compose(leased -> first.complete(leased.get(0), FrontierStore.Outcome.DONE,
            new JsonObject().put("url", leased.get(0).url()).encode(), List.of()))
        .compose(a -> first.saveCounters(new JsonObject().put("retries", 3)))
        .compose(v -> first.close(FinishReason.SHUTDOWN, new JsonObject()))
        .compose(v -> {
          PgFrontierStore again = store(vertx, pg.url("crawls"), crawl, config, 0);
          return again.open().compose(opened -> {
            ctx.verify(() -> {
              assertTrue(opened.resumed());
              assertEquals(1, opened.done());
              assertEquals(Map.of("http://a.example", 1L, "http://b.example", 1L), opened.queuedPerOrigin(),
                  "/2 was in flight at the stop: queued again");
              assertEquals(3, opened.counters().getInteger("retries"));
              assertEquals(List.of("http://a.example", "http://b.example"),
                  opened.seedOrigins().stream().sorted().toList());
            });
            List<String> pages = new java.util.ArrayList<>();
            return again.forEachPage(r -> pages.add(r.getString("url"))).map(pages)
                .compose(p -> again.close(FinishReason.FINISHED, new JsonObject()).map(p));
          });
        })
        .onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
          assertEquals(List.of("http://a.example/1"), pages);
          ctx.completeNow();
        })));
  }

  @Test
  void aNodeWithADifferentConfigIsRefusedWithTheKeysNamed(Vertx vertx, VertxTestContext ctx) {
    String crawl = "config-" + UUID.randomUUID();
    PgFrontierStore first = store(vertx, pg.url("crawls"), crawl, new JsonObject().put("workers", 4), 0);
    first.open()
        .compose(o -> first.close(FinishReason.SHUTDOWN, new JsonObject()))
        .compose(v -> store(vertx, pg.url("crawls"), crawl, new JsonObject().put("workers", 8), 0).open())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err instanceof StoreException, String.valueOf(err));
          assertTrue(err.getMessage().contains("workers 4 → 8"), err.getMessage());
          assertFalse(err.getMessage().contains(PostgresServer.PASSWORD), "no password in: " + err.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void aFinishedCrawlIsNotJoined(Vertx vertx, VertxTestContext ctx) {
    String crawl = "done-" + UUID.randomUUID();
    PgFrontierStore first = store(vertx, pg.url("crawls"), crawl, new JsonObject(), 0);
    first.open()
        .compose(o -> first.close(FinishReason.FINISHED, new JsonObject()))
        .compose(v -> store(vertx, pg.url("crawls"), crawl, new JsonObject(), 0).open())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err.getMessage().contains("already finished (finished)"), err.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void aWrongPasswordIsOneLineNamingTheDatabaseWithoutThePassword(Vertx vertx, VertxTestContext ctx) {
    String url = pg.url("crawls").replace(PostgresServer.PASSWORD, "wrong-pw");
    store(vertx, url, "x", new JsonObject(), 0).open().onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err instanceof StoreException, String.valueOf(err));
      assertTrue(err.getMessage().startsWith("store.url postgresql://crawler:***@127.0.0.1:" + pg.port() + "/crawls: "
          + "the database refused the login"), err.getMessage());
      assertFalse(err.getMessage().contains("wrong-pw"), err.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void aMissingDatabaseAndADeadServerAreNamed(Vertx vertx, VertxTestContext ctx) throws Exception {
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    String dead = "postgresql://crawler@127.0.0.1:" + deadPort + "/crawls";
    store(vertx, pg.url("nosuchdb"), "x", new JsonObject(), 0).open()
        .recover(err -> {
          ctx.verify(() -> assertTrue(err.getMessage().contains("database \"nosuchdb\" does not exist — create it"),
              err.getMessage()));
          return store(vertx, dead, "x", new JsonObject(), 0).open();
        })
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err.getMessage().startsWith("store.url " + dead + ": cannot connect"), err.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void thePasswordComesFromTheFileWhenTheUrlHasNone(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, PostgresServer.PASSWORD + "\n");
    PgFrontierStore store = new PgFrontierStore(vertx, new StoreConfig(StoreKind.POSTGRES,
        pg.urlWithoutPassword("crawls"), "", file.toString(), 30_000), "pwfile-" + UUID.randomUUID(), "n", new JsonObject(),
        false, 0);
    store.open().compose(o -> store.close(FinishReason.FINISHED, new JsonObject()))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aDatabaseMigratedByANewerBuildIsRefused(Vertx vertx, VertxTestContext ctx) throws Exception {
    pg.psql("postgres", "CREATE DATABASE newer");
    pg.psql("newer", "CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz "
        + "NOT NULL DEFAULT now()); INSERT INTO schema_migrations (version) VALUES (" + (PgSchema.VERSION + 1) + ")");
    store(vertx, pg.url("newer"), "x", new JsonObject(), 0).open().onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err.getMessage().contains("schema is version " + (PgSchema.VERSION + 1) + ", written by a newer "
          + "vertx-crawler"), err.getMessage());
      ctx.completeNow();
    })));
  }

  /**
   * A prepared statement settles on a generic plan after five runs, planned from what the tables held then (a
   * crawl starts empty). The admission joined the plain way then scanned every URL and every host of the crawl by
   * crawl_id on each call: 3.4 ms of database time per page with four nodes (BENCHMARKS.md). Its generic plan must
   * look known URLs up by their whole key, one index probe per candidate. (The hosts it wakes are asked for by
   * origin = ANY; whether that is the index condition or a filter over the crawl's hosts depends on the
   * statistics, so it is not asserted here.)
   */
  /**
   * Two nodes find the same new URL at once: the second admission waits on the first one's row, and once that
   * commits its statement cannot see the row (its snapshot is older). It must still say "duplicate" with the stored
   * id — not "over budget", and not drop the link to it from the page's links.
   */
  @Test
  void aUrlInsertedByAConcurrentTransactionIsADuplicateWithItsIdNotOverBudget(Vertx vertx, VertxTestContext ctx) {
    PgFrontierStore store = store(vertx, pg.url("crawls"), "race-" + UUID.randomUUID(), new JsonObject(), 0);
    io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool()
        .with(new io.vertx.sqlclient.PoolOptions().setMaxSize(3))
        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(pg.url("crawls"))).using(vertx).build();
    List<CrawlTask> url = List.of(seedPage("http://race.example/x"));
    long[] firstId = new long[1];
    store.open()
        .compose(o -> pool.getConnection())
        .compose(first -> first.begin().compose(tx -> store.admitIn(first, url).compose(verdicts -> {
          firstId[0] = verdicts.ids()[0];
          // The second admission blocks on the first's uncommitted row; the first commits once it does.
          Future<PgFrontierStore.Verdicts> second = pool.getConnection()
              .compose(conn -> store.admitIn(conn, url).eventually(conn::close));
          return untilSomeoneWaitsOnALock(vertx, pool).compose(v -> tx.commit()).compose(v -> second);
        }).eventually(first::close)))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          FrontierStore.Admitted admitted = second.admitted(0, 1);
          assertEquals(1, admitted.duplicates(), "a duplicate");
          assertEquals(0, admitted.overBudget(), "not over budget");
          assertEquals(List.of(firstId[0]), second.linkIds(0, 1), "linked by the stored id");
          pool.close().compose(v -> store.close(FinishReason.FINISHED, new JsonObject()))
              .onComplete(ctx.succeedingThenComplete());
        })));
  }

  /** Completes once a session of the database waits for a lock (checked every 20 ms). */
  private static Future<Void> untilSomeoneWaitsOnALock(Vertx vertx, io.vertx.sqlclient.Pool pool) {
    io.vertx.core.Promise<Void> waiting = io.vertx.core.Promise.promise();
    vertx.setPeriodic(20, id -> pool.query("SELECT count(*) AS n FROM pg_locks WHERE NOT granted").execute()
        .onSuccess(rows -> {
          if (rows.iterator().next().getLong("n") > 0 && waiting.tryComplete()) {
            vertx.cancelTimer(id);
          }
        }));
    return waiting.future();
  }

  @Test
  void theAdmissionsGenericPlanLooksKnownUrlsUpByTheirWholeKey(Vertx vertx, VertxTestContext ctx) {
    PgFrontierStore store = store(vertx, pg.url("crawls"), "plan-" + UUID.randomUUID(), new JsonObject(), 0);
    store.open()
        .compose(o -> vertx.executeBlocking(() -> pg.psql("crawls", "SET plan_cache_mode = force_generic_plan; "
            + "PREPARE admit(bigint, text[], int[], text[], int[], text[], bool[]) AS " + PgFrontierStore.ADMIT + "; "
            + "EXPLAIN (COSTS OFF) EXECUTE admit(1, ARRAY['http://a.example/1'], ARRAY[0], ARRAY['http://a.example'], "
            + "ARRAY[0], ARRAY[NULL::text], ARRAY[true])")))
        .onComplete(ctx.succeeding(plan -> ctx.verify(() -> {
          assertFalse(plan.contains("Bitmap Heap Scan on urls"), "a scan of the crawl's URLs:\n" + plan);
          assertTrue(plan.matches("(?s).*Index Scan using urls_crawl_id_url_hash_kind_key on urls k\\s+"
              + "Index Cond: \\(\\(crawl_id = \\$1\\) AND \\(url_hash = .*"),
              "known URLs looked up by (crawl_id, url_hash, kind):\n" + plan);
          store.close(FinishReason.FINISHED, new JsonObject()).onComplete(ctx.succeedingThenComplete());
        })));
  }
}
