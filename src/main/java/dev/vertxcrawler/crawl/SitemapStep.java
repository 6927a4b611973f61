package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.CrawlTask;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * One sitemap: read (fetch and parse, {@link SitemapReader}); the child sitemaps and page URLs it lists go
 * through admission, the page URLs within sitemaps.maxUrlsPerHost per origin whose sitemaps list them.
 */
final class SitemapStep {
  private final SitemapReader reader;
  private final Admission admission;
  private final Dispatcher dispatcher;
  private final Completions completions;
  private final RunState run;
  private final CrawlStats stats;
  private final int maxUrlsPerHost; // counted per origin in CrawlStats' host totals, not in a map of its own

  SitemapStep(SitemapReader reader, TaskSteps.Loop loop, int maxUrlsPerHost) {
    this.reader = reader;
    this.admission = loop.admission();
    this.dispatcher = loop.dispatcher();
    this.completions = loop.completions();
    this.run = loop.run();
    this.stats = loop.stats();
    this.maxUrlsPerHost = maxUrlsPerHost;
  }

  Future<Void> run(CrawlTask task) {
    return Future.<SitemapReader.Content>future(p -> reader.read(task.url(), dispatcher.onSent(task)).onComplete(p))
        .otherwise(err -> SitemapReader.Content.failed(Completions.INTERNAL))
        .compose(content -> {
          boolean read = content.error() == null;
          stats.sitemapRead(read);
          List<CrawlTask> discovered = new ArrayList<>();
          if (run.running()) {
            for (String child : content.sitemaps()) {
              Completions.addIfPresent(discovered, admission.sitemap(child, task.url()));
            }
            for (String url : content.urls()) {
              if (stats.sitemapUrls(task.origin()) >= maxUrlsPerHost) {
                break;
              }
              CrawlTask page = admission.link(url, 0, task.url());
              if (page != null) {
                stats.sitemapUrl(task.origin());
                discovered.add(page);
              }
            }
          }
          return completions.sitemap(task, read, discovered);
        });
  }
}
