package dev.vertxcrawler.fetch;

import java.util.Set;

/** Which outcomes are worth another try: transient network failures and 408/429/500/502/503/504. */
public final class RetryPolicy {
  private static final Set<Integer> STATUSES = Set.of(408, 429, 500, 502, 503, 504);
  private static final Set<String> ERRORS = Set.of(FetchErrors.TIMEOUT, FetchErrors.CONNECT, FetchErrors.RESET,
      FetchErrors.TRUNCATED, FetchErrors.DNS_SERVFAIL, FetchErrors.DNS_TIMEOUT);

  private RetryPolicy() {
  }

  public static boolean isRetryable(FetchResult result) {
    if (!result.complete()) {
      return ERRORS.contains(result.error());
    }
    return STATUSES.contains(result.status());
  }

  /** 429 and 503 mean "slow down": the host's delay is doubled. */
  public static boolean isBackoff(FetchResult result) {
    return result.complete() && (result.status() == 429 || result.status() == 503);
  }
}
