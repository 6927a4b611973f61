package dev.vertxcrawler.config;

/** How hard one host may be hit. */
public record PolitenessConfig(int minDelayMs, int maxConcurrencyPerHost) {
}
