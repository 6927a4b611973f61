package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.CrawlTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An earlier crawl's {@code crawl.db}, opened read-only, for a crawl made {@code since} it: what a URL's page
 * was then (its record: validators, SHA-256, title …) and the links it had. One connection on its own worker
 * thread; every lookup is a point query on a unique index, never on the event loop.
 */
public final class PreviousCrawl {
  private static final int PAGE_KIND = CrawlTask.Kind.PAGE.ordinal();

  private final Path file;
  private final WorkerExecutor executor;
  private Connection db;
  private PreparedStatement findPage;
  private PreparedStatement findLinks;

  /** A page as the earlier crawl recorded it; {@code urlId} finds its links. */
  public record Page(long urlId, JsonObject record) {
  }

  private PreviousCrawl(Vertx vertx, Path file) {
    this.file = file;
    this.executor = vertx.createSharedWorkerExecutor("previous-crawl-" + file.toAbsolutePath(), 1);
  }

  /** Opens {@code dir/crawl.db}; fails with a {@link StoreException} saying what is wrong with {@code dir}. */
  public static Future<PreviousCrawl> open(Vertx vertx, Path dir) {
    PreviousCrawl previous = new PreviousCrawl(vertx, dir.resolve(SqliteFrontierStore.DB_FILE));
    return previous.blocking(() -> {
      previous.openBlocking(dir);
      return previous;
    }).onFailure(err -> previous.executor.close());
  }

  private void openBlocking(Path dir) throws SQLException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new StoreException("since: " + dir + " holds no readable " + SqliteFrontierStore.DB_FILE
          + " — give the output directory of an earlier crawl (store.kind sqlite)");
    }
    try {
      db = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
        long version = rs.next() ? rs.getLong(1) : 0;
        if (version < SqliteFrontierStore.SCHEMA_VERSION) {
          throw new StoreException("since: " + file + " is a crawl database of schema version " + version
              + ", older than this build reads for a recrawl (" + SqliteFrontierStore.SCHEMA_VERSION
              + ") — crawl it afresh once, then recrawl since that");
        }
      }
      findPage = db.prepareStatement("SELECT u.id, p.record FROM urls u JOIN pages p ON p.url_id = u.id "
          + "WHERE u.url = ? AND u.kind = " + PAGE_KIND);
      findLinks = db.prepareStatement("SELECT to_ids FROM links WHERE from_id = ?");
    } catch (SQLException e) {
      closeQuietly();
      throw new StoreException("since: " + file + " is not a readable crawl database (" + e.getMessage() + ")", e);
    } catch (StoreException e) {
      closeQuietly();
      throw e;
    }
  }

  /** The earlier record of {@code url}, or null when that crawl did not decide it. */
  public Future<Page> page(String url) {
    return blocking(() -> {
      findPage.setString(1, url);
      try (ResultSet rs = findPage.executeQuery()) {
        return rs.next() ? new Page(rs.getLong(1), new JsonObject(rs.getString(2))) : null;
      }
    });
  }

  /** The page's links as that crawl stored them: the in-scope targets, in the page's order. */
  public Future<List<String>> links(long urlId) {
    return blocking(() -> {
      byte[] ids;
      findLinks.setLong(1, urlId);
      try (ResultSet rs = findLinks.executeQuery()) {
        ids = rs.next() ? rs.getBytes(1) : null;
      }
      List<Long> targets = new ArrayList<>();
      if (ids != null) {
        PageLinks.decode(urlId, ids, (from, to) -> targets.add(to));
      }
      return urls(targets);
    });
  }

  /**
   * The URLs of {@code ids}, in their order: one query per page (ids inlined: they are numbers decoded from
   * the database itself), not one per link — a hundred point queries per page made this thread the bottleneck.
   */
  private List<String> urls(List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, String> byId = new HashMap<>(ids.size() * 2);
    StringBuilder sql = new StringBuilder("SELECT id, url FROM urls WHERE id IN (");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "" : ",").append(ids.get(i).longValue());
    }
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.append(')').toString())) {
      while (rs.next()) {
        byId.put(rs.getLong(1), rs.getString(2));
      }
    }
    List<String> urls = new ArrayList<>(ids.size());
    for (long id : ids) {
      String url = byId.get(id);
      if (url != null) {
        urls.add(url);
      }
    }
    return urls;
  }

  public Future<Void> close() {
    return blocking(() -> {
      closeQuietly();
      return null;
    }).eventually(executor::close).mapEmpty();
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return executor.executeBlocking(work, true);
  }

  private void closeQuietly() {
    Jdbc.close(db);
    db = null;
  }
}
