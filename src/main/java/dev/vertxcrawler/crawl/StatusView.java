package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.frontier.WorkQueue;
import dev.vertxcrawler.store.PageRecord;
import dev.vertxcrawler.store.PageRecord.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The live status (/status, the dashboard, progress lines): read from the crawl's parts, always on the crawl's
 * event loop, whichever thread asks.
 */
final class StatusView {
  private static final int RECENT = 20;
  private static final int HOST_ROWS = 200;

  private final CrawlStats stats;
  private final Frontier frontier;
  private final WorkQueue<CrawlTask> queue;
  private final RobotsGate robots;
  private final RunState run;
  private final IntSupplier busyWorkers;
  private final Timers timers;
  private final long startedAt;
  private final Consumer<Runnable> onLoop;
  private final ArrayDeque<PageRecord> recent = new ArrayDeque<>();

  StatusView(CrawlStats stats, Frontier frontier, WorkQueue<CrawlTask> queue, RobotsGate robots, RunState run,
      IntSupplier busyWorkers, Timers timers, Consumer<Runnable> onLoop) {
    this.onLoop = onLoop;
    this.stats = stats;
    this.frontier = frontier;
    this.queue = queue;
    this.robots = robots;
    this.run = run;
    this.busyWorkers = busyWorkers;
    this.timers = timers;
    this.startedAt = timers.now();
  }

  /** A page was recorded: it heads the list of recent pages. */
  void recent(PageRecord record) {
    recent.addFirst(record);
    if (recent.size() > RECENT) {
      recent.removeLast();
    }
  }

  /** What summary.json says of the run's parts: robots.txt, the work queue, the workers, the hosts. */
  JsonObject atTheEnd(int workers) {
    Frontier.HostCounts hosts = frontier.hostCounts();
    return new JsonObject().put("robots", robots.summary()).put("queueCapacity", queue.capacity())
        .put("queueHighWaterMark", queue.highWaterMark()).put("workers", workers)
        .put("hostCounts", hostCounts(hosts)).put("memoryPerHostBytes", HeapUse.perHost(hosts.known()));
  }

  /** Completes once the crawl's event loop answers (a liveness probe). */
  Future<Void> ping() {
    return onLoop(() -> null);
  }

  Future<JsonObject> snapshot() {
    return onLoop(this::now);
  }

  Future<String> progressLine() {
    return snapshot().map(StatusView::progressLine);
  }

  private <T> Future<T> onLoop(Supplier<T> read) {
    Promise<T> answered = Promise.promise();
    onLoop.accept(() -> answered.complete(read.get()));
    return answered.future();
  }

  JsonObject now() {
    long now = timers.now();
    double seconds = Math.max(0.001, (now - startedAt) / 1000.0);
    long fetched = stats.count(Outcome.FETCHED);
    long failed = stats.count(Outcome.FAILED);
    JsonArray hostRows = new JsonArray();
    for (Frontier.HostView host : frontier.hosts(HOST_ROWS)) {
      JsonObject t = stats.hostTotals(host.origin());
      hostRows.add(new JsonObject().put("origin", host.origin()).put("fetched", t.getLong("fetched"))
          .put("failed", t.getLong("failed")).put("queued", host.queued()).put("delayMs", host.delayMs())
          .put("robots", robots.peek(host.origin(), now).name().toLowerCase(Locale.ROOT)));
    }
    Frontier.HostCounts counts = frontier.hostCounts();
    JsonArray recentJson = new JsonArray();
    recent.forEach(r -> recentJson.add(new JsonObject().put("url", r.url()).put("status", r.status())
        .put("error", r.error()).put("elapsedMs", r.elapsedMs()).put("title", r.title())));
    JsonObject shared = frontier.sharedStatus(); // a crawl shared with other nodes: theirs and ours
    JsonObject view = new JsonObject()
        .put("finishReason", run.running() ? null : run.finishReason().key())
        .put("elapsedSeconds", Math.round(seconds * 10) / 10.0)
        .put("pages", stats.pages())
        .put("pagesPerSecond", Math.round((fetched + failed) / seconds * 10) / 10.0)
        .put("queueDepth", queue.size())
        .put("queueCapacity", queue.capacity())
        .put("inFlight", busyWorkers.getAsInt())
        .put("frontierQueued", frontier.queued())
        .put("hostsWaiting", frontier.hostCount())
        .put("hostCounts", hostCounts(counts))
        .put("memoryPerHostBytes", HeapUse.perHost(counts.known()))
        .put("robotsCached", robots.cached())
        .put("errors", failed)
        .put("hosts", hostRows)
        .put("recent", recentJson);
    return shared == null ? view : view.put("shared", shared);
  }

  /** Origins active, waiting and done, as /status and summary.json show them. */
  static JsonObject hostCounts(Frontier.HostCounts counts) {
    return new JsonObject().put("active", counts.active()).put("waiting", counts.waiting()).put("done", counts.done());
  }

  /** One progress line: fetched, queued, pages/s, hosts active/waiting/done, memory per host, elapsed. */
  static String progressLine(JsonObject s) {
    ToLongFunction<String> pages = key -> s.getJsonObject("pages").getLong(key);
    JsonObject hosts = s.getJsonObject("hostCounts");
    return String.format(Locale.ROOT,
        "%d fetched, %d failed, %d queued, %.1f pages/s, hosts %d active %d waiting %d done, %.1f KiB/host, %.0f s",
        pages.applyAsLong("fetched"), pages.applyAsLong("failed"), s.getLong("frontierQueued") + s.getLong("queueDepth"),
        s.getDouble("pagesPerSecond"), hosts.getLong("active"), hosts.getLong("waiting"), hosts.getLong("done"),
        s.getLong("memoryPerHostBytes") / 1024.0, s.getDouble("elapsedSeconds"));
  }
}
