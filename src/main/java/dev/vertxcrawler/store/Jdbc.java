package dev.vertxcrawler.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.sqlite.SQLiteConfig;

/** The few JDBC moves the store repeats: open crawl.db, run a transaction, read one number, close. */
final class Jdbc {
  private Jdbc() {
  }

  /** A writer's connection to {@code file}: WAL, synchronous=NORMAL, a short busy timeout. */
  static Connection openWriter(Path file) throws SQLException {
    // Ids come from RETURNING; with generated keys on, sqlite-jdbc runs a regex and a "SELECT
    // last_insert_rowid()" after every INSERT (1 % of a throughput crawl's CPU).
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setGetGeneratedKeys(false);
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), sqlite.toProperties());
    try (Statement st = db.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA synchronous=NORMAL");
      st.execute("PRAGMA busy_timeout=2000");
    } catch (SQLException e) {
      close(db);
      throw e;
    }
    return db;
  }

  /** {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  static <T> T inTransaction(Connection db, Callable<T> work) throws Exception {
    db.setAutoCommit(false);
    try {
      T result = work.call();
      db.commit();
      return result;
    } catch (Exception e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** The first column of the first row, 0 when there is none. */
  static long scalar(Connection db, String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Closes a connection whose work is over (at the end, or after a failed open): an error has nothing to lose. */
  static void close(Connection connection) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // nothing left to save
    }
  }
}
