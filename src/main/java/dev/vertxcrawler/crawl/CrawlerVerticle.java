package dev.vertxcrawler.crawl;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.fetch.Fetcher;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FilterReason;
import dev.vertxcrawler.frontier.HostQueues;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.frontier.WorkQueue;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.CrawlOutput;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The crawl: a bounded work queue drained by {@code workers} consumers, all on this verticle's event loop.
 *
 * <p>Admitted URLs wait in per-host queues ({@link HostQueues}) until their host's clock allows a request;
 * then {@link #dispatch()} moves them into the bounded {@link WorkQueue} while it has space. A full queue
 * never blocks and never drops a URL: the URL simply stays in its host queue (the spill) until a worker
 * frees a slot. Each worker takes a URL, fetches it (event loop), parses it (worker pool), admits the
 * links and takes the next.
 *
 * <p>The crawl is complete when, like asyncio's {@code queue.join()}, nothing is queued anywhere and no worker
 * is busy. Then one poison pill per worker goes into the queue; each worker exits on its pill, and once all
 * have exited the output is flushed and {@link #finished()} completes. {@link #stop()} (undeploy, which
 * SIGINT/SIGTERM trigger) takes the same path with finishReason {@code shutdown}.
 */
public final class CrawlerVerticle extends VerticleBase {
  private static final CrawlTask POISON_PILL = new CrawlTask("poison-pill:", "", -1, null, 0);
  private static final int SEED_BATCH = 1000;
  private static final int MAX_SEED_WARNINGS = 20;

  private final CrawlConfig config;
  private final SeedSource seeds;
  private final CrawlOutput output;
  private final ConsoleLog log;
  private final Promise<JsonObject> finished = Promise.promise();
  private HtmlParser parser = HtmlParser.JSOUP;

  private Admission admission;
  private HostQueues hosts;
  private WorkQueue<CrawlTask> queue;
  private Fetcher fetcher;
  private PageProcessor processor;
  private CrawlStats stats;

  private int busyWorkers;
  private int exitedWorkers;
  private long dispatched;
  private boolean seedsLoading;
  private boolean seedsFailed;
  private long seedWarnings;
  private long dispatchTimer = -1;
  private long dispatchTimerAt;
  private String finishReason;

  public CrawlerVerticle(CrawlConfig config, SeedSource seeds, CrawlOutput output, ConsoleLog log) {
    this.config = config;
    this.seeds = seeds;
    this.output = output;
    this.log = log;
  }

  /** Replaces the parse step (tests use this to observe it); call before deploying. */
  public CrawlerVerticle withParser(HtmlParser parser) {
    this.parser = parser;
    return this;
  }

  /** Completes with summary.json's content once every worker has exited and the output is flushed. */
  public Future<JsonObject> finished() {
    return finished.future();
  }

  /** How many workers have taken their poison pill and exited. */
  public int exitedWorkers() {
    return exitedWorkers;
  }

  @Override
  public Future<?> start() {
    admission = new Admission(config.maxDepth());
    hosts = new HostQueues(config.politeness().minDelayMs(), config.politeness().maxConcurrencyPerHost());
    queue = new WorkQueue<>(config.queueCapacity());
    fetcher = new Fetcher(vertx, config.http(), config.userAgent(), config.politeness().maxConcurrencyPerHost());
    processor = new PageProcessor(vertx, fetcher, parser);
    stats = new CrawlStats(Instant.now());
    return output.open().onSuccess(v -> {
      for (int i = 0; i < config.workers(); i++) {
        takeNext();
      }
      refillSeeds();
    });
  }

  @Override
  public Future<?> stop() {
    if (finishReason == null) {
      hosts.clear();
      queue.drain();
      beginFinish("shutdown");
    }
    return finished.future();
  }

  // ---- workers -------------------------------------------------------------------------------------------

  private void takeNext() {
    queue.take(task -> {
      if (task == POISON_PILL) {
        workerExited();
        return;
      }
      // Counted busy the moment it is handed over, so completion can never be seen in between.
      busyWorkers++;
      context.runOnContext(v -> work(task));
    });
    dispatch(); // taking may have freed a slot in the queue
  }

  private void work(CrawlTask task) {
    if (finishReason != null) {
      hosts.release(task);
      busyWorkers--;
      takeNext();
      return;
    }
    if (!hosts.tryStart(task, now())) {
      dispatched--; // back in its host queue; it will be handed out again
      busyWorkers--;
      takeNext();
      return;
    }
    processor.process(task)
        .recover(err -> Future.succeededFuture(internalFailure(task, err)))
        .onSuccess(result -> {
          hosts.release(task);
          complete(task, result);
          busyWorkers--;
          refillSeeds();
          maybeFinish();
          takeNext();
        });
  }

  private void complete(CrawlTask task, PageResult result) {
    PageRecord record = result.record();
    stats.record(record, task.origin());
    output.writePage(record.toJson());
    log.page(record.status(), record.error(), record.elapsedMs(), record.url());
    if (finishReason != null) {
      return; // shutting down: record what finished, admit nothing new
    }
    admission.count(FilterReason.NOFOLLOW, result.nofollowLinks());
    admission.count(FilterReason.SCHEME, result.otherSchemeLinks());
    for (String link : result.links()) {
      admit(admission.admitLink(link, task.depth() + 1, task.url()));
    }
    if (result.redirectTarget() != null) {
      // A redirect hop is not a link: same depth, but through scope, dedup and politeness like any URL.
      admit(admission.admitLink(result.redirectTarget(), task.depth(), task.url()));
    }
  }

  private PageResult internalFailure(CrawlTask task, Throwable err) {
    log.info("internal error on " + task.url() + ": " + err);
    PageRecord record = new PageRecord(task.url(), PageRecord.FAILED, null, "internal", null, 0, null,
        task.depth(), task.referrer(), Instant.now(), 0, null, 0, null, task.retries());
    return PageResult.of(record);
  }

  // ---- admission and dispatch ---------------------------------------------------------------------------

  private void admit(CrawlTask task) {
    if (task != null) {
      hosts.add(task);
      dispatch();
    }
  }

  /** Moves URLs whose host is ready into the work queue while it has space. */
  private void dispatch() {
    if (finishReason != null) {
      return;
    }
    long now = now();
    while (queue.hasSpace() && !maxPagesReached()) {
      CrawlTask task = hosts.poll(now);
      if (task == null) {
        break;
      }
      dispatched++;
      queue.offer(task);
    }
    armDispatchTimer(now);
  }

  /** One timer, set for the moment the earliest waiting host becomes ready. */
  private void armDispatchTimer(long now) {
    long readyAt = hosts.nextReadyAt();
    if (readyAt < 0 || readyAt <= now || maxPagesReached()) {
      return;
    }
    if (dispatchTimer >= 0 && dispatchTimerAt <= readyAt) {
      return;
    }
    if (dispatchTimer >= 0) {
      vertx.cancelTimer(dispatchTimer);
    }
    dispatchTimerAt = readyAt;
    dispatchTimer = vertx.setTimer(Math.max(1, readyAt - now), id -> {
      dispatchTimer = -1;
      dispatch();
    });
  }

  private boolean maxPagesReached() {
    return config.maxPages() > 0 && dispatched >= config.maxPages();
  }

  private void refillSeeds() {
    if (seedsLoading || seeds.exhausted() || finishReason != null || maxPagesReached()
        || hosts.pending() >= config.queueCapacity()) {
      return;
    }
    seedsLoading = true;
    seeds.next(SEED_BATCH).onComplete(ar -> {
      seedsLoading = false;
      if (ar.failed()) {
        log.info("error: " + ar.cause().getMessage() + " — no further seeds are read");
        seedsFailed = true;
      } else {
        for (SeedSource.Seed seed : ar.result()) {
          CrawlTask task = admission.admitSeed(seed.url());
          if (task == null && !admission.isCrawlable(seed.url())) {
            warnSeed(seed);
          }
          admit(task);
        }
        refillSeeds();
      }
      maybeFinish();
    });
  }

  private void warnSeed(SeedSource.Seed seed) {
    if (++seedWarnings <= MAX_SEED_WARNINGS) {
      log.info("warning: " + seed.source() + ": not an absolute http(s) URL, skipped: " + seed.url());
    } else if (seedWarnings == MAX_SEED_WARNINGS + 1) {
      log.info("warning: more invalid seeds; the rest are counted in summary.json filteredCounts");
    }
  }

  // ---- completion ---------------------------------------------------------------------------------------

  private void maybeFinish() {
    if (finishReason != null || seedsLoading || busyWorkers > 0 || !queue.isEmpty()) {
      return;
    }
    if (maxPagesReached()) {
      hosts.clear();
      beginFinish("maxPages");
    } else if (hosts.pending() == 0 && (seeds.exhausted() || seedsFailed)) {
      beginFinish("finished");
    }
  }

  private void beginFinish(String reason) {
    finishReason = reason;
    if (dispatchTimer >= 0) {
      vertx.cancelTimer(dispatchTimer);
      dispatchTimer = -1;
    }
    for (int i = 0; i < config.workers(); i++) {
      queue.put(POISON_PILL);
    }
  }

  private void workerExited() {
    if (++exitedWorkers < config.workers()) {
      return;
    }
    JsonObject extra = new JsonObject()
        .put("queueCapacity", queue.capacity())
        .put("queueHighWaterMark", queue.highWaterMark())
        .put("workers", config.workers());
    JsonObject summary = stats.toSummary(finishReason, Instant.now(), admission.filteredCounts(), extra);
    // Closing the client and the seed reader is best effort; the output must be written or the crawl fails.
    fetcher.close().otherwiseEmpty()
        .compose(v -> seeds.close().otherwiseEmpty())
        .compose(v -> output.close(summary))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            finished.tryComplete(summary);
          } else {
            finished.tryFail(ar.cause());
          }
        });
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
