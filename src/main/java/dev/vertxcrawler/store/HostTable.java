package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.FrontierStore.HostSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code hosts} table: each origin's politeness state (robots rules, delays, give-up), for a resume. */
final class HostTable {
  private static final String SELECT = "SELECT origin, robots, robots_expires, give_up, delay_ms, floor_ms FROM hosts";

  private final Connection db; // store thread only

  HostTable(Connection db) {
    this.db = db;
  }

  void save(HostSnapshot host) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("INSERT OR REPLACE INTO hosts (origin, robots, robots_expires, "
        + "give_up, delay_ms, floor_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
      st.setString(1, host.origin());
      st.setBytes(2, host.robotsRules());
      st.setLong(3, host.robotsExpiresAt());
      st.setString(4, host.giveUpReason());
      st.setLong(5, host.delayMs());
      st.setLong(6, host.floorMs());
      st.executeUpdate();
    }
  }

  Map<String, HostSnapshot> loadAll() throws SQLException {
    Map<String, HostSnapshot> hosts = new HashMap<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(SELECT)) {
      while (rs.next()) {
        HostSnapshot host = row(rs);
        hosts.put(host.origin(), host);
      }
    }
    return hosts;
  }

  /** One origin's row (origin is the primary key). */
  Optional<HostSnapshot> load(String origin) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(SELECT + " WHERE origin = ?")) {
      st.setString(1, origin);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static HostSnapshot row(ResultSet rs) throws SQLException {
    return new HostSnapshot(rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
        rs.getLong(6));
  }
}
