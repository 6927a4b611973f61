package dev.vertxcrawler.frontier;

/**
 * The politeness facts of one answer from a host, as the frontier needs them to set the host's delay: how
 * long it took, whether it was an error answer, whether it asked us to back off (429, 503) and for how long
 * (Retry-After, already turned into milliseconds; null when absent or unreadable).
 */
public record HostAnswer(long elapsedMs, boolean errorAnswer, boolean backoff, Long retryAfterMs, Integer status) {
}
