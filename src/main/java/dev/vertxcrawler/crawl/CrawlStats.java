package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.FilterReason;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Running totals of one crawl, turned into summary.json at the end. Event-loop only. */
final class CrawlStats {
  private final Instant startTime;
  private final Map<String, Long> outcomes = new TreeMap<>();
  private final Map<String, Long> statusCounts = new TreeMap<>();
  private final Map<String, Long> errorCounts = new TreeMap<>();
  private final Map<String, HostTotals> hosts = new TreeMap<>();
  private long bytes;
  private int maxDepth;
  private long retries;
  private long backoffs;
  private long deferrals;
  private long sitemapsRead;
  private long sitemapsFailed;
  private long sitemapsSkipped;
  private long sitemapUrls;

  CrawlStats(Instant startTime) {
    this.startTime = startTime;
  }

  void record(PageRecord record, String origin) {
    outcomes.merge(record.outcome(), 1L, Long::sum);
    if (record.status() != null) {
      statusCounts.merge(String.valueOf(record.status()), 1L, Long::sum);
    }
    if (record.error() != null) {
      errorCounts.merge(record.error(), 1L, Long::sum);
    }
    bytes += record.bytes();
    maxDepth = Math.max(maxDepth, record.depth());
    HostTotals host = hosts.computeIfAbsent(origin, o -> new HostTotals());
    if (PageRecord.FETCHED.equals(record.outcome())) {
      host.fetched++;
    } else if (PageRecord.FAILED.equals(record.outcome())) {
      host.failed++;
    } else {
      host.skipped++;
    }
    if (!PageRecord.SKIPPED.equals(record.outcome())) {
      host.elapsedMsTotal += record.elapsedMs();
      host.requests++;
    }
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

  void sitemapUrl() {
    sitemapUrls++;
  }

  long count(String outcome) {
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
    hosts.forEach((origin, h) -> hostsJson.put(origin, new JsonObject()
        .put("fetched", h.fetched)
        .put("failed", h.failed)
        .put("skipped", h.skipped)
        .put("meanElapsedMs", h.requests == 0 ? 0 : Math.round((double) h.elapsedMsTotal / h.requests))
        .put("delayMs", delays.get(origin))));
    JsonObject summary = new JsonObject()
        .put("finishReason", finishReason)
        .put("startTime", startTime.toString())
        .put("finishTime", finishTime.toString())
        .put("elapsedSeconds", Duration.between(startTime, finishTime).toMillis() / 1000.0)
        .put("pages", new JsonObject()
            .put(PageRecord.FETCHED, count(PageRecord.FETCHED))
            .put(PageRecord.FAILED, count(PageRecord.FAILED))
            .put(PageRecord.SKIPPED, count(PageRecord.SKIPPED)))
        .put("statusCounts", new JsonObject(new TreeMap<>(statusCounts)))
        .put("errorCounts", new JsonObject(new TreeMap<>(errorCounts)))
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
            .put("urls", sitemapUrls));
    return summary.mergeIn(extra);
  }

  private static final class HostTotals {
    long fetched;
    long failed;
    long skipped;
    long requests;
    long elapsedMsTotal;
  }
}
