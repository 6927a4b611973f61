package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FrontierStore.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code urls} table: every URL admitted, keyed by (url, kind), with its state. Its statements are
 * prepared once; like the connection they belong to the store thread.
 */
final class UrlTable {

  /** A URL's state; the ordinal is what crawl.db stores (and its {@code urls_queue} index names 0). */
  enum State {
    QUEUED, IN_FLIGHT, DONE, FAILED, SKIPPED;

    static State of(Outcome outcome) {
      return switch (outcome) {
        case DONE -> DONE;
        case FAILED -> FAILED;
        case SKIPPED -> SKIPPED;
      };
    }
  }

  private final Connection db; // store thread only, like every statement below
  private final PreparedStatement findUrl;
  private final PreparedStatement insertUrl;
  private final PreparedStatement setState;
  private final PreparedStatement queuedAfter;

  UrlTable(Connection db) throws SQLException {
    this.db = db;
    findUrl = db.prepareStatement("SELECT id FROM urls WHERE url = ? AND kind = ?");
    insertUrl = db.prepareStatement("INSERT INTO urls (url, kind, origin, depth, referrer, state) "
        + "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (url, kind) DO NOTHING RETURNING id");
    setState = db.prepareStatement("UPDATE urls SET state = ? WHERE id = ?");
    queuedAfter = db.prepareStatement("SELECT id, url, depth, referrer, kind FROM urls "
        + "WHERE origin = ? AND state = 0 AND id > ? ORDER BY id LIMIT ?");
  }

  /** The new row's id, or null when the URL was already stored (one statement either way). */
  Long insert(CrawlTask c) throws SQLException {
    insertUrl.setString(1, c.url());
    insertUrl.setInt(2, c.kind().ordinal());
    insertUrl.setString(3, c.origin());
    insertUrl.setInt(4, c.depth());
    insertUrl.setString(5, c.referrer());
    try (ResultSet rs = insertUrl.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  /** The stored URL's id, null when it is not stored. */
  Long findId(CrawlTask c) throws SQLException {
    findUrl.setString(1, c.url());
    findUrl.setInt(2, c.kind().ordinal());
    try (ResultSet rs = findUrl.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  void setState(long id, State state) throws SQLException {
    setState.setInt(1, state.ordinal());
    setState.setLong(2, id);
    setState.executeUpdate();
  }

  /** Up to {@code max} queued URLs of {@code origin} with an id above {@code afterId}, oldest first; writes nothing. */
  List<CrawlTask> queuedAfter(String origin, long afterId, int max) throws SQLException {
    List<CrawlTask> tasks = new ArrayList<>();
    queuedAfter.setString(1, origin);
    queuedAfter.setLong(2, afterId);
    queuedAfter.setInt(3, max);
    try (ResultSet rs = queuedAfter.executeQuery()) {
      while (rs.next()) {
        tasks.add(new CrawlTask(rs.getString(2), origin, rs.getInt(3), rs.getString(4), 0,
            CrawlTask.Kind.values()[rs.getInt(5)], rs.getLong(1)));
      }
    }
    return tasks;
  }

  /**
   * In-flight URLs go back to queued: a crash or a stop re-fetches them, loses none. (Since leases are kept in
   * memory ({@link SqliteLeases}) only a crawl.db written by an earlier version has any.)
   */
  long requeueInFlight() throws SQLException {
    try (Statement st = db.createStatement()) {
      return st.executeUpdate("UPDATE urls SET state = 0 WHERE state = 1");
    }
  }

  /** Queued URLs per origin, sorted by origin. */
  Map<String, Long> queuedPerOrigin() throws SQLException {
    return countPerOrigin("state = 0");
  }

  /** Pages ever admitted per origin: what their budget has spent. */
  Map<String, Long> pagesPerOrigin() throws SQLException {
    return countPerOrigin("kind = 0");
  }

  private Map<String, Long> countPerOrigin(String where) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT origin, count(*) FROM urls WHERE " + where + " GROUP BY origin")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  /** URLs in a terminal state (done, failed or skipped). */
  long finished() throws SQLException {
    return Jdbc.scalar(db, "SELECT count(*) FROM urls WHERE state >= 2");
  }

  /** Origins of the seeds (depth 0, no referrer). */
  List<String> seedOrigins() throws SQLException {
    List<String> origins = new ArrayList<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT DISTINCT origin FROM urls WHERE depth = 0 AND referrer IS NULL")) {
      while (rs.next()) {
        origins.add(rs.getString(1));
      }
    }
    return origins;
  }
}
