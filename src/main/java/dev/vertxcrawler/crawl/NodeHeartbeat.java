package dev.vertxcrawler.crawl;

import dev.vertxcrawler.store.PageRecord.Outcome;
import io.vertx.core.json.JsonObject;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What this node tells the other nodes of a shared crawl (and the cluster dashboard) with each heartbeat: its
 * pages by outcome, status and error mix, and its pages per second since its previous heartbeat — a rate over the
 * last few seconds, not since the start, so that a node that slowed down shows it. Event-loop only.
 */
final class NodeHeartbeat implements Supplier<JsonObject> {
  private final CrawlStats stats;
  private final RunState run;
  private final IntSupplier busyWorkers;
  private final LongSupplier clock;
  private long lastAt;
  private long lastDone;

  NodeHeartbeat(CrawlStats stats, RunState run, IntSupplier busyWorkers, LongSupplier clock) {
    this.stats = stats;
    this.run = run;
    this.busyWorkers = busyWorkers;
    this.clock = clock;
    this.lastAt = clock.getAsLong();
    this.lastDone = done();
  }

  @Override
  public JsonObject get() {
    long now = clock.getAsLong();
    long done = done();
    double seconds = (now - lastAt) / 1000.0;
    double rate = seconds <= 0 ? 0 : (done - lastDone) / seconds;
    lastAt = now;
    lastDone = done;
    return new JsonObject().put("pages", stats.pages()).put("pagesPerSecond", Math.round(rate * 10) / 10.0)
        .put("statusCounts", stats.statusCounts()).put("errorCounts", stats.errorCounts())
        .put("inFlight", busyWorkers.getAsInt())
        .put("state", run.running() ? "running" : run.finishReason().key());
  }

  /** Requests answered (fetched or failed): what the rate counts; skips cost no request. */
  private long done() {
    return stats.count(Outcome.FETCHED) + stats.count(Outcome.FAILED);
  }
}
