package dev.vertxcrawler.config;

/** How one fetch behaves: timeouts and the body cap. */
public record HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes) {
}
