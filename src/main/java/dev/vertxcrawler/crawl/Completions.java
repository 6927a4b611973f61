package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.Completion;
import dev.vertxcrawler.frontier.Completion.Slot;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FilterReason;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostLostException;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.PageRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The end of each task: its completion goes into the frontier, and once committed the record is counted
 * (stats, metrics, the status view), written to pages.jsonl and logged. A page is written only after its
 * commit, so pages.jsonl never holds a page a resume would fetch again. Event-loop only.
 */
final class Completions {
  static final String INTERNAL = "internal";
  private static final int COUNTERS_EVERY = 200;

  private final Frontier frontier;
  private final Admission admission;
  private final PageBudget budget;
  private final RunState run;
  private final CrawlStats stats;
  private final CrawlMetrics metrics;
  private final StatusView status;
  private final CrawlOutput output;
  private final ConsoleLog log;
  private final Timers timers;
  private final Consumer<Throwable> storeFailed;
  private long completed;

  Completions(Frontier frontier, Admission admission, PageBudget budget, RunState run, CrawlStats stats,
      CrawlMetrics metrics, StatusView status, CrawlOutput output, ConsoleLog log, Timers timers,
      Consumer<Throwable> storeFailed) {
    this.frontier = frontier;
    this.admission = admission;
    this.budget = budget;
    this.run = run;
    this.stats = stats;
    this.metrics = metrics;
    this.status = status;
    this.output = output;
    this.log = log;
    this.timers = timers;
    this.storeFailed = storeFailed;
  }

  /**
   * A page was fetched (or failed): committed with what it links to. A graceful stop still stores the links
   * (queued, for the resume: the page is done, so they would never be found again); after maxPages nothing
   * more is admitted.
   */
  Future<Void> page(CrawlTask task, PageResult result) {
    List<CrawlTask> discovered = new ArrayList<>();
    if (run.keepsLinks()) {
      result.dropped().forEach(admission::count);
      discovered.addAll(result.candidates());
      if (result.redirectTarget() != null) {
        // A redirect hop is not a link: same depth, but through scope, dedup and politeness like any URL.
        addIfPresent(discovered, admission.link(result.redirectTarget(), task.depth(), task.url()));
      }
    }
    PageRecord record = result.record();
    FrontierStore.Outcome outcome = switch (record.outcome()) {
      case FETCHED -> FrontierStore.Outcome.DONE;
      case SKIPPED -> FrontierStore.Outcome.SKIPPED;
      case FAILED -> FrontierStore.Outcome.FAILED;
    };
    return commit(task, Slot.REQUESTED, outcome, record, discovered);
  }

  /** A sitemap was read (or failed): the URLs it lists go in. */
  Future<Void> sitemap(CrawlTask task, boolean read, List<CrawlTask> discovered) {
    return commit(task, Slot.REQUESTED, read ? FrontierStore.Outcome.DONE : FrontierStore.Outcome.FAILED, null,
        discovered);
  }

  /** Decided without a request (robots.txt, a given-up host, …; {@code reason} says which). */
  Future<Void> skip(CrawlTask task, String reason, Slot slot) {
    if (slot != Slot.NONE) {
      budget.refund(task);
    }
    if (!task.isPage()) {
      stats.sitemapSkipped();
      return commit(task, slot, FrontierStore.Outcome.SKIPPED, null, List.of());
    }
    return commit(task, slot, FrontierStore.Outcome.SKIPPED, PageRecord.skipped(task, reason), List.of());
  }

  /** Back to the head of its host queue, to go when the host's clock allows (a retry, robots.txt first). */
  Future<Void> requeue(CrawlTask task, Slot slot) {
    budget.refund(task);
    return frontier.complete(Completion.requeued(task, slot), timers.now());
  }

  /** Not recorded: the run is stopping; the task stays in flight in the store and is fetched on resume. */
  Future<Void> abandon(CrawlTask task, Slot slot) {
    return frontier.complete(Completion.abandoned(task, slot), timers.now());
  }

  /** A page whose step threw: recorded as failed, so the crawl goes on and still finishes. */
  PageResult internalFailure(CrawlTask task, Throwable err) {
    log.info("internal error on " + task.url() + ": " + err);
    return PageResult.of(PageRecord.failed(task, INTERNAL), null);
  }

  /** Counters for crawl.db (a resume restores them): the stats and the admission's filter counts. */
  JsonObject counters() {
    JsonObject filtered = new JsonObject();
    admission.filteredCounts().forEach((reason, n) -> filtered.put(reason.key(), n));
    return stats.counters().put("filtered", filtered);
  }

  Map<FilterReason, Long> filteredCounts() {
    return admission.filteredCounts();
  }

  /** A resume restores what {@link #counters()} saved. */
  void restore(JsonObject counters) {
    stats.restoreCounters(counters);
    JsonObject filtered = counters.getJsonObject("filtered", new JsonObject());
    for (FilterReason reason : FilterReason.values()) {
      admission.count(reason, filtered.getLong(reason.key(), 0L));
    }
  }

  private Future<Void> commit(CrawlTask task, Slot slot, FrontierStore.Outcome outcome, PageRecord record,
      List<CrawlTask> discovered) {
    String json = record == null ? null : record.toJson().encode(); // once: crawl.db's row and pages.jsonl's line
    Future<Void> committed;
    try {
      committed = frontier.complete(Completion.committed(task, slot, outcome, json, discovered), timers.now());
    } catch (RuntimeException e) {
      // A bug below the seam, not a store that cannot write: this page fails, the crawl goes on.
      PageRecord failed = internalFailure(task, e).record();
      recorded(task, failed, failed.toJson().encode());
      return Future.succeededFuture();
    }
    return committed
        .onSuccess(v -> {
          if (record != null) {
            recorded(task, record, json);
          }
          if (++completed % COUNTERS_EVERY == 0) {
            frontier.saveCounters(counters());
          }
        })
        .onFailure(err -> {
          if (!(err instanceof HostLostException)) {
            storeFailed.accept(err); // a lost host is not a store failure: its new holder records the page
          }
        })
        .otherwiseEmpty();
  }

  private void recorded(CrawlTask task, PageRecord record, String json) {
    stats.record(record, task.origin());
    metrics.page(record);
    status.recent(record);
    output.writePage(json);
    log.page(record.status(), record.error(), record.elapsedMs(), record.url());
  }

  static void addIfPresent(List<CrawlTask> list, CrawlTask task) {
    if (task != null) {
      list.add(task);
    }
  }
}
