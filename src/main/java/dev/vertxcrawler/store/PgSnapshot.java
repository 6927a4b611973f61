package dev.vertxcrawler.store;

import dev.vertxcrawler.config.StoreConfig;
import dev.vertxcrawler.config.StoreKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutionException;

/**
 * A crawl in PostgreSQL, copied into a crawl.db of the same shape, so that {@code report}, {@code serve} and
 * {@code export} read a crawl spread over many nodes exactly as they read one node's directory: one report, the
 * same queries. The copy is a snapshot (each table read in id order, a batch at a time, no long transaction).
 *
 * <p>Called from the CLI's main thread, never an event loop: it waits on the database's answers and writes the
 * file with JDBC there.
 */
public final class PgSnapshot {
  private static final int BATCH = 5_000;

  private PgSnapshot() {
  }

  /** Copies crawl {@code crawl} of the database at {@code url} into {@code dir}/crawl.db; {@code dir} is created. */
  public static void copy(String url, String crawl, Path dir) {
    Vertx vertx = Vertx.vertx();
    try {
      copy(vertx, url, crawl, dir);
    } finally {
      vertx.close();
    }
  }

  /**
   * The same on the caller's Vert.x (a server copying again and again needs no Vert.x of its own each time); it
   * waits for the database, so it runs on a worker thread or the CLI's main thread, never an event loop.
   */
  public static void copy(Vertx vertx, String url, String crawl, Path dir) {
    try {
      dev.vertxcrawler.config.StoreUrls.check(url);
    } catch (IllegalArgumentException e) {
      throw new StoreException("--store " + e.getMessage());
    }
    StoreConfig store = new StoreConfig(StoreKind.POSTGRES, url, crawl, "", 30_000);
    String where = PgConnect.where(store);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(PgConnect.options(store, System::getenv)).using(vertx).build();
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(SqliteFrontierStore.DB_FILE);
      Files.deleteIfExists(file);
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
        db.setAutoCommit(false);
        StoreSchema.create(db);
        long crawlId = meta(pool, db, crawl, where);
        copyRows(pool, db, "SELECT id, url, kind, origin, depth, referrer, state FROM urls WHERE crawl_id = $1 "
            + "AND id > $2 ORDER BY id LIMIT " + BATCH, crawlId,
            "INSERT INTO urls (id, url, kind, origin, depth, referrer, state) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (row, st) -> {
              st.setLong(1, row.getLong("id"));
              st.setString(2, row.getString("url"));
              st.setInt(3, row.getInteger("kind"));
              st.setString(4, row.getString("origin"));
              st.setInt(5, row.getInteger("depth"));
              st.setString(6, row.getString("referrer"));
              st.setInt(7, row.getInteger("state"));
              return row.getLong("id");
            });
        copyRows(pool, db, "SELECT seq, url_id, record FROM pages WHERE crawl_id = $1 AND seq > $2 ORDER BY seq "
            + "LIMIT " + BATCH, crawlId, "INSERT INTO pages (seq, url_id, record) VALUES (?, ?, ?)", (row, st) -> {
              st.setLong(1, row.getLong("seq"));
              st.setLong(2, row.getLong("url_id"));
              st.setString(3, row.getString("record"));
              return row.getLong("seq");
            });
        copyRows(pool, db, "SELECT from_id, n, to_ids FROM links WHERE crawl_id = $1 AND from_id > $2 "
            + "ORDER BY from_id LIMIT " + BATCH, crawlId, "INSERT INTO links (from_id, n, to_ids) VALUES (?, ?, ?)",
            (row, st) -> {
              st.setLong(1, row.getLong("from_id"));
              st.setInt(2, row.getInteger("n"));
              st.setBytes(3, row.getBuffer("to_ids").getBytes());
              return row.getLong("from_id");
            });
        db.commit();
      }
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException(dir + ": cannot write the copy of crawl '" + crawl + "' (" + e.getMessage() + ")", e);
    } finally {
      pool.close();
    }
  }

  /** The crawl row's facts into the crawl table, in crawl.db's formats; its id. */
  private static long meta(Pool pool, Connection db, String crawl, String where) throws SQLException {
    Row schema = await(pool.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").execute(), where)
        .iterator().next();
    if (!schema.getBoolean("present")) {
      throw new StoreException(where + ": no crawl '" + crawl + "' there — it holds no vertx-crawler tables (is it "
          + "the database the nodes use?)");
    }
    int version = await(pool.query("SELECT max(version) AS v FROM schema_migrations").execute(), where).iterator()
        .next().getInteger("v");
    if (version > PgSchema.VERSION) {
      throw new StoreException(where + ": its crawl schema is version " + version + ", written by a newer "
          + "vertx-crawler; this build reads up to " + PgSchema.VERSION + " — upgrade vertx-crawler");
    }
    RowSet<Row> rows = await(pool.preparedQuery("SELECT id, config, started_at, finished_at, finish_reason, summary, "
        + "(SELECT string_agg(name, ', ' ORDER BY name) FROM crawls) AS names FROM crawls WHERE name = $1")
        .execute(Tuple.of(crawl)), where);
    if (rows.size() == 0) {
      RowSet<Row> names = await(pool.query("SELECT string_agg(name, ', ' ORDER BY name) AS names FROM crawls")
          .execute(), where);
      String known = names.iterator().next().getString("names");
      throw new StoreException(where + ": no crawl '" + crawl + "' there — "
          + (known == null ? "it holds no crawl yet" : "it holds: " + known));
    }
    Row row = rows.iterator().next();
    CrawlMeta meta = new CrawlMeta(db);
    meta.put(CrawlMeta.CONFIG, row.getJsonObject("config").encode());
    meta.put(CrawlMeta.STARTED, row.getOffsetDateTime("started_at").toInstant().toString());
    OffsetDateTime finished = row.getOffsetDateTime("finished_at");
    if (finished != null) {
      meta.put(CrawlMeta.FINISHED, finished.toInstant().toString());
    }
    if (row.getString("finish_reason") != null) {
      meta.put(CrawlMeta.FINISH_REASON, row.getString("finish_reason"));
    }
    JsonObject summary = row.getJsonObject("summary");
    if (summary != null) {
      meta.put(CrawlMeta.SUMMARY, summary.encode());
    }
    return row.getLong("id");
  }

  /** One row into a prepared insert; returns the row's key, the next batch starts after it. */
  private interface RowCopy {
    long copy(Row row, PreparedStatement insert) throws SQLException;
  }

  private static void copyRows(Pool pool, Connection db, String select, long crawlId, String insert, RowCopy copy)
      throws SQLException {
    try (PreparedStatement st = db.prepareStatement(insert)) {
      long after = 0;
      while (true) {
        RowSet<Row> rows = await(pool.preparedQuery(select).execute(Tuple.of(crawlId, after)), select);
        for (Row row : rows) {
          after = copy.copy(row, st);
          st.addBatch();
        }
        st.executeBatch();
        if (rows.size() < BATCH) {
          return;
        }
      }
    }
  }

  /** Waits on the CLI's main thread (never an event loop) for a database answer. */
  private static <T> T await(Future<T> future, String where) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable why = PgConnect.explain(e.getCause(), where);
      throw why instanceof StoreException known ? known : new StoreException(where + ": " + why.getMessage(), why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(where + ": interrupted");
    }
  }
}
