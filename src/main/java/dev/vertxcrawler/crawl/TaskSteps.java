package dev.vertxcrawler.crawl;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.PolitenessConfig;
import dev.vertxcrawler.fetch.NamePrefetch;
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
 * what a given-up origin holds, else fetch the page or the sitemap; an origin whose state the robots cache let go
 * is read back from the store first. Each step's future says when the worker
 * is free.
 */
final class TaskSteps {
  /** How soon a host whose name is being looked up is tried again. */
  private static final long NAME_POLL_MS = 50;
  private final RobotsGate robots;
  private final Completions completions;
  private final RunState run;
  private final Timers timers;
  private final RobotsStep robotsStep;
  private final SitemapStep sitemapStep;
  private final PageStep pageStep;
  private final NamePrefetch names;
  private final Loop loop;

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
    this.loop = loop;
    this.names = resources.names;
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
      case UNLOADED -> reload(task);
      case NEEDS_FETCH -> firstContact(task);
      case GAVE_UP -> completions.skip(task, robots.giveUpReason(task.origin()), Slot.UNUSED);
      case FRESH -> !robots.rules(task.origin()).isAllowed(task.url())
          ? completions.skip(task, RobotsStep.ROBOTS, Slot.UNUSED)
          : task.isPage() ? pageStep.run(task) : sitemapStep.run(task);
    };
  }

  /**
   * robots.txt is due, once the origin's name is resolved: while its lookup is under way the task goes back and
   * the host is tried again shortly — no worker waits on a slow name server; a failed lookup is answered at once.
   */
  private Future<Void> firstContact(CrawlTask task) {
    NamePrefetch.Lookup name = names.lookup(task.origin());
    return switch (name.state()) {
      case READY -> robotsStep.run(task);
      case FAILED -> robotsStep.unresolved(task, name.error());
      case PENDING -> {
        Future<Void> back = completions.requeue(task, Slot.UNUSED);
        loop.frontier().holdUntil(task.origin(), timers.now() + NAME_POLL_MS);
        yield back;
      }
    };
  }

  /**
   * The origin's robots.txt state is not in memory (new, or let go by the cache): read back what the store kept,
   * in the task's slot, then decide. A store that cannot read stops the crawl like one that cannot write.
   */
  private Future<Void> reload(CrawlTask task) {
    return loop.frontier().loadRobots(task.origin()).compose(saved -> {
      robots.loaded(task.origin(), saved, timers.now());
      return run(task);
    }, err -> {
      loop.storeFailed().accept(err);
      return completions.abandon(task, Slot.UNUSED);
    });
  }
}
