package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.FinishReason;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The {@code crawl} table: one crawl's facts by key — its effective config, when it started and finished,
 * why it stopped, its summary and its counters. Store thread only, like every JDBC call.
 */
final class CrawlMeta {
  static final String CONFIG = "config";
  static final String STARTED = "started";
  static final String FINISHED = "finished";
  static final String FINISH_REASON = "finishReason";
  static final String SUMMARY = "summary";
  static final String COUNTERS = "counters";

  private final Connection db; // store thread only

  CrawlMeta(Connection db) {
    this.db = db;
  }

  void put(String key, String value) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("INSERT OR REPLACE INTO crawl (key, value) VALUES (?, ?)")) {
      st.setString(1, key);
      st.setString(2, value);
      st.executeUpdate();
    }
  }

  /** The value of {@code key}, null when it was never set. */
  String get(String key) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("SELECT value FROM crawl WHERE key = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** A new crawl: the config it runs with, and now as its start. */
  void started(JsonObject config) throws SQLException {
    put(CONFIG, config.encode());
    put(STARTED, Instant.now().toString());
  }

  /** This run stops; a final reason ends the crawl for good (it can no longer be resumed). */
  void stopped(FinishReason reason, JsonObject summary) throws SQLException {
    put(FINISH_REASON, reason.key());
    put(SUMMARY, summary.encode());
    if (reason.isFinal()) {
      put(FINISHED, Instant.now().toString());
    }
  }

  void saveCounters(JsonObject counters) throws SQLException {
    put(COUNTERS, counters.encode());
  }

  /** The counters last saved, empty for a new crawl. */
  JsonObject counters() throws SQLException {
    String json = get(COUNTERS);
    return json == null ? new JsonObject() : new JsonObject(json);
  }
}
