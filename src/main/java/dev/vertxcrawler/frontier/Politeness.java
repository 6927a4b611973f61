package dev.vertxcrawler.frontier;

import dev.vertxcrawler.config.PolitenessConfig;

/**
 * Politeness decisions as pure functions: given a host's delay state and an answer (or a robots.txt
 * Crawl-delay), what its delay becomes and whether it must wait longer. No clock of its own, no state; the
 * frontier applies the decisions to its host clocks, and the crawl logs what they say.
 */
public final class Politeness {
  private final PolitenessConfig config;
  private final AdaptiveThrottle throttle;

  public Politeness(PolitenessConfig config) {
    this.config = config;
    this.throttle = new AdaptiveThrottle(config);
  }

  /** A host's delay state: the delay in force, its floor (minDelayMs or Crawl-delay) and the last delay logged. */
  public record HostDelay(long delayMs, long floorMs, long loggedMs) {
  }

  /**
   * What one answer changes. {@code slowed} says the delay at least doubled since it was last logged (worth a
   * line); {@code deferred} that a Retry-After holds the host, for {@code blockForMs} (0 when the moment it
   * names is past), {@code retryAfterCapped} whether the host asked for longer than maxRetryAfterMs.
   */
  public record DelayDecision(long delayMs, boolean backedOff, boolean slowed, boolean deferred, long blockForMs,
      boolean retryAfterCapped) {
  }

  /** What a robots.txt Crawl-delay does to a host. */
  public record CrawlDelayDecision(Kind kind, long floorMs, long capMs) {
    public enum Kind {
      /** Crawled at its Crawl-delay (or minDelayMs if larger). */
      APPLIED,
      /** Asked for more than maxCrawlDelayMs: crawled at the cap. */
      CAPPED,
      /** Asked for more than maxCrawlDelayMs with crawlDelayOverCap skip: the host is given up. */
      GIVE_UP
    }
  }

  public DelayDecision afterAnswer(HostDelay host, HostAnswer answer) {
    long next;
    boolean slowed = false;
    if (answer.backoff()) {
      next = throttle.afterBackoff(host.delayMs(), host.floorMs());
    } else {
      next = throttle.afterResponse(host.delayMs(), host.floorMs(), answer.elapsedMs(), answer.errorAnswer());
      slowed = next >= 2 * Math.max(host.loggedMs(), 100);
    }
    boolean deferred = answer.backoff() && answer.retryAfterMs() != null;
    long block = deferred ? Math.max(0, Math.min(answer.retryAfterMs(), config.maxRetryAfterMs())) : 0;
    boolean capped = deferred && block < answer.retryAfterMs();
    return new DelayDecision(next, answer.backoff(), slowed, deferred, block, capped);
  }

  /** @param crawlDelayMs the Crawl-delay robots.txt asks for, 0 when it sets none */
  public CrawlDelayDecision crawlDelay(long crawlDelayMs) {
    long cap = config.maxCrawlDelayMs();
    if (crawlDelayMs > cap) {
      return config.crawlDelayOverCap() == PolitenessConfig.CrawlDelayOverCap.SKIP
          ? new CrawlDelayDecision(CrawlDelayDecision.Kind.GIVE_UP, 0, cap)
          : new CrawlDelayDecision(CrawlDelayDecision.Kind.CAPPED, throttle.floor(cap), cap);
    }
    return new CrawlDelayDecision(CrawlDelayDecision.Kind.APPLIED, throttle.floor(crawlDelayMs), cap);
  }

  /** The delay every host starts with. */
  public long initialDelayMs() {
    return config.minDelayMs();
  }
}
