package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.FilterReason;
import dev.vertxcrawler.frontier.UrlCanonicalizer;
import dev.vertxcrawler.store.PageField;
import dev.vertxcrawler.store.PageRecord;
import dev.vertxcrawler.store.PageRecord.Outcome;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Running totals of one crawl, turned into summary.json at the end. Event-loop only. */
final class CrawlStats {
  private final Instant startTime;
  private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
  private final Map<String, Long> statusCounts = new TreeMap<>();
  /** Failed pages by error kind; a skip is no error (robots.txt said no), so skips are counted apart. */
  private final Map<String, Long> errorCounts = new TreeMap<>();
  private final Map<String, Long> skipCounts = new TreeMap<>();
  private final Map<String, HostTotals> hosts = new TreeMap<>(); // per origin: see HostTotals for its size
  private long bytes;
  private int maxDepth;
  private long retries;
  private long backoffs;
  private long deferrals;
  private long sitemapsRead;
  private long sitemapsFailed;
  private long sitemapsSkipped;
  private long sitemapUrls;
  private long changed;
  private long unchanged;

  CrawlStats(Instant startTime) {
    this.startTime = startTime;
  }

  void record(PageRecord record, String origin) {
    record(record.outcome(), record.status(), record.error(), record.bytes(), record.depth(), record.elapsedMs(),
        origin);
    change(record.changed());
  }

  /** A page record read back from the store (resume). */
  void record(JsonObject r) {
    Outcome outcome = Outcome.of(r.getString(PageField.OUTCOME.json()));
    if (outcome == null) {
      return; // not a record this crawler wrote: nothing to count it as
    }
    record(outcome, r.getInteger(PageField.STATUS.json()), r.getString(PageField.ERROR.json()),
        r.getLong(PageField.BYTES.json(), 0L), r.getInteger(PageField.DEPTH.json(), 0),
        r.getLong(PageField.ELAPSED_MS.json(), 0L), UrlCanonicalizer.origin(r.getString(PageField.URL.json())));
    change(r.getValue(PageField.CHANGED.json()) instanceof Boolean b ? b : null);
  }

  /** A crawl made since an earlier one counts its pages by whether they changed (null: nothing to compare). */
  private void change(Boolean pageChanged) {
    if (Boolean.TRUE.equals(pageChanged)) {
      changed++;
    } else if (Boolean.FALSE.equals(pageChanged)) {
      unchanged++;
    }
  }

  private void record(Outcome outcome, Integer status, String error, long size, int depth, long elapsedMs,
      String origin) {
    outcomes.merge(outcome, 1L, Long::sum);
    if (status != null) {
      statusCounts.merge(String.valueOf(status), 1L, Long::sum);
    }
    if (error != null && outcome == Outcome.FAILED) {
      errorCounts.merge(error, 1L, Long::sum);
    } else if (error != null && outcome == Outcome.SKIPPED) {
      skipCounts.merge(error, 1L, Long::sum);
    }
    bytes += size;
    maxDepth = Math.max(maxDepth, depth);
    HostTotals host = hosts.computeIfAbsent(origin, o -> new HostTotals());
    switch (outcome) {
      case FETCHED -> host.fetched++;
      case FAILED -> host.failed++;
      case SKIPPED -> host.skipped++;
    }
    if (outcome != Outcome.SKIPPED) {
      host.elapsedMsTotal += elapsedMs;
      host.requests++;
    }
  }

  /** The counters that are not derived from page records, for the store (resume keeps them). */
  JsonObject counters() {
    return new JsonObject().put("retries", retries).put("backoffs", backoffs).put("deferrals", deferrals)
        .put("sitemapsRead", sitemapsRead).put("sitemapsFailed", sitemapsFailed)
        .put("sitemapsSkipped", sitemapsSkipped).put("sitemapUrls", sitemapUrls);
  }

  void restoreCounters(JsonObject c) {
    retries = c.getLong("retries", 0L);
    backoffs = c.getLong("backoffs", 0L);
    deferrals = c.getLong("deferrals", 0L);
    sitemapsRead = c.getLong("sitemapsRead", 0L);
    sitemapsFailed = c.getLong("sitemapsFailed", 0L);
    sitemapsSkipped = c.getLong("sitemapsSkipped", 0L);
    sitemapUrls = c.getLong("sitemapUrls", 0L);
  }

  void retried() {
    retries++;
  }

  void backedOff() {
    backoffs++;
  }

  void deferred() {
    deferrals++;
  }

  void sitemapRead(boolean ok) {
    if (ok) {
      sitemapsRead++;
    } else {
      sitemapsFailed++;
    }
  }

  void sitemapSkipped() {
    sitemapsSkipped++;
  }

  /** A page URL taken from one of {@code origin}'s sitemaps (sitemaps.maxUrlsPerHost counts these). */
  void sitemapUrl(String origin) {
    sitemapUrls++;
    hosts.computeIfAbsent(origin, o -> new HostTotals()).sitemapUrls++;
  }

  int sitemapUrls(String origin) {
    HostTotals host = hosts.get(origin);
    return host == null ? 0 : host.sitemapUrls;
  }

  /** One origin's totals so far, for a row of the live status (never all origins at once: there may be 50 000). */
  JsonObject hostTotals(String origin) {
    HostTotals h = hosts.get(origin);
    return new JsonObject().put("fetched", h == null ? 0L : h.fetched).put("failed", h == null ? 0L : h.failed);
  }

  /** Pages by HTTP status, and failed pages by error kind: the status and error mix a dashboard shows. */
  JsonObject statusCounts() {
    return new JsonObject(new TreeMap<>(statusCounts));
  }

  JsonObject errorCounts() {
    return new JsonObject(new TreeMap<>(errorCounts));
  }

  long count(Outcome outcome) {
    return outcomes.getOrDefault(outcome, 0L);
  }

  long decided() {
    return outcomes.values().stream().mapToLong(Long::longValue).sum();
  }

  JsonObject toSummary(String finishReason, Instant finishTime, Map<FilterReason, Long> filtered,
      Map<String, Long> delays, JsonObject extra) {
    JsonObject filteredJson = new JsonObject();
    new TreeMap<>(filtered).forEach((reason, n) -> filteredJson.put(reason.key(), n));
    JsonObject hostsJson = new JsonObject();
    hosts.forEach((origin, h) -> {
      if (h.fetched + h.failed + h.skipped > 0) { // an origin known only by its sitemaps' URLs has no row
        hostsJson.put(origin, new JsonObject()
            .put("fetched", (long) h.fetched)
            .put("failed", (long) h.failed)
            .put("skipped", (long) h.skipped)
            .put("meanElapsedMs", h.requests == 0 ? 0 : Math.round((double) h.elapsedMsTotal / h.requests))
            .put("delayMs", delays.get(origin)));
      }
    });
    JsonObject summary = new JsonObject()
        .put("finishReason", finishReason)
        .put("startTime", startTime.toString())
        .put("finishTime", finishTime.toString())
        .put("elapsedSeconds", Duration.between(startTime, finishTime).toMillis() / 1000.0)
        .put("pages", pages())
        .put("statusCounts", statusCounts())
        .put("errorCounts", errorCounts())
        .put("skipCounts", new JsonObject(new TreeMap<>(skipCounts)))
        .put("filteredCounts", filteredJson)
        .put("bytes", bytes)
        .put("maxDepth", maxDepth)
        .put("hosts", hostsJson)
        .put("retries", retries)
        .put("backoffs", backoffs)
        .put("deferrals", deferrals)
        .put("sitemaps", new JsonObject()
            .put("read", sitemapsRead)
            .put("failed", sitemapsFailed)
            .put("skipped", sitemapsSkipped)
            .put("urls", sitemapUrls))
        .put("changes", new JsonObject().put("changed", changed).put("unchanged", unchanged));
    return summary.mergeIn(extra);
  }

  /** Pages by outcome, every outcome named (0 when none). */
  JsonObject pages() {
    JsonObject pages = new JsonObject();
    for (Outcome outcome : Outcome.values()) {
      pages.put(outcome.json(), count(outcome));
    }
    return pages;
  }

  /**
   * Kept for every origin with a record (summary.json's per-host section): about 150 bytes each with its TreeMap
   * entry and origin string, so 50 000 hosts cost some 7.5 MB — ints, as no origin gets 2^31 pages.
   */
  private static final class HostTotals {
    int fetched;
    int failed;
    int skipped;
    int requests;
    int sitemapUrls;
    long elapsedMsTotal;
  }
}
