package dev.vertxcrawler.store;

import dev.vertxcrawler.config.Choice;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a crawl's committed pages from {@code DIR/crawl.db} as JSON Lines or CSV. Reads through its own
 * read-only connection, so it works while a crawl is running. Blocking: for the CLI's main thread.
 * CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a leading
 * apostrophe. A crawl with {@code extract} rules gets a CSV column {@code data.NAME} per rule (a list as its
 * JSON text).
 */
public final class PageExport {

  /** The export's {@code --format}. */
  public enum Format implements Choice {
    JSONL, CSV
  }

  private PageExport() {
  }

  /** @return how many pages were written */
  public static long export(Path dir, Format format, Writer out) throws IOException {
    Path db = dir.resolve(SqliteFrontierStore.DB_FILE);
    if (!Files.exists(db)) {
      throw new StoreException(dir + ": no " + SqliteFrontierStore.DB_FILE + " — is it a crawl directory?");
    }
    boolean csv = format == Format.CSV;
    long n = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro");
        Statement st = c.createStatement()) {
      List<String> dataNames = csv ? extractNames(c) : List.of();
      if (csv) {
        out.write(PageField.SCALARS.stream().map(PageField::json).collect(Collectors.joining(",")));
        for (String name : dataNames) {
          out.write(",data." + name);
        }
        out.write("\r\n");
      }
      ResultSet rs = st.executeQuery("SELECT record FROM pages ORDER BY seq");
      while (rs.next()) {
        JsonObject record = new JsonObject(rs.getString(1));
        out.write(csv ? csvLine(record, dataNames) : record.encode());
        out.write(csv ? "\r\n" : "\n");
        n++;
      }
    } catch (SQLException e) {
      throw new StoreException(db + ": cannot be read (" + e.getMessage() + ")", e);
    }
    out.flush();
    return n;
  }

  /** The names of the crawl's extract rules, from the config it started with (none for older crawls). */
  public static List<String> extractNames(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM crawl WHERE key = 'config'")) {
      JsonObject rules = rs.next() ? new JsonObject(rs.getString(1)).getJsonObject("extract") : null;
      return rules == null ? List.of() : List.copyOf(rules.fieldNames());
    }
  }

  static String csvLine(JsonObject record, List<String> dataNames) {
    StringBuilder line = new StringBuilder();
    for (PageField field : PageField.SCALARS) {
      if (field != PageField.URL) {
        line.append(',');
      }
      line.append(cell(record.getValue(field.json())));
    }
    JsonObject data = record.getJsonObject(PageField.DATA.json());
    for (String name : dataNames) {
      line.append(',').append(cell(data == null ? null : data.getValue(name)));
    }
    return line.toString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    return cell(value instanceof io.vertx.core.json.JsonArray list ? list.encode() : String.valueOf(value));
  }

  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      safe = "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
