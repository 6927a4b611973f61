package dev.vertxcrawler.store;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The link graph as stored: one {@code links} row per page, its targets' URL ids as unsigned LEB128 varints in
 * the page's order ({@code to_ids}) with their count ({@code n}). A page's ~100 links cost one row write
 * instead of a hundred, and reading the graph back is one pass over a row per page. Schema version 2 kept one
 * row per link; {@link #forEach} reads both, so reports still open older crawl directories.
 */
public final class PageLinks {
  private PageLinks() {
  }

  /** What {@link #forEach} hands over: one link from a page to a target, by URL id. */
  @FunctionalInterface
  public interface LinkConsumer {
    void accept(long fromId, long toId);
  }

  public static byte[] encode(List<Long> ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.size() * 3);
    for (long id : ids) {
      long v = id;
      while ((v & ~0x7FL) != 0) {
        out.write((int) (v & 0x7F) | 0x80);
        v >>>= 7;
      }
      out.write((int) v);
    }
    return out.toByteArray();
  }

  /** Decodes {@code to_ids}; a truncated or overlong varint ends the list (a damaged row loses only its tail). */
  public static void decode(long fromId, byte[] bytes, LinkConsumer consumer) {
    int i = 0;
    while (i < bytes.length) {
      long v = 0;
      int shift = 0;
      int b;
      do {
        if (i >= bytes.length || shift > 56) {
          return;
        }
        b = bytes[i++];
        v |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      consumer.accept(fromId, v);
    }
  }

  /** Every stored link, in page order, from a crawl database of schema version 2 or later. */
  public static void forEach(Connection c, LinkConsumer consumer) throws SQLException {
    boolean perLinkRows;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      perLinkRows = rs.next() && rs.getLong(1) <= 2;
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(perLinkRows
        ? "SELECT from_id, to_id FROM links ORDER BY rowid" : "SELECT from_id, to_ids FROM links ORDER BY from_id")) {
      while (rs.next()) {
        if (perLinkRows) {
          consumer.accept(rs.getLong(1), rs.getLong(2));
        } else {
          decode(rs.getLong(1), rs.getBytes(2), consumer);
        }
      }
    }
  }
}
