package dev.vertxcrawler.frontier;

/**
 * One admitted URL on its way to a worker. {@code url} is canonical; {@code origin} keys its host queue;
 * {@code id} is its key in the frontier store (0 until stored). A SITEMAP task is fetched and read for
 * URLs; it is not a page and is not recorded in pages.jsonl.
 */
public record CrawlTask(String url, String origin, int depth, String referrer, int retries, Kind kind, long id) {

  public enum Kind { PAGE, SITEMAP }

  public CrawlTask(String url, String origin, int depth, String referrer, int retries, Kind kind) {
    this(url, origin, depth, referrer, retries, kind, 0);
  }

  public CrawlTask retried() {
    return new CrawlTask(url, origin, depth, referrer, retries + 1, kind, id);
  }

  public CrawlTask withId(long newId) {
    return new CrawlTask(url, origin, depth, referrer, retries, kind, newId);
  }

  public boolean isPage() {
    return kind == Kind.PAGE;
  }
}
