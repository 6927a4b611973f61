package dev.vertxcrawler.crawl;

import crawlercommons.robots.BaseRobotRules;
import dev.vertxcrawler.fetch.RobotsAnswer;
import dev.vertxcrawler.fetch.RobotsFetcher;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.Completion.Slot;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.frontier.Politeness;
import dev.vertxcrawler.report.ConsoleLog;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An origin's robots.txt, fetched in the slot of the task that found it unknown: the answer goes to the
 * {@link RobotsGate}, its Crawl-delay to the frontier, its sitemaps (the first time) to admission, and the task
 * back to its host queue. An origin robots.txt keeps unreachable for too long, one the address guard
 * refuses, or one whose name does not exist, is given up: its waiting URLs are skipped.
 */
final class RobotsStep {
  static final String ROBOTS = "robots";
  static final String CRAWL_DELAY = "crawl-delay";

  private final RobotsFetcher fetcher;
  private final RobotsGate robots;
  private final Frontier frontier;
  private final Admission admission;
  private final Dispatcher dispatcher;
  private final Completions completions;
  private final CrawlMetrics metrics;
  private final ConsoleLog log;
  private final Timers timers;
  private final boolean sitemaps;
  private final Consumer<Throwable> storeFailed;

  RobotsStep(RobotsFetcher fetcher, RobotsGate robots, TaskSteps.Loop loop, boolean sitemaps) {
    this.fetcher = fetcher;
    this.robots = robots;
    this.frontier = loop.frontier();
    this.admission = loop.admission();
    this.dispatcher = loop.dispatcher();
    this.completions = loop.completions();
    this.metrics = loop.metrics();
    this.log = loop.log();
    this.timers = loop.timers();
    this.sitemaps = sitemaps;
    this.storeFailed = loop.storeFailed();
  }

  Future<Void> run(CrawlTask task) {
    String origin = task.origin();
    return Future.<RobotsAnswer>future(p -> fetcher.fetch(origin, dispatcher.onSent(task)).onComplete(p))
        .otherwise(err -> new RobotsAnswer(RobotsAnswer.Kind.UNREACHABLE, null, "error", null, Completions.INTERNAL,
            RobotsFetcher.robotsUrl(origin)))
        .compose(answer -> answered(task, answer));
  }

  private Future<Void> answered(CrawlTask task, RobotsAnswer answer) {
    String origin = task.origin();
    long now = timers.now();
    String givenUp = RobotsGate.giveUpAtOnce(origin, answer);
    if (givenUp != null) {
      log.info(givenUp);
      return giveUp(task, answer.error());
    }
    RobotsGate.Decision decision = robots.record(origin, answer, now);
    metrics.robots(answer.kind().name().toLowerCase(Locale.ROOT));
    switch (decision.kind()) {
      case READY -> {
        Future<Void> back = completions.requeue(task, Slot.REQUESTED);
        applyCrawlDelay(origin, answer.rules());
        boolean gaveUp = robots.status(origin, now) == RobotsGate.Status.GAVE_UP;
        if (robots.firstAnswer(origin) && sitemaps && !gaveUp) {
          admitSitemaps(origin, answer.rules());
        }
        save(origin);
        return back;
      }
      case RETRY -> {
        Future<Void> back = completions.requeue(task, Slot.REQUESTED);
        frontier.holdUntil(origin, decision.retryAt());
        log.info("politeness: " + origin + " robots.txt unreachable (" + describe(answer)
            + "), nothing fetched from it; retrying in " + (decision.retryAt() - now) + " ms");
        return back;
      }
      default -> {
        log.info("politeness: " + origin + " given up: robots.txt unreachable for " + robots.unavailableMaxMs(answer)
            + " ms (" + describe(answer) + ")");
        return giveUp(task, RobotsGate.unavailableReason(answer));
      }
    }
  }

  private void applyCrawlDelay(String origin, BaseRobotRules rules) {
    long asked = rules.getCrawlDelay() == BaseRobotRules.UNSET_CRAWL_DELAY ? 0 : rules.getCrawlDelay();
    Politeness.CrawlDelayDecision decision = frontier.crawlDelay(origin, asked);
    switch (decision.kind()) {
      case GIVE_UP -> {
        log.info("politeness: " + origin + " given up: Crawl-delay " + asked + " ms is over the cap of "
            + decision.capMs() + " ms");
        robots.giveUp(origin, CRAWL_DELAY);
        skipWaiting(origin, CRAWL_DELAY);
      }
      case CAPPED -> log.info("politeness: " + origin + " asks Crawl-delay " + asked + " ms; crawling at the cap of "
          + decision.capMs() + " ms");
      case APPLIED -> { }
    }
  }

  /** The origin is given up: this task and every URL of it waiting are skipped with {@code reason}. */
  private Future<Void> giveUp(CrawlTask task, String reason) {
    robots.giveUp(task.origin(), reason);
    save(task.origin());
    List<Future<Void>> skips = new ArrayList<>();
    skips.add(completions.skip(task, reason, Slot.REQUESTED));
    skips.addAll(skipWaiting(task.origin(), reason));
    return Future.join(skips).mapEmpty();
  }

  private List<Future<Void>> skipWaiting(String origin, String reason) {
    List<Future<Void>> skips = new ArrayList<>();
    for (CrawlTask waiting : frontier.removeWaiting(origin)) {
      skips.add(completions.skip(waiting, reason, Slot.NONE));
    }
    return skips;
  }

  private void admitSitemaps(String origin, BaseRobotRules rules) {
    Set<String> urls = new LinkedHashSet<>(rules.getSitemaps());
    urls.add(origin + "/sitemap.xml");
    List<CrawlTask> candidates = new ArrayList<>();
    for (String url : urls) {
      Completions.addIfPresent(candidates, admission.sitemap(url, RobotsFetcher.robotsUrl(origin)));
    }
    frontier.admit(candidates).onFailure(storeFailed::accept);
  }

  private void save(String origin) {
    frontier.saveRobots(robots.snapshot(origin, timers.now())).onFailure(storeFailed::accept);
  }

  private static String describe(RobotsAnswer answer) {
    return answer.status() != null ? "status " + answer.status() : answer.error();
  }
}
