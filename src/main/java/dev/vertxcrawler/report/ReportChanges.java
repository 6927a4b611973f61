package dev.vertxcrawler.report;

import dev.vertxcrawler.store.SqliteFrontierStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between this crawl and an earlier one of the same site: pages complete in both whose bodies
 * differ (changed) or not (unchanged), pages complete only now (new), pages complete then and now an error, a
 * failure or not reached (gone, with what they are now). "Complete" is fetched with 2xx, or 304 in a recrawl,
 * whose record keeps the earlier hash. The earlier crawl.db is attached read-only to the report's connection;
 * each list keeps its first {@link #LIST} URLs, with the count. Runs on the report's reader thread (blocking).
 */
final class ReportChanges {
  static final int LIST = 100;
  /** A page that was complete: fetched with 2xx, or 304 in a recrawl (what it was is still known). */
  private static final String COMPLETE = "%1$s.outcome = 'fetched' AND (%1$s.status BETWEEN 200 AND 299 OR %1$s.status = 304)";

  private ReportChanges() {
  }

  /**
   * Null when there is no earlier crawl to compare with; {@code error} set when it cannot be read now.
   * @param since the earlier crawl's directory: the one this crawl was made {@code --since}, or any other crawl
   *              of the same site ({@code report DIR --since OTHER})
   */
  static JsonObject read(Connection c, String since) throws SQLException {
    if (since == null || since.isEmpty()) {
      return null;
    }
    JsonObject changes = new JsonObject().put("since", since);
    Path earlier = Path.of(since).resolve(SqliteFrontierStore.DB_FILE);
    if (!Files.isReadable(earlier)) {
      return changes.put("error", earlier + " cannot be read now: nothing to compare with");
    }
    try (Statement st = c.createStatement()) { // each earlier URL looks up this crawl's page of it
      st.execute("CREATE INDEX IF NOT EXISTS temp.pages_url_id ON pages (url_id)");
    }
    try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS earlier")) {
      attach.setString(1, "file:" + earlier.toAbsolutePath() + "?mode=ro");
      attach.execute();
    }
    try {
      // Pages complete in both crawls, by whether their bodies' hashes differ (a 304 keeps the earlier hash).
      String both = "SELECT p.url FROM pages p JOIN earlier.urls eu ON eu.url = p.url AND eu.kind = 0"
          + " JOIN earlier.pages ep ON ep.url_id = eu.id WHERE " + String.format(COMPLETE, "p") + " AND "
          + String.format(COMPLETE, "ep");
      changes.put("changed", list(c, both + " AND p.sha256 IS NOT ep.sha256 ORDER BY p.seq", false));
      changes.put("unchanged", count(c, "SELECT count(*) FROM (" + both + " AND p.sha256 IS ep.sha256)"));
      changes.put("new", list(c, "SELECT p.url FROM pages p WHERE " + String.format(COMPLETE, "p")
          + " AND NOT EXISTS (SELECT 1 FROM earlier.urls eu JOIN earlier.pages ep ON ep.url_id = eu.id"
          + " WHERE eu.url = p.url AND eu.kind = 0 AND " + String.format(COMPLETE, "ep") + ") ORDER BY p.seq", false));
      changes.put("gone", list(c, "SELECT ep.url, CASE WHEN p.url_id IS NULL THEN 'not reached'"
          + " ELSE coalesce(p.status, p.error) END FROM earlier.pages ep"
          + " LEFT JOIN urls u ON u.url = ep.url AND u.kind = 0 LEFT JOIN pages p ON p.url_id = u.id"
          + " WHERE " + String.format(COMPLETE, "ep") + " AND (p.url_id IS NULL OR NOT (" + String.format(COMPLETE, "p")
          + ")) ORDER BY ep.seq", true));
    } finally {
      try (Statement st = c.createStatement()) {
        st.execute("DETACH DATABASE earlier");
      }
    }
    return changes;
  }

  /** {count, urls: [first LIST]}; with {@code withNow}, each entry is {url, now} (what the URL is now). */
  private static JsonObject list(Connection c, String sql, boolean withNow) throws SQLException {
    JsonArray urls = new JsonArray();
    long count = 0;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        if (count++ < LIST) {
          urls.add(withNow ? new JsonObject().put("url", rs.getString(1)).put("now", String.valueOf(rs.getObject(2)))
              : rs.getString(1));
        }
      }
    }
    return new JsonObject().put("count", count).put("urls", urls);
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
