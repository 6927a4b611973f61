package dev.vertxcrawler.crawl;

import dev.vertxcrawler.Version;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.fetch.AddressGuard;
import dev.vertxcrawler.fetch.Fetcher;
import dev.vertxcrawler.fetch.NamePrefetch;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.PreviousCrawl;
import dev.vertxcrawler.store.WarcArchive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * What a run opens and must close, in order: the fetcher (its connections), the WARC archive, the parse pool,
 * the seed files and the earlier crawl a recrawl compares with. Each close failure is ignored: the crawl's
 * data is in the store by then.
 */
final class CrawlResources {
  final Fetcher fetcher;
  /** Every origin's name looked up before its robots.txt, so that no worker waits on DNS. */
  final NamePrefetch names;
  /** The parse pool: as many threads as cores, so parsing never starves the event loop of CPU. */
  final WorkerExecutor parsers;
  private final WarcArchive warc;
  private final SeedSource seeds;
  private final boolean insecure;
  private PreviousCrawl previous;

  CrawlResources(Vertx vertx, CrawlConfig config, AddressGuard guard, SeedSource seeds, Path outDir,
      ConsoleLog log) {
    this.seeds = seeds;
    this.insecure = config.http().insecure();
    if (insecure) {
      log.info("warning: http.insecure is on — HTTPS certificates are not checked (tlsInsecure in summary.json)");
    }
    fetcher = new Fetcher(vertx, config.http(), config.userAgent(), config.politeness().maxConcurrencyPerHost(),
        guard);
    warc = config.warc().enabled() ? new WarcArchive(vertx, outDir, config.warc().maxFileBytes(),
        Version.NAME + "/" + Version.NUMBER, config.userAgent(), log::info) : null;
    if (warc != null) {
      fetcher.recordTo(warc);
    }
    names = new NamePrefetch(vertx, guard);
    parsers = vertx.createSharedWorkerExecutor("crawl-parse", Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** The earlier crawl of a recrawl ({@code since}), or null without one. */
  Future<PreviousCrawl> openPrevious(Vertx vertx, String since) {
    Future<PreviousCrawl> opened = since.isEmpty() ? Future.succeededFuture() : PreviousCrawl.open(vertx, Path.of(since));
    return opened.onSuccess(p -> previous = p);
  }

  /** Cuts off fetches still in flight (the shutdown grace is over). */
  void cutOff() {
    fetcher.close();
  }

  /** Closes everything; completes with what they add to summary.json (the WARC archive's counts, tlsInsecure). */
  Future<JsonObject> close() {
    JsonObject summary = new JsonObject();
    if (insecure) {
      summary.put("tlsInsecure", true);
    }
    return fetcher.close().otherwiseEmpty()
        .compose(v -> warc == null ? Future.succeededFuture() : warc.close().onSuccess(w -> summary.put("warc", w))
            .<Void>mapEmpty().otherwiseEmpty())
        .compose(v -> parsers.close().otherwiseEmpty())
        .compose(v -> seeds.close().otherwiseEmpty())
        .compose(v -> previous == null ? Future.succeededFuture() : previous.close().otherwiseEmpty())
        .map(v -> summary);
  }
}
