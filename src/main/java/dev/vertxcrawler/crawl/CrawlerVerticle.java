package dev.vertxcrawler.crawl;

import crawlercommons.robots.BaseRobotRules;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.PolitenessConfig;
import dev.vertxcrawler.fetch.FetchResult;
import dev.vertxcrawler.fetch.Fetcher;
import dev.vertxcrawler.fetch.RetryAfter;
import dev.vertxcrawler.fetch.RetryPolicy;
import dev.vertxcrawler.fetch.RobotsAnswer;
import dev.vertxcrawler.fetch.RobotsFetcher;
import dev.vertxcrawler.frontier.AdaptiveThrottle;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FilterReason;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostQueues;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.frontier.WorkQueue;
import dev.vertxcrawler.parse.Extraction;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.PreviousCrawl;
import dev.vertxcrawler.store.WarcArchive;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The crawl: a bounded work queue drained by {@code workers} consumers, all on this verticle's event loop.
 *
 * <p>Admitted URLs wait in per-host queues ({@link HostQueues}) until their host's clock allows a request;
 * then {@link #dispatch()} moves them into the bounded {@link WorkQueue} while it has space. A full queue
 * never blocks and never drops a URL: the URL simply stays in its host queue (the spill) until a worker
 * frees a slot. Each worker takes a URL; if the origin's robots.txt is not known yet, the worker fetches it
 * in that slot of the host's clock and puts the URL back; otherwise it fetches the page (event loop),
 * parses it (worker pool), admits the links and takes the next.
 *
 * <p>The crawl is complete when, like asyncio's {@code queue.join()}, nothing is queued anywhere and no worker
 * is busy. Then one poison pill per worker goes into the queue; each worker exits on its pill, and once all
 * have exited the output is flushed and {@link #finished()} completes. {@link #stop()} (undeploy, which
 * SIGINT/SIGTERM trigger) takes the same path with finishReason {@code shutdown}.
 */
public final class CrawlerVerticle extends VerticleBase implements dev.vertxcrawler.report.StatusSource {
  private static final CrawlTask POISON_PILL = new CrawlTask("poison-pill:", "", -1, null, 0, CrawlTask.Kind.PAGE);
  private static final int SEED_BATCH = 1000;
  private static final String SHUTDOWN = "shutdown";
  /** This run's time is up (maxDurationSec); like a shutdown, the crawl stays resumable. */
  private static final String MAX_DURATION = "maxDuration";
  private static final int MAX_SEED_WARNINGS = 20;
  static final String ROBOTS = "robots";
  static final String CRAWL_DELAY = "crawl-delay";

  private final CrawlConfig config;
  private final PolitenessConfig politeness;
  private final SeedSource seeds;
  private final CrawlOutput output;
  private final FrontierStore store;
  private final ConsoleLog log;
  private final Promise<JsonObject> finished = Promise.promise();
  private HtmlParser parser = HtmlParser.JSOUP;
  private CrawlMetrics metrics = new CrawlMetrics(new io.micrometer.core.instrument.composite.CompositeMeterRegistry());
  private final java.util.ArrayDeque<PageRecord> recent = new java.util.ArrayDeque<>();
  private static final int RECENT = 20;
  private long startNanos;

  private Admission admission;
  private HostQueues hosts;
  private Frontier frontier;
  private WorkQueue<CrawlTask> queue;
  private Fetcher fetcher;
  private PageProcessor processor;
  /** The WARC archive of every exchange (warc.enabled), or null. */
  private WarcArchive warc;
  /** The earlier crawl this one is made {@code since} (conditional requests), or null. */
  private PreviousCrawl previous;
  private io.vertx.core.WorkerExecutor parsers;
  private RobotsFetcher robotsFetcher;
  private dev.vertxcrawler.fetch.AddressGuard guard;
  private RobotsGate robots;
  private SitemapReader sitemapReader;
  private AdaptiveThrottle throttle;
  private CrawlStats stats;
  private final Map<String, Long> delayFloors = new HashMap<>();
  private final Map<String, Long> loggedDelays = new HashMap<>();
  private final Map<String, Integer> sitemapUrlsPerHost = new HashMap<>();
  static final int HOST_WINDOW = 64;
  private int maxPendingCommits;
  private static final int COUNTERS_EVERY = 200;
  private long completions;
  private boolean graceExpired;

  private int busyWorkers;
  private int exitedWorkers;
  private long pagesReserved;
  private boolean seedsLoading;
  private boolean seedsFailed;
  private long seedWarnings;
  private long dispatchTimer = -1;
  private long dispatchTimerAt;
  private String finishReason;
  private boolean dispatching;
  private boolean dispatchAgain;
  private Throwable storeError;

  public CrawlerVerticle(CrawlConfig config, SeedSource seeds, CrawlOutput output, FrontierStore store,
      ConsoleLog log) {
    this.config = config;
    this.politeness = config.politeness();
    this.seeds = seeds;
    this.output = output;
    this.store = store;
    this.log = log;
  }

  /** Records the crawl's meters in {@code registry} (the status server's /metrics); call before deploying. */
  public CrawlerVerticle withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
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
    guard = new dev.vertxcrawler.fetch.AddressGuard(vertx, config.network());
    admission = new Admission(config.maxDepth(), config.scope()).onSeedOrigin(guard::exemptOrigin);
    hosts = new HostQueues(politeness.minDelayMs(), politeness.maxConcurrencyPerHost(), politeness.jitter(),
        () -> ThreadLocalRandom.current().nextDouble());
    queue = new WorkQueue<>(config.queueCapacity());
    fetcher = new Fetcher(vertx, config.http(), config.userAgent(), politeness.maxConcurrencyPerHost(), guard);
    if (config.http().insecure()) {
      log.info("warning: http.insecure is on — HTTPS certificates are not checked (tlsInsecure in summary.json)");
    }
    if (config.warc().enabled()) {
      warc = new WarcArchive(vertx, output.dir(), config.warc().maxFileBytes(),
          dev.vertxcrawler.Version.NAME + "/" + dev.vertxcrawler.Version.NUMBER, config.userAgent(), log::info);
      fetcher.recordTo(warc);
    }
    parsers = vertx.createSharedWorkerExecutor("crawl-parse", Math.max(1, Runtime.getRuntime().availableProcessors()));
    robotsFetcher = new RobotsFetcher(vertx, fetcher, config.robotsToken(), politeness.robotsDisallowOn401403());
    robots = new RobotsGate(politeness);
    sitemapReader = new SitemapReader(vertx, fetcher, config.http().maxBodyBytes());
    throttle = new AdaptiveThrottle(politeness);
    stats = new CrawlStats(Instant.now());
    maxPendingCommits = Math.min(64, config.workers() * (politeness.maxConcurrencyPerHost() - 1));
    startNanos = System.nanoTime();
    metrics.gauges(queue::size, () -> busyWorkers, () -> hosts.pending() + frontier.storedQueued());
    frontier = new Frontier(admission, hosts, store, HOST_WINDOW, this::dispatch,
        () -> context.runOnContext(v -> maybeFinish()));
    Future<PreviousCrawl> since = config.since().isEmpty() ? Future.succeededFuture()
        : PreviousCrawl.open(vertx, java.nio.file.Path.of(config.since()));
    return since
        .compose(earlier -> {
          previous = earlier;
          processor = new PageProcessor(parsers, fetcher, parser, admission, config.maxOutlinks(),
              Extraction.compile(config.extract()), earlier, config.robotsToken());
          return frontier.open();
        })
        .compose(this::resume)
        .compose(v -> output.open())
        .onSuccess(v -> {
          if (config.maxDurationSec() > 0) {
            vertx.setTimer(config.maxDurationSec() * 1000L, id -> {
              if (finishReason == null) {
                log.info("maxDurationSec (" + config.maxDurationSec() + " s) reached: finishing in-flight pages; "
                    + "the crawl stays resumable — run the same command again to go on");
                windDown(MAX_DURATION);
              }
            });
          }
          for (int i = 0; i < config.workers(); i++) {
            takeNext();
          }
          refillSeeds();
          dispatch();
        });
  }

  /** A resumed crawl: totals and pages.jsonl rebuilt from the store, robots and delays taken back. */
  private Future<Void> resume(FrontierStore.Opened opened) {
    if (!opened.resumed()) {
      return Future.succeededFuture();
    }
    long now = now();
    opened.hosts().values().forEach(host -> {
      robots.restore(host, now);
      delayFloors.put(host.origin(), host.floorMs());
      hosts.setDelay(host.origin(), host.delayMs());
    });
    stats.restoreCounters(opened.counters());
    restoreFiltered(opened.counters().getJsonObject("filtered", new JsonObject()));
    log.info("resuming " + output.dir() + ": " + opened.done() + " URLs done, " + opened.queued() + " queued ("
        + opened.requeued() + " that were in flight re-queued)");
    return output.rebuildPages(store, stats::record).map(v -> {
      pagesReserved = stats.count(PageRecord.FETCHED) + stats.count(PageRecord.FAILED);
      return null;
    });
  }

  private void restoreFiltered(JsonObject filtered) {
    for (FilterReason reason : FilterReason.values()) {
      admission.count(reason, filtered.getLong(reason.key(), 0L));
    }
  }

  private JsonObject counters() {
    JsonObject filtered = new JsonObject();
    admission.filteredCounts().forEach((reason, n) -> filtered.put(reason.key(), n));
    return stats.counters().put("filtered", filtered);
  }

  @Override
  public Future<?> stop() {
    windDown(SHUTDOWN);
    return finished.future();
  }

  /**
   * The graceful end of a run that leaves the crawl resumable (a signal, or maxDurationSec): no new URL is taken,
   * in-flight fetches get shutdownGraceMs to finish and are recorded with what they link to.
   */
  private void windDown(String reason) {
    if (finishReason == null) {
      frontier.clear();
      queue.drain();
      beginFinish(reason);
      // In-flight fetches get shutdownGraceMs to finish; after that they are cut off and not recorded,
      // so they stay in flight in the store and are fetched again on resume.
      vertx.setTimer(Math.max(1, config.shutdownGraceMs()), id -> {
        if (!finished.future().isComplete()) {
          graceExpired = true;
          fetcher.close();
        }
      });
    }
  }

  // ---- live status (the status server asks; answered on this verticle's event loop) ----------------------

  @Override
  public Future<Void> ping() {
    Promise<Void> answered = Promise.promise();
    context.runOnContext(v -> answered.complete());
    return answered.future();
  }

  @Override
  public Future<JsonObject> status() {
    Promise<JsonObject> answered = Promise.promise();
    context.runOnContext(v -> answered.complete(statusNow()));
    return answered.future();
  }

  private JsonObject statusNow() {
    double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
    long decided = stats.count(PageRecord.FETCHED) + stats.count(PageRecord.FAILED);
    JsonObject hostsJson = stats.hostTotals();
    io.vertx.core.json.JsonArray hostRows = new io.vertx.core.json.JsonArray();
    hosts.delays().keySet().stream().sorted().limit(200).forEach(origin -> {
      JsonObject totals = hostsJson.getJsonObject(origin, new JsonObject());
      hostRows.add(new JsonObject().put("origin", origin).put("fetched", totals.getLong("fetched", 0L))
          .put("failed", totals.getLong("failed", 0L)).put("queued", hosts.queued(origin))
          .put("delayMs", hosts.delay(origin)).put("robots", robots.status(origin, now()).name().toLowerCase(
              java.util.Locale.ROOT)));
    });
    io.vertx.core.json.JsonArray recentJson = new io.vertx.core.json.JsonArray();
    recent.forEach(r -> recentJson.add(new JsonObject().put("url", r.url()).put("status", r.status())
        .put("error", r.error()).put("elapsedMs", r.elapsedMs()).put("title", r.title())));
    return new JsonObject()
        .put("finishReason", finishReason)
        .put("elapsedSeconds", Math.round(seconds * 10) / 10.0)
        .put("pages", new JsonObject().put("fetched", stats.count(PageRecord.FETCHED))
            .put("failed", stats.count(PageRecord.FAILED)).put("skipped", stats.count(PageRecord.SKIPPED)))
        .put("pagesPerSecond", Math.round(decided / seconds * 10) / 10.0)
        .put("queueDepth", queue.size())
        .put("queueCapacity", queue.capacity())
        .put("inFlight", busyWorkers)
        .put("frontierQueued", hosts.pending() + frontier.storedQueued())
        .put("hostsWaiting", hosts.hostCount())
        .put("errors", stats.count(PageRecord.FAILED))
        .put("hosts", hostRows)
        .put("recent", recentJson);
  }

  /** One progress line: fetched, queued, pages/s, errors, hosts, elapsed. */
  public Future<String> progressLine() {
    return status().map(s -> String.format(java.util.Locale.ROOT,
        "%d fetched, %d failed, %d queued, %.1f pages/s, %d hosts, %.0f s",
        s.getJsonObject("pages").getLong("fetched"), s.getJsonObject("pages").getLong("failed"),
        s.getLong("frontierQueued") + s.getLong("queueDepth"), s.getDouble("pagesPerSecond"),
        s.getLong("hostsWaiting"), s.getDouble("elapsedSeconds")));
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
      hosts.unstart(task);
      workDone();
      return;
    }
    long now = now();
    switch (robots.status(task.origin(), now)) {
      case NEEDS_FETCH -> fetchRobots(task, now);
      case GAVE_UP -> {
        hosts.unstart(task);
        skip(task, robots.giveUpReason(task.origin())).onComplete(v -> workDone());
      }
      case FRESH -> {
        BaseRobotRules rules = robots.rules(task.origin());
        if (!rules.isAllowed(task.url())) {
          hosts.unstart(task);
          skip(task, ROBOTS).onComplete(v -> workDone());
        } else if (task.isPage()) {
          fetchPage(task, now);
        } else {
          fetchSitemap(task, now);
        }
      }
    }
  }

  /** The work of one task is over: the worker is free; see what can move, then take the next. */
  private void workDone() {
    busyWorkers--;
    refillSeeds();
    maybeFinish();
    takeNext();
  }

  /** The host's clock starts when the request actually goes out, not when the worker takes the URL. */
  private Runnable stampOnSend(CrawlTask task) {
    return () -> {
      hosts.stamp(task.origin(), now());
      dispatch();
    };
  }

  private void fetchPage(CrawlTask task, long now) {
    hosts.begin(task);
    processor.process(task, stampOnSend(task))
        .recover(err -> Future.succeededFuture(internalFailure(task, err)))
        .onSuccess(result -> {
          hosts.release(task, now());
          if (graceExpired) {
            workDone(); // cut off by shutdown: not recorded, fetched again on resume
            return;
          }
          FetchResult fetch = result.fetch();
          if (fetch != null) {
            adjustDelay(task.origin(), fetch);
          }
          if (fetch != null && RetryPolicy.isRetryable(fetch) && task.retries() < config.http().retries()
              && finishReason == null) {
            // Not slept on: back to the head of its host queue, to go when the host's clock allows.
            stats.retried();
            refundPage(task);
            hosts.addFirst(task.retried());
            workDone();
          } else {
            Future<Void> committed = complete(task, result);
            // The worker moves on while the commit is queued on the store thread (pipelined), unless too many
            // commits already wait: then it waits too. The cap keeps fetched-but-uncommitted pages (what a
            // crash re-fetches) within workers x maxConcurrencyPerHost, and a slow disk from filling memory;
            // with one request per host (the default) nothing is pipelined.
            if (frontier.storeCallsInFlight() <= maxPendingCommits) {
              workDone();
            } else {
              committed.onComplete(v -> workDone());
            }
          }
        });
  }

  /** Commits the page and what was found on it; only then is it written to pages.jsonl. */
  private Future<Void> complete(CrawlTask task, PageResult result) {
    List<CrawlTask> discovered = new ArrayList<>();
    // A graceful stop still stores what the page links to (queued, for the resume): the page is committed as
    // done, so its links would never be found again. After maxPages the crawl is over: nothing is admitted.
    if (finishReason == null || SHUTDOWN.equals(finishReason) || MAX_DURATION.equals(finishReason)) {
      result.dropped().forEach(admission::count);
      discovered.addAll(result.candidates());
      if (result.redirectTarget() != null) {
        // A redirect hop is not a link: same depth, but through scope, dedup and politeness like any URL.
        addIfPresent(discovered, admission.link(result.redirectTarget(), task.depth(), task.url()));
      }
    }
    PageRecord record = result.record();
    FrontierStore.Outcome outcome = switch (record.outcome()) {
      case PageRecord.FETCHED -> FrontierStore.Outcome.DONE;
      case PageRecord.SKIPPED -> FrontierStore.Outcome.SKIPPED;
      default -> FrontierStore.Outcome.FAILED;
    };
    return commit(task, outcome, record, discovered);
  }

  private Future<Void> commit(CrawlTask task, FrontierStore.Outcome outcome, PageRecord record,
      List<CrawlTask> discovered) {
    String json = record == null ? null : record.toJson().encode(); // once: crawl.db's row and pages.jsonl's line
    return frontier.complete(task, outcome, json, discovered)
        .onSuccess(v -> {
          if (record != null) {
            stats.record(record, task.origin());
            metrics.page(record);
            recent.addFirst(record);
            if (recent.size() > RECENT) {
              recent.removeLast();
            }
            output.writePage(json);
            log.page(record.status(), record.error(), record.elapsedMs(), record.url());
          }
          if (++completions % COUNTERS_EVERY == 0) {
            store.saveCounters(counters());
          }
        })
        .onFailure(this::storeFailed)
        .otherwiseEmpty();
  }

  private static void addIfPresent(List<CrawlTask> list, CrawlTask task) {
    if (task != null) {
      list.add(task);
    }
  }

  /** A store that cannot write loses the crawl's durability: stop, say why. */
  private void storeFailed(Throwable err) {
    if (storeError == null) {
      storeError = err;
      log.info("error: the crawl store failed (" + err.getMessage() + ") — stopping; the crawl is resumable "
          + "up to the last committed page");
      frontier.clear();
      queue.drain();
      beginFinish("error");
    }
  }

  private Future<Void> skip(CrawlTask task, String reason) {
    refundPage(task);
    if (task.isPage()) {
      return commit(task, FrontierStore.Outcome.SKIPPED,
          PageRecord.skipped(task.url(), task.depth(), task.referrer(), reason), List.of());
    }
    stats.sitemapSkipped();
    return commit(task, FrontierStore.Outcome.SKIPPED, null, List.of());
  }

  private PageResult internalFailure(CrawlTask task, Throwable err) {
    log.info("internal error on " + task.url() + ": " + err);
    PageRecord record = new PageRecord(task.url(), PageRecord.FAILED, null, "internal", null, 0, null,
        task.depth(), task.referrer(), Instant.now(), 0, null, 0, null, task.retries(), null, null, null,
        dev.vertxcrawler.fetch.Validators.NONE, null);
    return PageResult.of(record, null);
  }

  // ---- politeness: the host's delay after each answer ----------------------------------------------------

  private void adjustDelay(String origin, FetchResult fetch) {
    long floor = delayFloors.getOrDefault(origin, (long) politeness.minDelayMs());
    long current = hosts.delay(origin);
    long next;
    if (RetryPolicy.isBackoff(fetch)) {
      next = throttle.afterBackoff(current, floor);
      stats.backedOff();
      log.info("politeness: " + origin + " answered " + fetch.status() + ", backing off to " + next + " ms");
    } else {
      boolean errorAnswer = !fetch.complete() || fetch.status() >= 400;
      next = throttle.afterResponse(current, floor, fetch.elapsedMs(), errorAnswer);
      long logged = loggedDelays.getOrDefault(origin, floor);
      if (next >= 2 * Math.max(logged, 100)) {
        loggedDelays.put(origin, next);
        log.info("politeness: " + origin + " slowed to " + next + " ms (responses take " + fetch.elapsedMs() + " ms)");
      }
    }
    hosts.setDelay(origin, next);
    Long retryAfter = RetryPolicy.isBackoff(fetch) ? RetryAfter.millis(fetch.retryAfter(), Instant.now()) : null;
    if (retryAfter != null) {
      long wait = Math.min(retryAfter, politeness.maxRetryAfterMs());
      String capped = wait < retryAfter ? " (asked " + retryAfter / 1000 + " s, capped)" : "";
      hosts.blockUntil(origin, now() + wait);
      stats.deferred();
      log.info("politeness: " + origin + " deferred " + wait + " ms by Retry-After" + capped);
    }
  }

  // ---- robots.txt and sitemaps ---------------------------------------------------------------------------

  /** The robots.txt request takes this task's slot on the host clock; the task goes back to its queue. */
  private void fetchRobots(CrawlTask task, long now) {
    refundPage(task);
    hosts.begin(task);
    String origin = task.origin();
    robotsFetcher.fetch(origin, stampOnSend(task))
        .otherwise(err -> new RobotsAnswer(RobotsAnswer.Kind.UNREACHABLE, null, "error", null, "internal",
            RobotsFetcher.robotsUrl(origin)))
        .onSuccess(answer -> {
          hosts.release(task, now());
          String givenUp = RobotsGate.giveUpAtOnce(origin, answer);
          if (givenUp != null) {
            log.info(givenUp);
            giveUp(task, answer.error()).onComplete(v -> workDone());
            return;
          }
          RobotsGate.Decision decision = robots.record(origin, answer, now());
          metrics.robots(answer.kind().name().toLowerCase(java.util.Locale.ROOT));
          switch (decision.kind()) {
            case READY -> {
              hosts.addFirst(task);
              applyCrawlDelay(origin, answer.rules());
              boolean gaveUp = robots.status(origin, now()) == RobotsGate.Status.GAVE_UP;
              if (robots.firstAnswer(origin) && config.sitemapsEnabled() && !gaveUp) {
                admitSitemaps(origin, answer.rules());
              }
              saveHost(origin);
            }
            case RETRY -> {
              hosts.addFirst(task);
              hosts.blockUntil(origin, decision.retryAt());
              log.info("politeness: " + origin + " robots.txt unreachable (" + describe(answer)
                  + "), nothing fetched from it; retrying in " + (decision.retryAt() - now()) + " ms");
            }
            case GIVE_UP -> {
              log.info("politeness: " + origin + " given up: robots.txt unreachable for "
                  + politeness.robotsUnavailableMaxMs() + " ms (" + describe(answer) + ")");
              giveUp(task, RobotsGate.UNAVAILABLE).onComplete(v -> workDone());
              return;
            }
          }
          workDone();
        });
  }

  private void saveHost(String origin) {
    long floor = delayFloors.getOrDefault(origin, (long) politeness.minDelayMs());
    store.saveHost(robots.snapshot(origin, now(), hosts.delay(origin), floor)).onFailure(this::storeFailed);
  }

  private void applyCrawlDelay(String origin, BaseRobotRules rules) {
    long crawlDelay = rules.getCrawlDelay() == BaseRobotRules.UNSET_CRAWL_DELAY ? 0 : rules.getCrawlDelay();
    if (crawlDelay > politeness.maxCrawlDelayMs()) {
      if (politeness.skipOverCapCrawlDelay()) {
        log.info("politeness: " + origin + " given up: Crawl-delay " + crawlDelay + " ms is over the cap of "
            + politeness.maxCrawlDelayMs() + " ms");
        robots.giveUp(origin, CRAWL_DELAY);
        for (CrawlTask waiting : hosts.drain(origin)) {
          skip(waiting, CRAWL_DELAY);
        }
        saveHost(origin);
        return;
      }
      log.info("politeness: " + origin + " asks Crawl-delay " + crawlDelay + " ms; crawling at the cap of "
          + politeness.maxCrawlDelayMs() + " ms");
      crawlDelay = politeness.maxCrawlDelayMs();
    }
    long floor = throttle.floor(crawlDelay);
    delayFloors.put(origin, floor);
    hosts.setDelay(origin, Math.max(floor, hosts.delay(origin)));
  }

  private Future<Void> giveUp(CrawlTask task, String reason) {
    robots.giveUp(task.origin(), reason);
    saveHost(task.origin());
    List<Future<Void>> skips = new ArrayList<>();
    skips.add(skip(task, reason));
    for (CrawlTask waiting : hosts.drain(task.origin())) {
      skips.add(skip(waiting, reason));
    }
    return Future.join(skips).mapEmpty();
  }

  private void admitSitemaps(String origin, BaseRobotRules rules) {
    Set<String> urls = new LinkedHashSet<>(rules.getSitemaps());
    urls.add(origin + "/sitemap.xml");
    List<CrawlTask> candidates = new ArrayList<>();
    for (String url : urls) {
      addIfPresent(candidates, admission.sitemap(url, RobotsFetcher.robotsUrl(origin)));
    }
    frontier.admit(candidates).onFailure(this::storeFailed);
  }

  private void fetchSitemap(CrawlTask task, long now) {
    hosts.begin(task);
    sitemapReader.read(task.url(), stampOnSend(task)).onComplete(ar -> {
      hosts.release(task, now());
      SitemapReader.Content content = ar.succeeded() ? ar.result() : SitemapReader.Content.failed("internal");
      stats.sitemapRead(content.error() == null);
      List<CrawlTask> discovered = new ArrayList<>();
      if (finishReason == null) {
        for (String child : content.sitemaps()) {
          addIfPresent(discovered, admission.sitemap(child, task.url()));
        }
        for (String url : content.urls()) {
          // The budget is per origin whose sitemaps list the URLs (sitemaps.maxUrlsPerHost).
          if (sitemapUrlsPerHost.getOrDefault(task.origin(), 0) >= config.sitemapsMaxUrlsPerHost()) {
            break;
          }
          CrawlTask page = admission.link(url, 0, task.url());
          if (page != null) {
            sitemapUrlsPerHost.merge(task.origin(), 1, Integer::sum);
            stats.sitemapUrl();
            discovered.add(page);
          }
        }
      }
      FrontierStore.Outcome outcome = content.error() == null ? FrontierStore.Outcome.DONE
          : FrontierStore.Outcome.FAILED;
      commit(task, outcome, null, discovered).onComplete(v -> workDone());
    });
  }

  private static String describe(RobotsAnswer answer) {
    return answer.status() != null ? "status " + answer.status() : answer.error();
  }

  // ---- admission and dispatch ---------------------------------------------------------------------------

  /**
   * Moves URLs whose host is ready into the work queue while it has space. Re-entrant calls (a window
   * refilled while polling, a worker taking an item) only ask for another round, so that the space checked
   * is still there when the URL is offered.
   */
  private void dispatch() {
    if (finishReason != null) {
      return;
    }
    if (dispatching) {
      dispatchAgain = true;
      return;
    }
    dispatching = true;
    try {
      do {
        dispatchAgain = false;
        long now = now();
        while (queue.hasSpace() && !maxPagesReached()) {
          CrawlTask task = frontier.poll(now);
          if (task == null) {
            break;
          }
          if (task.isPage()) {
            pagesReserved++;
          }
          if (!queue.offer(task)) {
            throw new IllegalStateException("work queue full after a space check");
          }
        }
        armDispatchTimer(now);
      } while (dispatchAgain && finishReason == null);
    } finally {
      dispatching = false;
    }
  }

  /** A page handed out but not fetched (robots fetched in its slot, a retry, a skip) gives its budget back. */
  private void refundPage(CrawlTask task) {
    if (task.isPage()) {
      pagesReserved--;
    }
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
    return config.maxPages() > 0 && pagesReserved >= config.maxPages();
  }

  private void refillSeeds() {
    if (seedsLoading || seeds.exhausted() || finishReason != null || maxPagesReached()
        || hosts.pending() + frontier.storedQueued() >= config.queueCapacity()) {
      return;
    }
    seedsLoading = true;
    seeds.next(SEED_BATCH).onComplete(ar -> {
      seedsLoading = false;
      if (ar.failed()) {
        log.info("error: " + ar.cause().getMessage() + " — no further seeds are read");
        seedsFailed = true;
        maybeFinish();
        return;
      }
      List<CrawlTask> candidates = new ArrayList<>();
      for (SeedSource.Seed seed : ar.result()) {
        CrawlTask task = admission.seed(seed.url());
        if (task == null) {
          warnSeed(seed);
        }
        addIfPresent(candidates, task);
      }
      frontier.admit(candidates).onComplete(admitted -> {
        if (admitted.failed()) {
          storeFailed(admitted.cause());
        }
        refillSeeds();
        maybeFinish();
      });
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
    if (finishReason != null || seedsLoading || busyWorkers > 0 || !queue.isEmpty()
        || frontier.storeCallsInFlight() > 0) {
      return;
    }
    if (maxPagesReached()) {
      frontier.clear();
      beginFinish("maxPages");
    } else if (frontier.isEmpty() && (seeds.exhausted() || seedsFailed)) {
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
    // Commits still queued on the store thread finish before the counters are saved (the store runs its
    // calls in order), so the summary is built only then.
    JsonObject[] summary = new JsonObject[1];
    JsonObject[] archived = new JsonObject[1];
    fetcher.close().otherwiseEmpty()
        .compose(v -> warc == null ? Future.succeededFuture() : warc.close().onSuccess(w -> archived[0] = w)
            .<Void>mapEmpty().otherwiseEmpty())
        .compose(v -> parsers.close().otherwiseEmpty())
        .compose(v -> seeds.close().otherwiseEmpty())
        .compose(v -> previous == null ? Future.succeededFuture() : previous.close().otherwiseEmpty())
        .compose(v -> store.saveCounters(counters()))
        .compose(v -> {
          JsonObject extra = new JsonObject()
              .put("robots", robots.summary())
              .put("queueCapacity", queue.capacity())
              .put("queueHighWaterMark", queue.highWaterMark())
              .put("workers", config.workers());
          if (config.http().insecure()) {
            extra.put("tlsInsecure", true);
          }
          if (archived[0] != null) {
            extra.put("warc", archived[0]);
          }
          summary[0] = stats.toSummary(finishReason, Instant.now(), admission.filteredCounts(), hosts.delays(),
              extra);
          return store.close(finishReason, summary[0]);
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

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
