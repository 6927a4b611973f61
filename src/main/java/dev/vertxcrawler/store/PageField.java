package dev.vertxcrawler.store;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a page record, in the order pages.jsonl writes them: the one list of their JSON names (the
 * output contract) and of the SQL columns crawl.db computes from them. {@link PageRecord#toJson()}, the CSV
 * export, the report's page table and the store's columns all read it, so a field is named here only.
 */
public enum PageField {
  URL("url", "url"),
  OUTCOME("outcome", "outcome"),
  STATUS("status", "status"),
  ERROR("error", "error"),
  CONTENT_TYPE("contentType", "content_type"),
  BYTES("bytes", "bytes"),
  SHA256("sha256", "sha256"),
  DEPTH("depth", "depth"),
  REFERRER("referrer", "referrer"),
  FETCHED_AT("fetchedAt", "fetched_at"),
  ELAPSED_MS("elapsedMs", "elapsed_ms"),
  TITLE("title", "title"),
  LINKS("links", "links"),
  LOCATION("location", "location"),
  RETRIES("retries", "retries"),
  CANONICAL("canonical", "canonical"),
  NOINDEX("noindex", "noindex"),
  ETAG("etag", "etag"),
  LAST_MODIFIED("lastModified", "last_modified"),
  CHANGED("changed", "changed"),
  /** Written last, and only for a page parsed with extract rules: a JSON object, not a single value. */
  DATA("data", "data");

  /** Every field with one value per record: the CSV export's columns (extract rules add data.NAME columns). */
  public static final List<PageField> SCALARS = List.copyOf(EnumSet.range(URL, CHANGED));

  /**
   * The pages table's virtual generated columns (schema version 3): the fields the report queries. Changing
   * this set changes crawl.db's schema.
   */
  public static final Set<PageField> STORED = EnumSet.range(URL, TITLE);

  private final String json;
  private final String column;

  PageField(String json, String column) {
    this.json = json;
    this.column = column;
  }

  /** The key in pages.jsonl, the JSON export and the report. */
  public String json() {
    return json;
  }

  /** The SQL column name in crawl.db's pages table (or a reader's snapshot of it). */
  public String column() {
    return column;
  }

  /** SQL that reads this field out of a stored record's JSON text. */
  public String extract() {
    return "json_extract(record, '$." + json + "')";
  }
}
