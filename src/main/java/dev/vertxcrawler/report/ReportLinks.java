package dev.vertxcrawler.report;

import dev.vertxcrawler.store.PageExport;
import dev.vertxcrawler.store.PageField;
import dev.vertxcrawler.store.PageRecord.Outcome;
import dev.vertxcrawler.store.PageLinks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parts of a report that walk the whole crawl: every broken link target with every page linking to it, and
 * (for report.html) the page table with its links as row indexes. One pass over the pages and one over the link
 * graph serve both, on a connection of their own, so that {@link ReportQueries} runs them beside its summary
 * queries: at the end of a crawl the report is written while the second core would otherwise idle.
 * Blocking JDBC: never on an event loop.
 */
final class ReportLinks {
  /** report.html's page table: these fields of each page, in this order (its {@code pageColumns}). */
  static final List<PageField> PAGE_COLUMNS = List.of(PageField.URL, PageField.OUTCOME, PageField.STATUS,
      PageField.ERROR, PageField.CONTENT_TYPE, PageField.BYTES, PageField.ELAPSED_MS, PageField.DEPTH,
      PageField.TITLE, PageField.FETCHED_AT, PageField.REFERRER, PageField.DATA);
  /** Fields a record always has a number for: an absent one (a damaged row) reads as 0, as in pages.jsonl. */
  private static final Set<PageField> NUMBERS = EnumSet.of(PageField.BYTES, PageField.ELAPSED_MS, PageField.DEPTH);

  final JsonArray broken = new JsonArray();
  /** Only when asked for pages: the first {@link ReportQueries#MAX_PAGE_ROWS} pages in crawl order. */
  private final PackedRows pageRows = new PackedRows();
  final JsonArray pages = new JsonArray(pageRows);
  long pagesTotal;
  /** Links between listed pages; {@link #links()} holds the first {@code maxLinks} of them. */
  long linksTotal;
  /**
   * At most this many links go into the report: report.html is read by a browser, and a 200 000-page site with a
   * hundred links a page would make 20 million (as boxed integers, more than the launcher's 384 MB heap).
   */
  static final int MAX_LINKS = 2_000_000;
  private int[] linkRows = new int[16]; // [from, to, from, to, …] row indexes, unboxed: 8 bytes a link
  private int linkInts;

  private final Map<String, JsonObject> targets = new TreeMap<>(); // broken targets by URL
  private final Map<Long, List<Long>> referrerIds = new HashMap<>(); // broken target's url id → linking pages' ids
  private final Map<Long, String> recordedReferrer = new HashMap<>();
  private final Map<Long, Integer> rowOfUrlId = new HashMap<>();

  private final int maxLinks;

  private ReportLinks(int maxLinks) {
    this.maxLinks = maxLinks;
  }

  static ReportLinks read(Connection c, boolean withPages) throws SQLException {
    return read(c, withPages, MAX_LINKS);
  }

  static ReportLinks read(Connection c, boolean withPages, int maxLinks) throws SQLException {
    ReportLinks r = new ReportLinks(maxLinks);
    if (withPages) {
      r.readPages(c);
    } else {
      r.readBrokenTargets(c);
    }
    if (!r.targets.isEmpty() || withPages) {
      PageLinks.forEach(c, withPages ? r::collectLinkAndReferrer : r::collectReferrer);
    }
    r.resolveReferrers(c);
    return r;
  }

  /** The whole page table in crawl order; broken targets are picked out of the same scan. */
  private void readPages(Connection c) throws SQLException {
    // a record's extracted data (its JSON text) only when the crawl had extract rules: reading it parses the record
    boolean data = !PageExport.extractNames(c).isEmpty();
    String columns = PAGE_COLUMNS.stream()
        .map(f -> f != PageField.DATA ? f.column() : data ? PageField.DATA.extract() : "NULL")
        .collect(Collectors.joining(", "));
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT url_id, " + columns + " FROM main.pages ORDER BY seq")) {
      while (rs.next()) {
        pagesTotal++;
        long urlId = rs.getLong(1);
        JsonArray row = new JsonArray();
        for (int i = 0; i < PAGE_COLUMNS.size(); i++) {
          Object value = rs.getObject(i + 2);
          row.add(value == null && NUMBERS.contains(PAGE_COLUMNS.get(i)) ? Integer.valueOf(0) : value);
        }
        Object status = row.getValue(PAGE_COLUMNS.indexOf(PageField.STATUS));
        if (Outcome.FAILED.json().equals(row.getValue(PAGE_COLUMNS.indexOf(PageField.OUTCOME)))
            || status instanceof Number n && n.intValue() >= 400) {
          addTarget(urlId, row.getString(PAGE_COLUMNS.indexOf(PageField.URL)), status,
              row.getString(PAGE_COLUMNS.indexOf(PageField.ERROR)),
              row.getString(PAGE_COLUMNS.indexOf(PageField.REFERRER)));
        }
        if (pageRows.size() < ReportQueries.MAX_PAGE_ROWS) {
          rowOfUrlId.put(urlId, pageRows.size());
          pageRows.add(row);
        }
      }
    }
  }

  private void readBrokenTargets(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT url_id, url, status, error, "
        + "referrer FROM main.pages WHERE outcome = '" + Outcome.FAILED.json() + "' OR status >= 400")) {
      while (rs.next()) {
        addTarget(rs.getLong(1), rs.getString(2), rs.getObject(3), rs.getString(4), rs.getString(5));
      }
    }
  }

  private void addTarget(long urlId, String url, Object status, String error, String referrer) {
    targets.put(url, new JsonObject().put("url", url)
        .put("status", status == null ? null : ((Number) status).intValue())
        .put("error", error).put("referrers", new JsonArray()).put("urlId", urlId));
    referrerIds.put(urlId, new ArrayList<>());
    recordedReferrer.put(urlId, referrer);
  }

  private void collectReferrer(long fromId, long toId) {
    List<Long> referrers = referrerIds.get(toId);
    if (referrers != null) {
      referrers.add(fromId);
    }
  }

  private void collectLinkAndReferrer(long fromId, long toId) {
    collectReferrer(fromId, toId);
    Integer from = rowOfUrlId.get(fromId);
    Integer to = from == null ? null : rowOfUrlId.get(toId);
    if (to == null) {
      return;
    }
    linksTotal++;
    if (linkInts < 2 * maxLinks) {
      if (linkInts == linkRows.length) {
        linkRows = Arrays.copyOf(linkRows, Math.min(2 * linkRows.length, 2 * maxLinks));
      }
      linkRows[linkInts++] = from;
      linkRows[linkInts++] = to;
    }
  }

  /** The kept links as row-index pairs [from, to, from, to, …]: a JSON array over the ints, not a copy. */
  JsonArray links() {
    int[] rows = linkRows;
    int size = linkInts;
    return new JsonArray(new IntListView(rows, size));
  }

  /** A read-only List view of the first {@code size} ints of an array (boxed one at a time as JSON reads it). */
  private static final class IntListView extends AbstractList<Integer> implements RandomAccess {
    private final int[] values;
    private final int size;

    IntListView(int[] values, int size) {
      this.values = values;
      this.size = size;
    }

    @Override
    public Integer get(int index) {
      Objects.checkIndex(index, size);
      return values[index];
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** Referrers by URL, sorted: from the page table where it holds them, else one lookup per referring page. */
  private void resolveReferrers(Connection c) throws SQLException {
    Map<Long, String> urlOfId = new HashMap<>();
    try (PreparedStatement st = c.prepareStatement("SELECT url FROM urls WHERE id = ?")) {
      for (JsonObject target : targets.values()) {
        long id = (Long) target.remove("urlId");
        SortedSet<String> referrers = new TreeSet<>();
        for (long from : referrerIds.get(id)) {
          String url = urlOfId.get(from);
          if (url == null) {
            Integer row = rowOfUrlId.get(from);
            url = row != null ? pages.getJsonArray(row).getString(0) : urlOf(st, from);
            if (url != null) {
              urlOfId.put(from, url);
            }
          }
          if (url != null) {
            referrers.add(url);
          }
        }
        if (referrers.isEmpty() && recordedReferrer.get(id) != null) {
          referrers.add(recordedReferrer.get(id)); // a redirect target or a link the store did not keep
        }
        target.getJsonArray("referrers").getList().addAll(referrers);
        broken.add(target);
      }
    }
  }

  private static String urlOf(PreparedStatement st, long id) throws SQLException {
    st.setLong(1, id);
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
