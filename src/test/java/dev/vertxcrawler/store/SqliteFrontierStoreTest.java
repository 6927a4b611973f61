package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FrontierStore contract on crawl.db, and how a resume compares configs. */
class SqliteFrontierStoreTest extends FrontierStoreContract {
  @Override
  FrontierStore store(Vertx vertx, Path dir, int budget) {
    return new SqliteFrontierStore(vertx, dir, new JsonObject().put("k", 1), false, budget);
  }

  @Override
  boolean keepsRecords() {
    return true;
  }

  @Test
  void aKeyANewerBuildAddedIsNoChangeAtItsDefaultAndIsOneWhenSet() {
    JsonObject now = CrawlConfig.defaults().effective();
    JsonObject before = now.copy();
    before.remove("extract"); // a crawl started by a build without the key
    assertEquals(List.of(), SqliteFrontierStore.differingKeys(before, now));
    JsonObject withRule = now.copy().put("extract", new JsonObject().put("h", new JsonObject().put("css", "h1")));
    assertEquals(1, SqliteFrontierStore.differingKeys(before, withRule).size());
    assertTrue(SqliteFrontierStore.differingKeys(before, withRule).get(0).startsWith("extract "));
  }

  /** Each URL's state as crawl.db holds it, read by a connection of its own (as {@code report} reads). */
  private static Future<Map<String, Integer>> statesOnDisk(Vertx vertx, Path dir) {
    return vertx.executeBlocking(() -> {
      Map<String, Integer> states = new TreeMap<>();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + dir.resolve("crawl.db") + "?mode=ro");
          Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT url, state FROM urls")) {
        while (rs.next()) {
          states.put(rs.getString(1), rs.getInt(2));
        }
      }
      return states;
    });
  }

  @Test
  void aLeaseWritesNothingAndWhatWasLeasedIsQueuedAgainAfterAStop(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    FrontierStore first = store(vertx, dir, 0);
    first.open()
        .compose(o -> first.admit(List.of(page("http://a.example/1"), page("http://a.example/2"),
            page("http://a.example/3"))))
        .compose(a -> first.lease("http://a.example", 2))
        .compose(leased -> first.complete(leased.get(0), FrontierStore.Outcome.DONE,
            new JsonObject().put("url", leased.get(0).url()).put("outcome", "fetched").encode(), List.of()))
        .compose(a -> statesOnDisk(vertx, dir))
        .compose(states -> {
          ctx.verify(() -> assertEquals(Map.of("http://a.example/1", 2, "http://a.example/2", 0,
              "http://a.example/3", 0), states, "only the completion is written; /2 is leased in memory"));
          return first.lease("http://a.example", 10);
        })
        .compose(rest -> {
          ctx.verify(() -> assertEquals(List.of("http://a.example/3"), rest.stream().map(CrawlTask::url).toList(),
              "/2 is not handed out twice"));
          return first.close(FinishReason.SHUTDOWN, new JsonObject());
        })
        .compose(v -> {
          FrontierStore second = store(vertx, dir, 0);
          return second.open().compose(opened -> {
            ctx.verify(() -> {
              assertEquals(2, opened.queued(), "the two leased and not completed are queued again");
              assertEquals(0, opened.requeued());
            });
            return second.lease("http://a.example", 10);
          }).compose(again -> {
            ctx.verify(() -> assertEquals(List.of("http://a.example/2", "http://a.example/3"),
                again.stream().map(CrawlTask::url).toList()));
            return second.close(FinishReason.FINISHED, new JsonObject());
          });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aResumedCrawlStillCountsItsStoredPagesAgainstThePerHostBudget(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    FrontierStore first = store(vertx, dir, 2);
    first.open()
        .compose(o -> first.admit(List.of(page("http://a.example/1"), page("http://a.example/2"))))
        .compose(a -> first.close(FinishReason.SHUTDOWN, new JsonObject()))
        .compose(v -> {
          FrontierStore second = store(vertx, dir, 2);
          return second.open()
              .compose(o -> second.admit(List.of(page("http://a.example/3"), page("http://b.example/1"))))
              .compose(admitted -> {
                ctx.verify(() -> {
                  assertEquals(1, admitted.overBudget(), "a.example's two stored pages are its budget");
                  assertEquals(Map.of("http://b.example", 1L), admitted.queuedPerOrigin());
                });
                return second.close(FinishReason.FINISHED, new JsonObject());
              });
        })
        .onComplete(ctx.succeedingThenComplete());
  }
}
