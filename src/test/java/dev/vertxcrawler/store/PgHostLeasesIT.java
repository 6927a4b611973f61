package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.StoreConfig;
import dev.vertxcrawler.config.StoreKind;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostLeases;
import dev.vertxcrawler.frontier.HostLostException;
import dev.vertxcrawler.testing.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Host leases between nodes on a real PostgreSQL 15: a host is held by one node at a time, a lease that runs out
 * is taken over with the URLs left in flight, the old holder's commit is refused (fencing), and the crawl is over
 * only when nothing is queued or in flight on any node.
 */
@ExtendWith(io.vertx.junit5.VertxExtension.class)
class PgHostLeasesIT {
  private static PostgresServer pg;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.shared();
  }

  private static PgFrontierStore node(Vertx vertx, String crawl, String name, int leaseMs) {
    return new PgFrontierStore(vertx, new StoreConfig(StoreKind.POSTGRES, pg.url("crawls"), crawl, "", leaseMs), crawl,
        name, new JsonObject(), false, 0);
  }

  private static CrawlTask page(String url) {
    return new CrawlTask(url, url.substring(0, url.indexOf('/', 8)), 0, null, 0, CrawlTask.Kind.PAGE);
  }

  private static HostLeases leases(PgFrontierStore store) {
    return store.hostLeases().orElseThrow();
  }

  private static Set<String> origins(HostLeases.Claims claims) {
    Set<String> origins = new HashSet<>();
    claims.hosts().forEach(h -> origins.add(h.origin()));
    return origins;
  }

  @Test
  void twoNodesClaimingTogetherNeverHoldTheSameHost(Vertx vertx, VertxTestContext ctx) {
    String crawl = "split-" + UUID.randomUUID();
    PgFrontierStore a = node(vertx, crawl, "a", 30_000);
    PgFrontierStore b = node(vertx, crawl, "b", 30_000);
    List<CrawlTask> seeds = Stream.of("h1", "h2", "h3", "h4", "h5", "h6")
        .flatMap(h -> Stream.of(page("http://" + h + ".test/1"), page("http://" + h + ".test/2"))).toList();
    a.open().compose(o -> b.open()).compose(o -> a.admit(seeds))
        .compose(admitted -> Future.all(leases(a).claim(4), leases(b).claim(4)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          Set<String> byA = origins(both.resultAt(0));
          Set<String> byB = origins(both.resultAt(1));
          Set<String> all = new HashSet<>(byA);
          all.addAll(byB);
          assertEquals(byA.size() + byB.size(), all.size(), "no host claimed by both: " + byA + " " + byB);
          assertEquals(6, all.size(), "every ready host claimed by one of them");
          ((HostLeases.Claims) both.resultAt(0)).hosts().forEach(h -> assertEquals(2, h.queued()));
          Future.all(a.close(FinishReason.SHUTDOWN, new JsonObject()), b.close(FinishReason.SHUTDOWN, new JsonObject()))
              .onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void aLeaseThatRunsOutIsTakenOverAndTheOldHoldersCommitIsRefused(Vertx vertx, VertxTestContext ctx) {
    String crawl = "fence-" + UUID.randomUUID();
    PgFrontierStore paused = node(vertx, crawl, "paused", 1_000);
    PgFrontierStore taker = node(vertx, crawl, "taker", 1_000);
    CrawlTask[] inFlight = new CrawlTask[1];
    paused.open().compose(o -> taker.open())
        .compose(o -> paused.admit(List.of(page("http://x.test/1"))))
        .compose(admitted -> leases(paused).claim(1))
        .compose(claims -> paused.lease("http://x.test", 1))
        .compose(leased -> {
          inFlight[0] = leased.get(0);
          ((PgHostLeases) leases(paused)).stop(); // as if the node were stopped (SIGSTOP): no more renewals
          return claimWhenFree(vertx, taker);
        })
        .compose(claims -> {
          ctx.verify(() -> {
            assertEquals(Set.of("http://x.test"), origins(claims));
            assertEquals(1, claims.hosts().get(0).queued(), "the URL left in flight is queued again");
          });
          return paused.complete(inFlight[0], FrontierStore.Outcome.DONE, "{\"url\":\"old\"}", List.of())
              .transform(ar -> {
                ctx.verify(() -> assertInstanceOf(HostLostException.class, ar.cause(), "fenced: " + ar));
                return taker.lease("http://x.test", 1);
              });
        })
        .compose(leased -> taker.complete(leased.get(0), FrontierStore.Outcome.DONE, "{\"url\":\"new\"}", List.of()))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals("new", pg.psql("crawls", "SELECT string_agg(record::jsonb->>'url', ',') FROM pages p "
              + "JOIN crawls c ON c.id = p.crawl_id WHERE c.name = '" + crawl + "'"), "recorded once, by the taker");
          Future.all(paused.close(FinishReason.SHUTDOWN, new JsonObject()),
              taker.close(FinishReason.SHUTDOWN, new JsonObject())).onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void theCrawlIsOverOnlyWhenNothingIsQueuedOrInFlightOnAnyNode(Vertx vertx, VertxTestContext ctx) {
    String crawl = "end-" + UUID.randomUUID();
    PgFrontierStore a = node(vertx, crawl, "a", 30_000);
    PgFrontierStore b = node(vertx, crawl, "b", 30_000);
    CrawlTask[] held = new CrawlTask[1];
    a.open().compose(o -> b.open())
        .compose(o -> a.admit(List.of(page("http://y.test/1"))))
        .compose(admitted -> leases(a).claim(1))
        .compose(claims -> a.lease("http://y.test", 1))
        .compose(leased -> {
          held[0] = leased.get(0);
          return leases(b).claim(1);
        })
        .compose(claims -> {
          ctx.verify(() -> {
            assertTrue(claims.hosts().isEmpty());
            assertFalse(claims.crawlFinished(), "a's URL is in flight");
          });
          return a.complete(held[0], FrontierStore.Outcome.DONE, "{}", List.of());
        })
        .compose(admitted -> leases(a).release("http://y.test", 0, 1000, 1000))
        .compose(v -> leases(b).claim(1))
        .onComplete(ctx.succeeding(claims -> ctx.verify(() -> {
          assertTrue(claims.crawlFinished(), "nothing queued or in flight anywhere");
          Future.all(a.close(FinishReason.FINISHED, new JsonObject()), b.close(FinishReason.FINISHED, new JsonObject()))
              .onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void aNodeThatStopsLeavesItsHostsDelayForTheNextHolder(Vertx vertx, VertxTestContext ctx) {
    String crawl = "delay-" + UUID.randomUUID();
    PgFrontierStore a = node(vertx, crawl, "a", 30_000);
    a.open().compose(o -> a.admit(List.of(page("http://z.test/1"), page("http://z.test/2"))))
        .compose(admitted -> leases(a).claim(1))
        .compose(claims -> leases(a).release("http://z.test", 0, 1_500, 1_200))
        .compose(v -> leases(a).claim(1))
        .compose(claims -> a.close(FinishReason.SHUTDOWN, new JsonObject())) // releases z.test, no delay given
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals("1500|1200", pg.psql("crawls", "SELECT delay_ms || '|' || floor_ms FROM hosts h JOIN crawls c "
              + "ON c.id = h.crawl_id WHERE c.name = '" + crawl + "' AND h.origin = 'http://z.test'"));
          ctx.completeNow();
        })));
  }

  @Test
  void eachNodesFairShareIsItsPartOfTheHostsWithWorkOnceItKnowsOfTheOthers(Vertx vertx, VertxTestContext ctx) {
    String crawl = "share-" + UUID.randomUUID();
    List<PgFrontierStore> nodes = List.of(node(vertx, crawl, "a", 2_000), node(vertx, crawl, "b", 2_000),
        node(vertx, crawl, "c", 2_000));
    List<CrawlTask> seeds = java.util.stream.IntStream.range(0, 24).mapToObj(i -> page("http://s" + i + ".test/1"))
        .toList();
    nodes.get(0).open()
        .compose(o -> {
          // Alone (its first heartbeat saw no other node): no bound, it may claim what its workers can take.
          ctx.verify(() -> assertEquals(Integer.MAX_VALUE, leases(nodes.get(0)).fairShare()));
          return nodes.get(1).open();
        })
        .compose(o -> nodes.get(2).open())
        .compose(o -> nodes.get(0).admit(seeds))
        // 24 hosts with work, 3 running nodes: ceil(24 / 3) + 1 each, once every node has heartbeated since.
        .compose(admitted -> until(vertx, () -> nodes.stream().allMatch(n -> leases(n).fairShare() == 9)))
        .compose(v -> Future.all(nodes.stream().map(n -> n.close(FinishReason.SHUTDOWN, new JsonObject())).toList()))
        .onComplete(ctx.succeedingThenComplete());
  }

  /**
   * A claim's commit can take a while (a busy database); renewals sent meanwhile do not see the host as this
   * node's yet. The node must not count it held before the commit, or such a renewal would take the host for
   * lost: dropped here while the database still says it is this node's, so nobody would fetch it. A deferred
   * trigger on the host's row makes the claim's commit last 800 ms, through three renewals (leaseMs 1 000).
   */
  @Test
  void aHostWhoseClaimCommitsSlowlyIsNotTakenForLostByARenewalSentMeanwhile(Vertx vertx, VertxTestContext ctx) {
    String id = UUID.randomUUID().toString();
    String crawl = "slow-claim-" + id;
    String origin = "http://slow-" + id + ".test";
    PgFrontierStore node = node(vertx, crawl, "n", 1_000);
    node.open() // the schema first, then the trigger (psql blocks: on a worker)
        .compose(o -> vertx.executeBlocking(() -> {
          pg.psql("crawls", "CREATE OR REPLACE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
              + "$$ BEGIN PERFORM pg_sleep(0.8); RETURN NULL; END $$");
          return pg.psql("crawls", "CREATE CONSTRAINT TRIGGER \"slow_" + id + "\" AFTER UPDATE ON hosts "
              + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.origin = '" + origin + "' AND "
              + "OLD.lease_owner IS NULL AND NEW.lease_owner IS NOT NULL) EXECUTE FUNCTION test_slow_commit()");
        }))
        .compose(o -> node.admit(List.of(page(origin + "/1"))))
        .compose(admitted -> leases(node).claim(1))
        .compose(claims -> {
          ctx.verify(() -> {
            assertEquals(Set.of(origin), origins(claims));
            assertTrue(leases(node).holds(origin), "held once the claim committed");
            assertEquals(0L, ((PgHostLeases) leases(node)).lostCount(), "no lease taken for lost");
          });
          return node.lease(origin, 1);
        })
        .onComplete(ctx.succeeding(leased -> ctx.verify(() -> {
          assertEquals(List.of(origin + "/1"), leased.stream().map(CrawlTask::url).toList(), "its URL is leased");
          node.close(FinishReason.SHUTDOWN, new JsonObject()).onComplete(ctx.succeedingThenComplete());
        })));
  }

  /** Completes once the condition holds, checked every 50 ms on a timer; fails after 10 s. */
  private static Future<Void> until(Vertx vertx, java.util.function.BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    vertx.setPeriodic(50, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        done.tryFail("the condition did not hold within 10 s");
      }
    });
    return done.future();
  }

  /** Claims until the host is free (its lease ran out), on a timer: the database's clock decides, not ours. */
  private static Future<HostLeases.Claims> claimWhenFree(Vertx vertx, PgFrontierStore node) {
    Promise<HostLeases.Claims> got = Promise.promise();
    vertx.setPeriodic(100, id -> leases(node).claim(1).onSuccess(claims -> {
      if (!claims.hosts().isEmpty() && !got.future().isComplete()) {
        vertx.cancelTimer(id);
        got.complete(claims);
      }
    }));
    return got.future();
  }
}
