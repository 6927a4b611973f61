package dev.vertxcrawler.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * crawl.db's tables, its version ({@code PRAGMA user_version}) and the migration of older versions. Existing
 * crawl directories must keep resuming: a change here is a new version with its migration.
 */
final class StoreSchema {
  static final int VERSION = 3;
  /** The oldest version a crawl may resume from (after {@link #migrate}). */
  private static final int OLDEST_RESUMABLE = 2;

  /** pages column → the page record's key it is computed from. */
  private static final Map<String, String> PAGE_COLUMNS = PageField.STORED.stream()
      .collect(Collectors.toMap(PageField::column, PageField::json, (a, b) -> a, LinkedHashMap::new));

  /** See {@link SqliteFrontierStore#PAGES_SNAPSHOT}. */
  static final String PAGES_SNAPSHOT = "CREATE TEMP TABLE pages AS SELECT seq, url_id, "
      + String.join(", ", PAGE_COLUMNS.keySet()) + ", " + PageField.LOCATION.extract() + " AS "
      + PageField.LOCATION.column() + ", " + PageField.CHANGED.extract() + " AS " + PageField.CHANGED.column()
      + " FROM main.pages";

  /** One row per page: its links' target ids as varints ({@link PageLinks}), not a row per link. */
  private static final String LINKS_TABLE =
      "CREATE TABLE links (from_id INTEGER PRIMARY KEY, n INTEGER NOT NULL, to_ids BLOB NOT NULL)";

  private StoreSchema() {
  }

  /** Creates every table of a new crawl.db; the caller's transaction makes it all or nothing. */
  static void create(Connection db) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TABLE crawl (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      st.execute("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT NOT NULL, kind INTEGER NOT NULL, "
          + "origin TEXT NOT NULL, depth INTEGER NOT NULL, referrer TEXT, state INTEGER NOT NULL, "
          + "UNIQUE (url, kind))");
      // Only queued URLs are indexed for leasing: a URL leaves the index once leased, and its later state
      // changes (done, failed) touch no index at all.
      st.execute("CREATE INDEX urls_queue ON urls (origin, id) WHERE state = 0");
      // A page is written as its record alone; the columns the reports query are computed from it on read
      // (virtual generated columns), so a commit binds two values instead of fourteen.
      st.execute("CREATE TABLE pages (seq INTEGER PRIMARY KEY, url_id INTEGER NOT NULL UNIQUE, record TEXT NOT NULL, "
          + PAGE_COLUMNS.entrySet().stream()
              .map(c -> c.getKey() + " GENERATED ALWAYS AS (json_extract(record, '$." + c.getValue() + "')) VIRTUAL")
              .collect(Collectors.joining(", ")) + ")");
      // No secondary index on pages: every report query reads the whole table anyway, and each index would
      // cost a random B-tree write per page during the crawl.
      st.execute(LINKS_TABLE);
      st.execute("CREATE TABLE hosts (origin TEXT PRIMARY KEY, robots BLOB, robots_expires INTEGER, give_up TEXT, "
          + "delay_ms INTEGER, floor_ms INTEGER)");
      st.execute("PRAGMA user_version = " + VERSION);
    }
  }

  /** The version of an existing crawl.db; refuses one this build cannot resume, before anything is changed. */
  static long checkVersion(Connection db, Path file) throws SQLException {
    long version = Jdbc.scalar(db, "PRAGMA user_version");
    if (version < OLDEST_RESUMABLE || version > VERSION) {
      throw new StoreException(file + ": written with store schema version " + version + ", this build reads "
          + VERSION + " — use a matching vertx-crawler or choose another --out");
    }
    return version;
  }

  /** Brings a crawl.db of {@code version} (checked) up to {@link #VERSION}. */
  static void migrate(Connection db, long version) throws Exception {
    if (version == 2) {
      Jdbc.inTransaction(db, () -> {
        migrateLinksFromVersion2(db);
        return null;
      });
    }
  }

  /** Version 2 kept a row per link; a crawl started with it resumes after its links are regrouped per page. */
  private static void migrateLinksFromVersion2(Connection db) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(LINKS_TABLE.replace("TABLE links", "TABLE links_v3"));
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO links_v3 (from_id, n, to_ids) VALUES (?, ?, ?)");
          ResultSet rs = st.executeQuery("SELECT from_id, to_id FROM links ORDER BY from_id, rowid")) {
        long from = -1;
        List<Long> targets = new ArrayList<>();
        while (true) {
          boolean more = rs.next();
          if ((!more || rs.getLong(1) != from) && !targets.isEmpty()) {
            insert.setLong(1, from);
            insert.setInt(2, targets.size());
            insert.setBytes(3, PageLinks.encode(targets));
            insert.executeUpdate();
            targets.clear();
          }
          if (!more) {
            break;
          }
          from = rs.getLong(1);
          targets.add(rs.getLong(2));
        }
      }
      st.execute("DROP TABLE links");
      st.execute("ALTER TABLE links_v3 RENAME TO links");
      st.execute("PRAGMA user_version = " + VERSION);
    }
  }
}
