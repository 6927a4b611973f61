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
    boolean skipOverCapCrawlDelay,
    long robotsCacheMs,
    boolean robotsDisallowOn401403,
    int robotsRetryMs,
    int robotsUnavailableMaxMs) {
}
