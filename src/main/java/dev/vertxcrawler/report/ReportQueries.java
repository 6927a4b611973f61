package dev.vertxcrawler.report;

import dev.vertxcrawler.store.PageField;
import dev.vertxcrawler.store.PageRecord.Outcome;
import dev.vertxcrawler.store.SqliteFrontierStore;
import dev.vertxcrawler.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Everything a report shows, read from {@code DIR/crawl.db} through read-only connections (so it works
 * while a crawl runs) and returned as one JSON object — the terminal report, {@code --format json},
 * report.html and the serve command all render this. The summary queries run on the calling thread while
 * {@link ReportLinks} walks the pages and the link graph on a thread and connection of its own. Blocking
 * JDBC: call it from the CLI's main thread or a worker thread, never an event loop.
 */
public final class ReportQueries {
  /** Rows kept in report.html's page table; beyond it the table says how many were left out. */
  public static final int MAX_PAGE_ROWS = 200_000;
  private static final int TOP = 20;

  private ReportQueries() {
  }

  public static JsonObject load(Path dir, boolean withPages) {
    return load(dir, withPages, null);
  }

  /** @param compareWith an earlier crawl's directory to compare with, or null for the one it was made since */
  public static JsonObject load(Path dir, boolean withPages, Path compareWith) {
    Path db = dir.resolve(SqliteFrontierStore.DB_FILE);
    if (!Files.exists(db)) {
      throw new StoreException(dir + ": no " + SqliteFrontierStore.DB_FILE + " — is it a crawl directory?");
    }
    String url = "jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro";
    // The walk over every page and link runs on a thread and connection of its own, beside the summary queries.
    FutureTask<ReportLinks> links = new FutureTask<>(() -> {
      try (Connection c = DriverManager.getConnection(url)) {
        return ReportLinks.read(c, withPages);
      }
    });
    Thread walker = new Thread(links, "report-links");
    walker.setDaemon(true);
    walker.start();
    try (Connection c = DriverManager.getConnection(url)) {
      JsonObject report = build(c, dir, compareWith);
      ReportLinks walked = links.get();
      report.put("broken", walked.broken);
      if (withPages) {
        List<String> columns = ReportLinks.PAGE_COLUMNS.stream().map(PageField::json).toList();
        report.put("pageColumns", new JsonArray(columns)).put("pages", walked.pages)
            .put("pagesTotal", walked.pagesTotal).put("links", walked.links()).put("linksTotal", walked.linksTotal);
      }
      return report;
    } catch (SQLException e) {
      throw new StoreException(db + ": cannot be read (" + e.getMessage() + ")", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause.getMessage() != null ? cause.getMessage() : cause.toString(); // e.g. a bare NullPointerException
      throw new StoreException(db + ": cannot be read (" + why + ")", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(db + ": reading the report was interrupted", e);
    }
  }

  private static JsonObject build(Connection c, Path dir, Path compareWith) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(SqliteFrontierStore.PAGES_SNAPSHOT);
    }
    JsonObject meta = meta(c);
    JsonObject summary = meta.containsKey("summary") ? new JsonObject(meta.getString("summary")) : new JsonObject();
    JsonObject counters = meta.containsKey("counters") ? new JsonObject(meta.getString("counters")) : new JsonObject();
    JsonObject report = new JsonObject()
        .put("dir", dir.toString())
        .put("finishReason", meta.getString("finishReason", "running"))
        .put("started", meta.getString("started"))
        .put("totals", totals(c, summary))
        .put("statuses", counts(c, "SELECT status, count(*) FROM pages WHERE status IS NOT NULL GROUP BY status "
            + "ORDER BY status"))
        .put("errors", counts(c, "SELECT error, count(*) FROM pages WHERE outcome = 'failed' GROUP BY error "
            + "ORDER BY 2 DESC"))
        .put("skipped", counts(c, "SELECT error, count(*) FROM pages WHERE outcome = 'skipped' GROUP BY error "
            + "ORDER BY 2 DESC"))
        .put("filtered", summary.getJsonObject("filteredCounts", counters.getJsonObject("filtered", new JsonObject())))
        .put("robots", summary.getJsonObject("robots", new JsonObject()))
        .put("hosts", hosts(c, summary.getJsonObject("hosts", new JsonObject())))
        .put("slowest", top(c, "SELECT url, elapsed_ms, status FROM pages WHERE outcome != 'skipped' "
            + "ORDER BY elapsed_ms DESC LIMIT " + TOP, "elapsedMs"))
        .put("largest", top(c, "SELECT url, bytes, status FROM pages ORDER BY bytes DESC LIMIT " + TOP, "bytes"))
        .put("duplicates", duplicates(c))
        .put("redirects", redirects(c))
        .put("depths", counts(c, "SELECT depth, count(*) FROM pages GROUP BY depth ORDER BY depth"))
        .put("timeline", timeline(c));
    String since = compareWith != null ? compareWith.toString()
        : meta.containsKey("config") ? new JsonObject(meta.getString("config")).getString("since", "") : "";
    JsonObject changes = ReportChanges.read(c, since);
    if (changes != null) {
      report.put("changes", changes);
    }
    return report;
  }

  private static JsonObject meta(Connection c) throws SQLException {
    JsonObject meta = new JsonObject();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM crawl")) {
      while (rs.next()) {
        meta.put(rs.getString(1), rs.getString(2));
      }
    }
    return meta;
  }

  private static JsonObject totals(Connection c, JsonObject summary) throws SQLException {
    JsonObject totals = new JsonObject();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), "
        + "sum(outcome = 'fetched'), sum(outcome = 'failed'), sum(outcome = 'skipped'), coalesce(sum(bytes), 0), "
        + "min(fetched_at), max(fetched_at) FROM pages")) {
      rs.next();
      totals.put("pages", rs.getLong(1)).put("fetched", rs.getLong(2)).put("failed", rs.getLong(3))
          .put("skipped", rs.getLong(4)).put("bytes", rs.getLong(5)).put("first", rs.getString(6))
          .put("last", rs.getString(7));
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT sum(state = 0), sum(state = 1) FROM urls")) {
      rs.next();
      totals.put("queued", rs.getLong(1)).put("inFlight", rs.getLong(2));
    }
    double seconds = summary.getDouble("elapsedSeconds", 0.0);
    if (seconds == 0.0 && totals.getString("first") != null) {
      seconds = java.time.Duration.between(java.time.Instant.parse(totals.getString("first")),
          java.time.Instant.parse(totals.getString("last"))).toMillis() / 1000.0;
    }
    totals.put("elapsedSeconds", seconds);
    long decided = totals.getLong("fetched") + totals.getLong("failed");
    totals.put("pagesPerSecond", seconds > 0 ? Math.round(decided / seconds * 10) / 10.0 : 0.0);
    return totals;
  }

  private static JsonArray counts(Connection c, String sql) throws SQLException {
    JsonArray rows = new JsonArray();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(new JsonObject().put("key", String.valueOf(rs.getObject(1))).put("count", rs.getLong(2)));
      }
    }
    return rows;
  }

  private static JsonArray hosts(Connection c, JsonObject summaryHosts) throws SQLException {
    Map<String, HostTally> tallies = new HashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT u.origin, p.outcome, p.elapsed_ms FROM pages p JOIN urls u ON u.id = p.url_id")) {
      while (rs.next()) {
        tallies.computeIfAbsent(rs.getString(1), k -> new HostTally())
            .add(Outcome.of(rs.getString(2)), rs.getLong(3));
      }
    }
    Map<String, Long> delays = new HashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT origin, delay_ms FROM hosts")) {
      while (rs.next()) {
        delays.put(rs.getString(1), rs.getLong(2));
      }
    }
    JsonArray rows = new JsonArray();
    for (Map.Entry<String, HostTally> e : new TreeMap<>(tallies).entrySet()) {
      HostTally t = e.getValue();
      JsonObject fromSummary = summaryHosts.getJsonObject(e.getKey(), new JsonObject());
      rows.add(new JsonObject().put("origin", e.getKey()).put("fetched", t.fetched).put("failed", t.failed)
          .put("skipped", t.skipped).put("meanMs", t.meanMs()).put("p95Ms", t.p95Ms())
          .put("delayMs", fromSummary.getLong("delayMs", delays.get(e.getKey()))));
    }
    return rows;
  }

  /** One host's outcomes and response times, unboxed: a million pages over 50 000 hosts is 4 MB, not 40. */
  private static final class HostTally {
    long fetched;
    long failed;
    long skipped;
    private int[] ms = new int[4];
    private int n;

    void add(Outcome outcome, long elapsedMs) {
      switch (outcome) {
        case FETCHED -> fetched++;
        case FAILED -> failed++;
        default -> skipped++;
      }
      if (outcome != Outcome.SKIPPED) {
        if (n == ms.length) {
          ms = Arrays.copyOf(ms, n * 2);
        }
        ms[n++] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, elapsedMs));
      }
    }

    long meanMs() {
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += ms[i];
      }
      return n == 0 ? 0 : Math.round((double) sum / n);
    }

    long p95Ms() {
      if (n == 0) {
        return 0;
      }
      int[] sorted = Arrays.copyOf(ms, n);
      Arrays.sort(sorted);
      return sorted[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)];
    }
  }

  private static JsonArray top(Connection c, String sql, String valueName) throws SQLException {
    JsonArray rows = new JsonArray();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(new JsonObject().put("url", rs.getString(1)).put(valueName, rs.getLong(2))
            .put("status", rs.getObject(3)));
      }
    }
    return rows;
  }

  private static JsonArray duplicates(Connection c) throws SQLException {
    Map<String, JsonArray> groups = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT sha256, url FROM pages WHERE sha256 IN (SELECT sha256 FROM pages WHERE sha256 IS NOT NULL "
            + "AND outcome = 'fetched' AND status BETWEEN 200 AND 299 GROUP BY sha256 HAVING count(*) > 1 "
            + "ORDER BY count(*) DESC LIMIT 50) ORDER BY sha256, url")) {
      while (rs.next()) {
        groups.computeIfAbsent(rs.getString(1), k -> new JsonArray()).add(rs.getString(2));
      }
    }
    JsonArray rows = new JsonArray();
    groups.forEach((sha, urls) -> rows.add(new JsonObject().put("sha256", sha).put("urls", urls)));
    return rows;
  }

  /** Each redirect with where it leads, followed through further redirects (a chain). */
  private static JsonArray redirects(Connection c) throws SQLException {
    Map<String, String> next = new LinkedHashMap<>();
    Map<String, Integer> status = new HashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT url, status, location FROM pages WHERE status BETWEEN 300 AND 399 LIMIT 10000")) {
      while (rs.next()) {
        String location = rs.getString(3);
        next.put(rs.getString(1), location == null ? "" : java.net.URI.create(rs.getString(1)).resolve(location)
            .toString());
        status.put(rs.getString(1), rs.getInt(2));
      }
    } catch (IllegalArgumentException e) {
      // an unparseable Location: shown as recorded below
    }
    JsonArray rows = new JsonArray();
    for (String from : next.keySet()) {
      JsonArray chain = new JsonArray().add(from);
      String at = next.get(from);
      while (at != null && !at.isEmpty() && chain.size() < 10 && !chain.contains(at)) {
        chain.add(at);
        at = next.get(at);
      }
      rows.add(new JsonObject().put("from", from).put("status", status.get(from)).put("chain", chain));
    }
    return rows;
  }

  /** Pages decided per second of the crawl (for the chart). */
  private static JsonArray timeline(Connection c) throws SQLException {
    return counts(c, "SELECT substr(fetched_at, 1, 19), count(*) FROM pages GROUP BY 1 ORDER BY 1");
  }
}
