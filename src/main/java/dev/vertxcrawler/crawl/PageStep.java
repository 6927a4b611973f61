package dev.vertxcrawler.crawl;

import dev.vertxcrawler.fetch.FetchResult;
import dev.vertxcrawler.fetch.RetryAfter;
import dev.vertxcrawler.fetch.RetryPolicy;
import dev.vertxcrawler.frontier.Completion.Slot;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.frontier.HostAnswer;
import dev.vertxcrawler.frontier.Politeness;
import dev.vertxcrawler.report.ConsoleLog;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * One page, from the worker's hands to its completion: fetch, parse and record ({@link PageProcessor}); the
 * answer's politeness facts go to the frontier; a retryable failure goes back to its host queue (not slept
 * on), anything else is completed. The returned future says when the worker is free.
 */
final class PageStep {
  private final PageProcessor processor;
  private final Frontier frontier;
  private final Dispatcher dispatcher;
  private final Completions completions;
  private final RunState run;
  private final CrawlStats stats;
  private final ConsoleLog log;
  private final Timers timers;
  private final int maxRetries;
  private final int maxPendingCommits;

  /**
   * @param maxPendingCommits how many commits may wait on the store before a worker waits for its own: it keeps
   *                          fetched-but-uncommitted pages (what a crash re-fetches) few, and a slow disk from
   *                          filling memory
   */
  PageStep(PageProcessor processor, TaskSteps.Loop loop, int maxRetries, int maxPendingCommits) {
    this.processor = processor;
    this.frontier = loop.frontier();
    this.dispatcher = loop.dispatcher();
    this.completions = loop.completions();
    this.run = loop.run();
    this.stats = loop.stats();
    this.log = loop.log();
    this.timers = loop.timers();
    this.maxRetries = maxRetries;
    this.maxPendingCommits = maxPendingCommits;
  }

  Future<Void> run(CrawlTask task) {
    return Future.<PageResult>future(p -> processor.process(task, dispatcher.onSent(task),
        !frontier.hasMore(task.origin())).onComplete(p))
        .recover(err -> Future.succeededFuture(completions.internalFailure(task, err)))
        .compose(result -> {
          if (run.graceExpired()) {
            return completions.abandon(task, Slot.REQUESTED); // cut off by shutdown: fetched again on resume
          }
          FetchResult fetch = result.fetch();
          if (fetch != null) {
            answered(task.origin(), fetch);
          }
          if (fetch != null && RetryPolicy.isRetryable(fetch) && task.retries() < maxRetries && run.running()) {
            stats.retried();
            return completions.requeue(task.retried(), Slot.REQUESTED);
          }
          Future<Void> committed = completions.page(task, result);
          // The worker moves on while the commit is queued on the store thread (pipelined), unless too many
          // commits already wait; with one request per host (the default) nothing is pipelined.
          return frontier.callsInFlight() <= maxPendingCommits ? Future.succeededFuture() : committed;
        });
  }

  /** The answer's politeness facts go to the frontier; what it decides is logged. */
  private void answered(String origin, FetchResult fetch) {
    boolean backoff = RetryPolicy.isBackoff(fetch);
    Long retryAfter = backoff ? RetryAfter.millis(fetch.retryAfter(), Instant.now()) : null;
    HostAnswer answer = new HostAnswer(fetch.elapsedMs(), !fetch.complete() || fetch.status() >= 400, backoff,
        retryAfter, fetch.status());
    Politeness.DelayDecision decision = frontier.answered(origin, answer, timers.now());
    if (decision.backedOff()) {
      stats.backedOff();
      log.info("politeness: " + origin + " answered " + fetch.status() + ", backing off to " + decision.delayMs()
          + " ms");
    } else if (decision.slowed()) {
      log.info("politeness: " + origin + " slowed to " + decision.delayMs() + " ms (responses take "
          + fetch.elapsedMs() + " ms)");
    }
    if (decision.deferred()) {
      stats.deferred();
      String capped = decision.retryAfterCapped() ? " (asked " + retryAfter / 1000 + " s, capped)" : "";
      log.info("politeness: " + origin + " deferred " + decision.blockForMs() + " ms by Retry-After" + capped);
    }
  }
}
