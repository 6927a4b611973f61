package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Links stored one row per page (varint target ids), and a version-2 store (a row per link) migrated on resume. */
@ExtendWith(VertxExtension.class)
class PageLinksTest {

  @Test
  void idsSurviveTheRoundTripAndADamagedTailIsDropped() {
    List<Long> ids = List.of(0L, 1L, 127L, 128L, 16_383L, 16_384L, 1L << 40, Long.MAX_VALUE);
    byte[] bytes = PageLinks.encode(ids);
    assertEquals(ids, decode(bytes));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1); // Long.MAX_VALUE loses its last byte
    assertEquals(ids.subList(0, ids.size() - 1), decode(cut));
  }

  private static List<Long> decode(byte[] bytes) {
    List<Long> out = new ArrayList<>();
    PageLinks.decode(7, bytes, (from, to) -> out.add(to));
    return out;
  }

  @Test
  void aVersion2StoreResumesWithItsLinksRegroupedPerPage(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    SqliteFrontierStore first = new SqliteFrontierStore(vertx, dir, new JsonObject().put("k", 1), false, 0);
    first.open()
        .compose(o -> first.admit(List.of(page("http://a.example/1"), page("http://a.example/2"))))
        .compose(a -> first.lease("http://a.example", 1))
        .compose(leased -> first.complete(leased.get(0), FrontierStore.Outcome.DONE,
            new JsonObject().put("url", "http://a.example/1").put("outcome", "fetched").encode(),
            List.of(page("http://a.example/3"), page("http://a.example/2"), page("http://a.example/1"))))
        .compose(admitted -> first.close(FinishReason.SHUTDOWN, new JsonObject()))
        .compose(v -> vertx.executeBlocking(() -> {
          List<long[]> stored = links(dir);
          assertEquals(List.of("1>3", "1>2", "1>1"), names(stored));
          downgradeToVersion2(dir, stored);
          assertEquals(List.of("1>3", "1>2", "1>1"), names(links(dir)), "version 2 is still readable");
          return null;
        }))
        .compose(v -> {
          SqliteFrontierStore resumed = new SqliteFrontierStore(vertx, dir, new JsonObject().put("k", 1), false, 0);
          return resumed.open().compose(o -> resumed.close(FinishReason.SHUTDOWN, new JsonObject()));
        })
        .compose(v -> vertx.executeBlocking(() -> {
          assertEquals(List.of("1>3", "1>2", "1>1"), names(links(dir)));
          try (Connection c = connect(dir); Statement st = c.createStatement()) {
            assertEquals(SqliteFrontierStore.SCHEMA_VERSION,
                st.executeQuery("PRAGMA user_version").getInt(1));
            assertEquals(3, st.executeQuery("SELECT n FROM links").getInt(1));
          }
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static CrawlTask page(String url) {
    return new CrawlTask(url, "http://a.example", 1, null, 0, CrawlTask.Kind.PAGE);
  }

  private static Connection connect(Path dir) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteFrontierStore.DB_FILE));
  }

  private static List<long[]> links(Path dir) throws SQLException {
    List<long[]> out = new ArrayList<>();
    try (Connection c = connect(dir)) {
      PageLinks.forEach(c, (from, to) -> out.add(new long[] {from, to}));
    }
    return out;
  }

  /** "from>to" by URL id: /1, /2 and /3 get ids 1, 2 and 3, admitted in that order into a new database. */
  private static List<String> names(List<long[]> links) {
    return links.stream().map(l -> l[0] + ">" + l[1]).toList();
  }

  private static void downgradeToVersion2(Path dir, List<long[]> links) throws SQLException {
    try (Connection c = connect(dir); Statement st = c.createStatement()) {
      st.execute("DROP TABLE links");
      st.execute("CREATE TABLE links (from_id INTEGER NOT NULL, to_id INTEGER NOT NULL)");
      for (long[] l : links) {
        st.execute("INSERT INTO links (from_id, to_id) VALUES (" + l[0] + ", " + l[1] + ")");
      }
      st.execute("PRAGMA user_version = 2");
    }
  }
}
