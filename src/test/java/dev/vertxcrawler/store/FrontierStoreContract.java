package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FrontierStore contract, held by every store: SQLite and memory here ({@link SqliteFrontierStoreTest},
 * {@link MemoryFrontierStoreTest}), PostgreSQL against a real server ({@link PgFrontierStoreIT}).
 */
@ExtendWith(VertxExtension.class)
abstract class FrontierStoreContract {

  /** A new, empty store of this kind with a per-host budget ({@code 0} = none). */
  abstract FrontierStore store(Vertx vertx, Path dir, int budget);

  /** Whether the store keeps page records (the memory store does not: it cannot resume). */
  abstract boolean keepsRecords();

  static CrawlTask page(String url) {
    return new CrawlTask(url, url.substring(0, url.indexOf('/', 8)), 1, null, 0, CrawlTask.Kind.PAGE);
  }

  @Test
  void aSavedHostIsReadBackByItsOriginAndTheLastSaveWins(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    FrontierStore store = store(vertx, dir, 0);
    byte[] rules = {1, 2, 3};
    store.open()
        .compose(o -> store.saveHost(new FrontierStore.HostSnapshot("http://a.example", rules, 42, null, 1000, 500)))
        .compose(v -> store.saveHost(new FrontierStore.HostSnapshot("http://a.example", null, 0, "crawl-delay", 2000,
            500)))
        .compose(v -> store.saveHost(new FrontierStore.HostSnapshot("http://b.example", rules, 42, null, 1000, 0)))
        .compose(v -> Future.all(store.loadHost("http://a.example"), store.loadHost("http://b.example"),
            store.loadHost("http://never.example")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          Optional<FrontierStore.HostSnapshot> a = all.resultAt(0);
          Optional<FrontierStore.HostSnapshot> b = all.resultAt(1);
          assertEquals("crawl-delay", a.orElseThrow().giveUpReason(), "the last save of a");
          assertEquals(2000, a.orElseThrow().delayMs());
          assertArrayEquals(rules, b.orElseThrow().robotsRules());
          assertEquals(42, b.orElseThrow().robotsExpiresAt());
          assertTrue(((Optional<?>) all.resultAt(2)).isEmpty(), "an origin never saved");
          store.close(FinishReason.FINISHED, new JsonObject()).onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void admitDeduplicatesAndAppliesThePerHostBudget(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    FrontierStore store = store(vertx, dir, 2);
    store.open()
        .compose(o -> store.admit(List.of(page("http://a.example/1"), page("http://a.example/1"),
            page("http://a.example/2"), page("http://a.example/3"), page("http://b.example/1"))))
        .onComplete(ctx.succeeding(admitted -> ctx.verify(() -> {
          assertEquals(Map.of("http://a.example", 2L, "http://b.example", 1L), admitted.queuedPerOrigin());
          assertEquals(1, admitted.duplicates());
          assertEquals(1, admitted.overBudget());
          store.close(FinishReason.FINISHED, new JsonObject()).onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void leasesComeOldestFirstAndLinksFoundOnAPageAreQueued(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    FrontierStore store = store(vertx, dir, 0);
    store.open()
        .compose(o -> store.admit(List.of(page("http://a.example/1"), page("http://a.example/2"),
            page("http://a.example/3"))))
        .compose(a -> store.lease("http://a.example", 2))
        .compose(leased -> {
          ctx.verify(() -> assertEquals(List.of("http://a.example/1", "http://a.example/2"),
              leased.stream().map(CrawlTask::url).toList()));
          JsonObject record = new JsonObject().put("url", "http://a.example/1").put("outcome", "fetched");
          return store.complete(leased.get(0), FrontierStore.Outcome.DONE, record.encode(),
              List.of(page("http://a.example/2"), page("http://a.example/4")));
        })
        .compose(admitted -> {
          ctx.verify(() -> {
            assertEquals(Map.of("http://a.example", 1L), admitted.queuedPerOrigin(), "only /4 is new");
            assertEquals(1, admitted.duplicates());
          });
          return store.lease("http://a.example", 10);
        })
        .onComplete(ctx.succeeding(rest -> ctx.verify(() -> {
          assertEquals(List.of("http://a.example/3", "http://a.example/4"),
              rest.stream().map(CrawlTask::url).toList(), "leased URLs are not handed out twice");
          store.close(FinishReason.FINISHED, new JsonObject()).onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void completionsIssuedTogetherAreEachAnsweredOnTheCallersContextAfterTheirCommit(Vertx vertx,
      VertxTestContext ctx, @TempDir Path dir) {
    FrontierStore store = store(vertx, dir, 0);
    int n = 300; // more than one group: commits share transactions, answers stay per page
    List<CrawlTask> all = java.util.stream.IntStream.range(0, n).mapToObj(i -> page("http://a.example/" + i)).toList();
    io.vertx.core.Context context = vertx.getOrCreateContext();
    context.runOnContext(start -> store.open()
        .compose(o -> store.admit(all))
        .compose(a -> store.lease("http://a.example", n))
        .compose(leased -> {
          java.util.concurrent.atomic.AtomicInteger offContext = new java.util.concurrent.atomic.AtomicInteger();
          List<io.vertx.core.Future<FrontierStore.Admitted>> answers = leased.stream().map(task -> store.complete(
              task, FrontierStore.Outcome.DONE, new JsonObject().put("url", task.url()).put("outcome", "fetched")
                  .put("status", 200).encode(), List.of(page(task.url() + "/child")))
              .onSuccess(admitted -> {
                if (io.vertx.core.Vertx.currentContext() != context) {
                  offContext.incrementAndGet();
                }
              })).toList();
          return io.vertx.core.Future.all(answers).map(done -> {
            ctx.verify(() -> {
              assertEquals(0, offContext.get(), "answers arrive on the caller's context, not the store thread");
              answers.forEach(f -> assertEquals(Map.of("http://a.example", 1L), f.result().queuedPerOrigin(),
                  "each page's own admissions"));
            });
            return done;
          });
        })
        .compose(v -> {
          List<String> urls = new java.util.ArrayList<>();
          return store.forEachPage(r -> urls.add(r.getString("url"))).map(urls);
        })
        .onComplete(ctx.succeeding(urls -> ctx.verify(() -> {
          if (keepsRecords()) {
            assertEquals(all.stream().map(CrawlTask::url).toList(), urls, "every page committed once, in order");
          }
          store.close(FinishReason.FINISHED, new JsonObject()).onComplete(ctx.succeedingThenComplete());
        }))));
  }
}
