package dev.vertxcrawler.crawl;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.PolitenessConfig;
import dev.vertxcrawler.fetch.AddressGuard;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostQueues;
import dev.vertxcrawler.frontier.LeaseBounds;
import dev.vertxcrawler.frontier.LocalFrontier;
import dev.vertxcrawler.frontier.Politeness;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.frontier.WorkQueue;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.report.StatusSource;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.PageRecord.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The crawl: a bounded work queue drained by {@code workers} consumers, all on this verticle's event loop.
 *
 * <p>The {@link Dispatcher} moves URLs whose host is ready from the frontier into the queue; each worker takes
 * one and runs its step — robots.txt first if the origin's is not known ({@link RobotsStep}), else the page
 * ({@link PageStep}) or sitemap ({@link SitemapStep}) — whose end goes back into the frontier through
 * {@link Completions}; then it takes the next. The crawl is complete when, like asyncio's {@code queue.join()},
 * nothing is queued anywhere and no worker is busy. Then one poison pill per worker goes into the queue; each
 * worker exits on its pill, and once all have exited the output is flushed and {@link #finished()} completes.
 * {@link #stop()} (undeploy, which SIGINT/SIGTERM trigger) takes the same path with finishReason shutdown.
 */
public final class CrawlerVerticle extends VerticleBase implements StatusSource {
  private static final CrawlTask POISON_PILL = new CrawlTask("poison-pill:", "", -1, null, 0, CrawlTask.Kind.PAGE);

  private final CrawlConfig config;
  private final SeedSource seeds;
  private final CrawlOutput output;
  private final FrontierStore store;
  private final ConsoleLog log;
  private final Promise<JsonObject> finished = Promise.promise();
  private final RunState run = new RunState();
  private HtmlParser parser = HtmlParser.JSOUP;
  private CrawlMetrics metrics = new CrawlMetrics(new CompositeMeterRegistry());

  // Built in start(), used on this verticle's event loop only.
  private Timers timers;
  private LocalFrontier frontier;
  private WorkQueue<CrawlTask> queue;
  private Dispatcher dispatcher;
  private CrawlResources resources;
  private RobotsGate robots;
  private CrawlStats stats;
  private PageBudget budget;
  private Completions completions;
  private StatusView status;
  private SeedFeeder seedFeeder;
  private TaskSteps steps;
  private int busyWorkers;
  private int exitedWorkers;
  private Throwable storeError;

  public CrawlerVerticle(CrawlConfig config, SeedSource seeds, CrawlOutput output, FrontierStore store,
      ConsoleLog log) {
    this.config = config;
    this.seeds = seeds;
    this.output = output;
    this.store = store;
    this.log = log;
  }

  /** Records the crawl's meters in {@code registry} (the status server's /metrics); call before deploying. */
  public CrawlerVerticle withMetrics(MeterRegistry registry) {
    this.metrics = new CrawlMetrics(registry);
    return this;
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
    PolitenessConfig politeness = config.politeness();
    timers = Timers.of(vertx);
    AddressGuard guard = new AddressGuard(vertx, config.network());
    Admission admission = new Admission(config.maxDepth(), config.scope()).onSeedOrigin(guard::exemptOrigin);
    HostQueues hosts = new HostQueues(politeness.minDelayMs(), politeness.maxConcurrencyPerHost(),
        politeness.jitter(), () -> ThreadLocalRandom.current().nextDouble());
    queue = new WorkQueue<>(config.queueCapacity());
    budget = new PageBudget(config.maxPages());
    frontier = new LocalFrontier(admission, hosts, store, new Politeness(politeness),
        LeaseBounds.of(politeness.maxConcurrencyPerHost(), config.queueCapacity()),
        () -> dispatcher.wake(), () -> context.runOnContext(v -> maybeFinish())).clock(timers::now);
    dispatcher = new Dispatcher(frontier, queue, budget, timers,
        Dispatcher.lookahead(config.workers(), config.queueCapacity()), action -> context.runOnContext(v -> action.run()));
    resources = new CrawlResources(vertx, config, guard, seeds, output.dir(), log);
    robots = new RobotsGate(politeness, config.network().resolver().unavailableMaxMs());
    stats = new CrawlStats(Instant.now());
    status = new StatusView(stats, frontier, queue, robots, run, () -> busyWorkers, timers,
        action -> context.runOnContext(v -> action.run()));
    completions = new Completions(frontier, admission, budget, run, stats, metrics, status, output, log, timers,
        this::storeFailed);
    seedFeeder = new SeedFeeder(seeds, admission, frontier, budget, run, config.queueCapacity(), log,
        this::storeFailed, this::maybeFinish);
    metrics.gauges(queue::size, () -> busyWorkers, frontier::queued, resources.fetcher::openConnections);
    return resources.openPrevious(vertx, config.since())
        .compose(earlier -> {
          steps = new TaskSteps(vertx, config, resources, parser, earlier, robots, new TaskSteps.Loop(frontier,
              admission, dispatcher, completions, run, stats, metrics, log, timers, this::storeFailed));
          return frontier.open();
        })
        .compose(this::resume)
        .compose(v -> output.open())
        .onSuccess(v -> {
          if (config.maxDurationSec() > 0) {
            vertx.setTimer(config.maxDurationSec() * 1000L, id -> {
              if (run.running()) {
                log.info("maxDurationSec (" + config.maxDurationSec() + " s) reached: finishing in-flight pages; "
                    + "the crawl stays resumable — run the same command again to go on");
                windDown(FinishReason.MAX_DURATION);
              }
            });
          }
          for (int i = 0; i < config.workers(); i++) {
            takeNext();
          }
          seedFeeder.refill();
          dispatcher.dispatch();
        });
  }

  /** A resumed crawl: totals and pages.jsonl rebuilt from the store; robots.txt states read back as needed. */
  private Future<Void> resume(FrontierStore.Opened opened) {
    store.hostLeases().ifPresent(leases -> {
      robots.sharedStore();
      leases.reportStatus(new NodeHeartbeat(stats, run, () -> busyWorkers, timers::now)); // what the others sum
    });
    if (!opened.resumed()) {
      return Future.succeededFuture();
    }
    opened.hosts().keySet().forEach(robots::markSaved); // read back when their first URL comes up
    completions.restore(opened.counters());
    log.info((store.hostLeases().isPresent() ? "joining the shared crawl from " : "resuming ") + output.dir() + ": " + opened.done() + " URLs done, " + opened.queued() + " queued"
        + (opened.requeued() > 0 ? " (" + opened.requeued() + " that were in flight re-queued)" : ""));
    return output.rebuildPages(store, stats::record).map(v -> {
      budget.restore(stats.count(Outcome.FETCHED) + stats.count(Outcome.FAILED));
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    windDown(FinishReason.SHUTDOWN);
    return finished.future();
  }

  /**
   * The graceful end of a run that leaves the crawl resumable (a signal, or maxDurationSec): no new URL is taken,
   * in-flight fetches get shutdownGraceMs to finish and are recorded with what they link to.
   */
  private void windDown(FinishReason reason) {
    if (run.running()) {
      frontier.clear();
      queue.drain();
      beginFinish(reason);
      // After the grace, in-flight fetches are cut off and not recorded: they stay in flight in the store and
      // are fetched again on resume.
      vertx.setTimer(Math.max(1, config.shutdownGraceMs()), id -> {
        if (!finished.future().isComplete()) {
          run.expireGrace();
          resources.cutOff();
        }
      });
    }
  }

  // ---- live status: answered on this verticle's event loop ------------------------------------------------

  @Override
  public Future<Void> ping() {
    return status.ping();
  }

  @Override
  public Future<JsonObject> status() {
    return status.snapshot();
  }

  /** One progress line: fetched, queued, pages/s, hosts active/waiting/done, memory per host, elapsed. */
  public Future<String> progressLine() {
    return status.progressLine();
  }

  // ---- workers --------------------------------------------------------------------------------------------

  private void takeNext() {
    queue.take(task -> {
      if (task == POISON_PILL) {
        workerExited();
        return;
      }
      // Counted busy the moment it is handed over, so completion can never be seen in between.
      busyWorkers++;
      context.runOnContext(v -> Future.future(p -> steps.run(task).onComplete(p)).onComplete(ar -> {
        if (ar.failed()) {
          log.info("internal error on " + task.url() + ": " + ar.cause());
        }
        workDone();
      }));
    });
    dispatcher.dispatch(); // taking may have freed a slot in the queue
  }

  /** The work of one task is over: the worker is free; see what can move, then take the next. */
  private void workDone() {
    busyWorkers--;
    seedFeeder.refill();
    maybeFinish();
    takeNext();
  }

  // ---- completion ---------------------------------------------------------------------------------------

  /** A store that cannot write loses the crawl's durability: stop, say why. */
  private void storeFailed(Throwable err) {
    if (storeError == null) {
      storeError = err;
      log.info("error: the crawl store failed (" + err.getMessage() + ") — stopping; the crawl is resumable "
          + "up to the last committed page");
      frontier.clear();
      queue.drain();
      beginFinish(FinishReason.ERROR);
    }
  }

  private void maybeFinish() {
    if (!run.running() || seedFeeder.loading() || busyWorkers > 0 || !queue.isEmpty()
        || frontier.callsInFlight() > 0) {
      return;
    }
    if (budget.reached()) {
      frontier.clear();
      beginFinish(FinishReason.MAX_PAGES);
    } else if (frontier.isEmpty() && seedFeeder.done()) {
      beginFinish(FinishReason.FINISHED);
    }
  }

  private void beginFinish(FinishReason reason) {
    if (!run.finish(reason)) {
      return;
    }
    dispatcher.stop();
    for (int i = 0; i < config.workers(); i++) {
      queue.put(POISON_PILL);
    }
  }

  private void workerExited() {
    if (++exitedWorkers < config.workers()) {
      return;
    }
    // Commits still queued on the store thread finish before the counters are saved (the store runs its
    // calls in order), so the summary is built only then.
    JsonObject[] summary = new JsonObject[1];
    resources.close()
        .compose(closed -> frontier.saveCounters(completions.counters()).map(closed))
        .compose(closed -> frontier.crawlTotals().map(crawl -> {
          crawl.ifPresent(totals -> closed.put("crawl", totals)); // a shared crawl: all nodes; the rest is this node's
          return closed;
        }))
        .compose(closed -> {
          JsonObject extra = status.atTheEnd(config.workers()).mergeIn(closed);
          summary[0] = stats.toSummary(run.finishReason().key(), Instant.now(), completions.filteredCounts(),
              frontier.delays(), extra);
          return frontier.close(run.finishReason(), summary[0]);
        })
        .compose(v -> output.close(summary[0]))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            finished.tryComplete(summary[0]);
          } else {
            finished.tryFail(ar.cause());
          }
        });
  }
}
