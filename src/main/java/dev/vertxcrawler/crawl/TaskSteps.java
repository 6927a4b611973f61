package dev.vertxcrawler.crawl;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.PolitenessConfig;
import dev.vertxcrawler.fetch.RobotsFetcher;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.Completion.Slot;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.Frontier;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.PreviousCrawl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import dev.vertxcrawler.parse.Extraction;
import java.util.function.Consumer;

/**
 * The step a task needs now, by its origin's robots.txt: fetch robots.txt first, skip what it disallows or
 * what a given-up origin holds, else fetch the page or the sitemap. Each step's future says when the worker
 * is free.
 */
final class TaskSteps {
  private final RobotsGate robots;
  private final Completions completions;
  private final RunState run;
  private final Timers timers;
  private final RobotsStep robotsStep;
  private final SitemapStep sitemapStep;
  private final PageStep pageStep;

  /** The parts every step shares. */
  record Loop(Frontier frontier, Admission admission, Dispatcher dispatcher, Completions completions,
      RunState run, CrawlStats stats, CrawlMetrics metrics, ConsoleLog log, Timers timers,
      Consumer<Throwable> storeFailed) {
  }

  TaskSteps(Vertx vertx, CrawlConfig config, CrawlResources resources, HtmlParser parser, PreviousCrawl earlier,
      RobotsGate robots, Loop loop) {
    PolitenessConfig politeness = config.politeness();
    this.robots = robots;
    this.completions = loop.completions();
    this.run = loop.run();
    this.timers = loop.timers();
    robotsStep = new RobotsStep(new RobotsFetcher(vertx, resources.fetcher, config.robotsToken(),
        politeness.robots401403() == PolitenessConfig.Robots401403.DISALLOW), robots, loop, config.sitemapsEnabled());
    sitemapStep = new SitemapStep(new SitemapReader(vertx, resources.fetcher, config.http().maxBodyBytes()), loop,
        config.sitemapsMaxUrlsPerHost());
    PageProcessor processor = new PageProcessor(resources.parsers, resources.fetcher, parser, loop.admission(),
        config.maxOutlinks(), Extraction.compile(config.extract()), earlier, config.robotsToken());
    // Commits pipelined past a worker stay within workers x maxConcurrencyPerHost (what a crash re-fetches).
    int maxPendingCommits = Math.min(64, config.workers() * (politeness.maxConcurrencyPerHost() - 1));
    pageStep = new PageStep(processor, loop, config.http().retries(), maxPendingCommits);
  }

  Future<Void> run(CrawlTask task) {
    if (!run.running()) {
      return completions.abandon(task, Slot.UNUSED);
    }
    return switch (robots.status(task.origin(), timers.now())) {
      case NEEDS_FETCH -> robotsStep.run(task);
      case GAVE_UP -> completions.skip(task, robots.giveUpReason(task.origin()), Slot.UNUSED);
      case FRESH -> !robots.rules(task.origin()).isAllowed(task.url())
          ? completions.skip(task, RobotsStep.ROBOTS, Slot.UNUSED)
          : task.isPage() ? pageStep.run(task) : sitemapStep.run(task);
    };
  }
}
