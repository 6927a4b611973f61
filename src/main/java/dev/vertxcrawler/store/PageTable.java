package dev.vertxcrawler.store;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/** The {@code pages} and {@code links} tables: each finished page's record and the ids it links to. */
final class PageTable {
  private final Connection db; // store thread only, like the statements
  private final PreparedStatement insertPage;
  private final PreparedStatement insertLinks;

  PageTable(Connection db) throws SQLException {
    this.db = db;
    insertPage = db.prepareStatement("INSERT OR REPLACE INTO pages (url_id, record) VALUES (?, ?)");
    insertLinks = db.prepareStatement("INSERT OR REPLACE INTO links (from_id, n, to_ids) VALUES (?, ?, ?)");
  }

  void insertPage(long urlId, String record) throws SQLException {
    insertPage.setLong(1, urlId);
    insertPage.setString(2, record);
    insertPage.executeUpdate();
  }

  /** The page's links, one row of varints ({@link PageLinks}); nothing when it has none. */
  void insertLinks(long fromId, List<Long> targets) throws SQLException {
    if (targets.isEmpty()) {
      return;
    }
    insertLinks.setLong(1, fromId);
    insertLinks.setInt(2, targets.size());
    insertLinks.setBytes(3, PageLinks.encode(targets));
    insertLinks.executeUpdate();
  }

  /** Every page record, in commit order. */
  void forEach(Consumer<JsonObject> consumer) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT record FROM pages ORDER BY seq")) {
      while (rs.next()) {
        consumer.accept(new JsonObject(rs.getString(1)));
      }
    }
  }
}
