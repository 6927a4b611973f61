package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the seeds lazily, a batch at a time, and only while the frontier runs low: fewer URLs waiting than the
 * queue's capacity, or — for a broad crawl, where each host gives one request per delay — fewer origins with
 * work than 16 × the queue's capacity (while they hold fewer than 32 URLs each on average): twice the hosts the
 * frontier can have in play, so that one always waits to be brought in. So a seed file of
 * millions of lines is never in memory at once, and enough hosts are in play to keep the workers busy however
 * polite each host's clock is. Event-loop only.
 */
final class SeedFeeder {
  private static final int BATCH = 1000;
  private static final int MAX_WARNINGS = 20;

  private final SeedSource seeds;
  private final Admission admission;
  private final Frontier frontier;
  private final PageBudget budget;
  private final RunState run;
  private final long queueCapacity;
  private final ConsoleLog log;
  private final Consumer<Throwable> storeFailed;
  private final Runnable settled;
  private boolean loading;
  private boolean failed;
  private long warnings;

  /** @param settled called when a batch is in (or reading failed): the crawl may be complete */
  SeedFeeder(SeedSource seeds, Admission admission, Frontier frontier, PageBudget budget, RunState run,
      long queueCapacity, ConsoleLog log, Consumer<Throwable> storeFailed, Runnable settled) {
    this.seeds = seeds;
    this.admission = admission;
    this.frontier = frontier;
    this.budget = budget;
    this.run = run;
    this.queueCapacity = queueCapacity;
    this.log = log;
    this.storeFailed = storeFailed;
    this.settled = settled;
  }

  /** A batch is being read: the crawl is not complete whatever else is empty. */
  boolean loading() {
    return loading;
  }

  /** Every seed is in (or no more can be read). */
  boolean done() {
    return seeds.exhausted() || failed;
  }

  void refill() {
    if (loading || seeds.exhausted() || !run.running() || budget.reached() || !frontierLow()) {
      return;
    }
    loading = true;
    seeds.next(BATCH).onComplete(ar -> {
      loading = false;
      if (ar.failed()) {
        log.info("error: " + ar.cause().getMessage() + " — no further seeds are read");
        failed = true;
        settled.run();
        return;
      }
      List<CrawlTask> candidates = new ArrayList<>();
      for (SeedSource.Seed seed : ar.result()) {
        CrawlTask task = admission.seed(seed.url());
        if (task == null) {
          warn(seed);
        }
        Completions.addIfPresent(candidates, task);
      }
      frontier.admit(candidates).onComplete(admitted -> {
        if (admitted.failed()) {
          storeFailed.accept(admitted.cause());
        }
        refill();
        settled.run();
      });
    });
  }

  private boolean frontierLow() {
    long queued = frontier.queued();
    long origins = frontier.originsWaiting();
    // More hosts in play, not more of the same host's URLs: seeds of one site stop at the queue's capacity.
    return queued < queueCapacity || origins < 16 * queueCapacity && queued < 32 * origins;
  }

  private void warn(SeedSource.Seed seed) {
    if (++warnings <= MAX_WARNINGS) {
      log.info("warning: " + seed.source() + ": not an absolute http(s) URL, skipped: " + seed.url());
    } else if (warnings == MAX_WARNINGS + 1) {
      log.info("warning: more invalid seeds; the rest are counted in summary.json filteredCounts");
    }
  }
}
