package dev.vertxcrawler.store;

import java.nio.file.Path;
import java.sql.SQLException;

/** What an SQLite error while opening crawl.db means for the user: a corrupt file, or another process. */
final class StoreOpenErrors {
  private StoreOpenErrors() {
  }

  /** A {@link StoreException} saying what to do, or {@code e} itself when it is neither case. */
  static Exception explain(SQLException e, Path file, Path dir) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("NOTADB") || msg.contains("not a database") || msg.contains("CORRUPT")
        || msg.contains("malformed")) {
      return new StoreException(file + ": not a readable crawl database (corrupt or truncated?) — "
          + "choose another --out; nothing was changed", e);
    }
    if (msg.contains("BUSY") || msg.contains("locked")) {
      return new StoreException(file + ": locked by another process — is another crawler using " + dir + "?", e);
    }
    return e;
  }
}
