package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.MemoryFrontierStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The FrontierStore contract, held by both the SQLite and the in-memory store. */
@ExtendWith(VertxExtension.class)
class FrontierStoreTest {
  private static FrontierStore store(String kind, Vertx vertx, Path dir, int budget) {
    return kind.equals("sqlite")
        ? new SqliteFrontierStore(vertx, dir, new JsonObject().put("k", 1), false, budget)
        : new MemoryFrontierStore(budget);
  }

  private static CrawlTask page(String url) {
    return new CrawlTask(url, url.substring(0, url.indexOf('/', 8)), 1, null, 0, CrawlTask.Kind.PAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void admitDeduplicatesAndAppliesThePerHostBudget(String kind, Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    FrontierStore store = store(kind, vertx, dir, 2);
    store.open()
        .compose(o -> store.admit(List.of(page("http://a.example/1"), page("http://a.example/1"),
            page("http://a.example/2"), page("http://a.example/3"), page("http://b.example/1"))))
        .onComplete(ctx.succeeding(admitted -> ctx.verify(() -> {
          assertEquals(Map.of("http://a.example", 2L, "http://b.example", 1L), admitted.queuedPerOrigin());
          assertEquals(1, admitted.duplicates());
          assertEquals(1, admitted.overBudget());
          store.close("finished", new JsonObject()).onComplete(ctx.succeedingThenComplete());
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void leasesComeOldestFirstAndLinksFoundOnAPageAreQueued(String kind, Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    FrontierStore store = store(kind, vertx, dir, 0);
    store.open()
        .compose(o -> store.admit(List.of(page("http://a.example/1"), page("http://a.example/2"),
            page("http://a.example/3"))))
        .compose(a -> store.lease("http://a.example", 2))
        .compose(leased -> {
          ctx.verify(() -> assertEquals(List.of("http://a.example/1", "http://a.example/2"),
              leased.stream().map(CrawlTask::url).toList()));
          JsonObject record = new JsonObject().put("url", "http://a.example/1").put("outcome", "fetched");
          return store.complete(leased.get(0), FrontierStore.Outcome.DONE, record,
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
          store.close("finished", new JsonObject()).onComplete(ctx.succeedingThenComplete());
        })));
  }
}
