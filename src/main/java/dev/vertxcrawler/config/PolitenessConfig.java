package dev.vertxcrawler.config;

/** How hard one host may be hit, and how robots.txt is treated. */
public record PolitenessConfig(
    int minDelayMs,
    int maxConcurrencyPerHost,
    double jitter,
    boolean adaptive,
    double targetConcurrency,
    int maxDelayMs,
    int maxRetryAfterMs,
    int maxCrawlDelayMs,
    CrawlDelayOverCap crawlDelayOverCap,
    long robotsCacheMs,
    int robotsCacheEntries,
    long robotsCacheBytes,
    Robots401403 robots401403,
    int robotsRetryMs,
    int robotsUnavailableMaxMs) {

  /** politeness.crawlDelayOverCap: a Crawl-delay over maxCrawlDelayMs is crawled at the cap, or the host skipped. */
  public enum CrawlDelayOverCap implements Choice { CAP, SKIP }

  /** politeness.robots401403: robots.txt answering 401/403 allows all (RFC 9309) or disallows all. */
  public enum Robots401403 implements Choice { ALLOW, DISALLOW }
}
