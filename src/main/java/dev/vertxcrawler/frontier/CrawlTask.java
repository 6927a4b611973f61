package dev.vertxcrawler.frontier;

/**
 * One admitted URL on its way to a worker. {@code url} is canonical; {@code origin} keys its host queue.
 * A SITEMAP task is fetched and read for URLs; it is not a page and is not recorded in pages.jsonl.
 */
public record CrawlTask(String url, String origin, int depth, String referrer, int retries, Kind kind) {

  public enum Kind { PAGE, SITEMAP }

  public CrawlTask retried() {
    return new CrawlTask(url, origin, depth, referrer, retries + 1, kind);
  }

  public boolean isPage() {
    return kind == Kind.PAGE;
  }
}
