package dev.vertxcrawler.frontier;

import dev.vertxcrawler.config.PolitenessConfig;

/**
 * Each host's delay. The floor is max(minDelayMs, Crawl-delay); the ceiling maxDelayMs. With
 * {@code adaptive} on, the delay moves halfway toward latency / targetConcurrency after each response —
 * so recovery after a slow spell is gradual — but an error answer (4xx/5xx or a failed fetch) never lowers
 * it. 429 and 503 double it (at least to one second). Pure arithmetic: no clock, no state.
 */
public final class AdaptiveThrottle {
  static final long MIN_BACKOFF_MS = 1000;

  private final PolitenessConfig config;

  public AdaptiveThrottle(PolitenessConfig config) {
    this.config = config;
  }

  /** The delay a host starts with: minDelayMs, or its Crawl-delay when that is larger (already capped). */
  public long floor(long crawlDelayMs) {
    return Math.max(config.minDelayMs(), Math.max(0, crawlDelayMs));
  }

  /** The delay after a response that took {@code latencyMs}. */
  public long afterResponse(long current, long floor, long latencyMs, boolean errorAnswer) {
    if (!config.adaptive()) {
      return clamp(Math.max(current, floor), floor);
    }
    // A host allowed N requests at once is aimed at N in flight at least (throughput mode is not throttled
    // to one request at a time by its own latency).
    double concurrency = Math.max(config.targetConcurrency(), config.maxConcurrencyPerHost());
    long target = Math.round(latencyMs / concurrency);
    long next = (current + target) / 2;
    if (errorAnswer) {
      next = Math.max(current, next);
    }
    return clamp(next, floor);
  }

  /** The delay after a 429 or 503: doubled, at least one second, at most maxDelayMs. */
  public long afterBackoff(long current, long floor) {
    long doubled = Math.max(MIN_BACKOFF_MS, current * 2);
    return clamp(doubled, floor);
  }

  private long clamp(long delay, long floor) {
    long ceiling = Math.max(floor, config.maxDelayMs());
    return Math.min(ceiling, Math.max(floor, delay));
  }
}
