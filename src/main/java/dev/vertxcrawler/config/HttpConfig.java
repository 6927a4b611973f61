package dev.vertxcrawler.config;

/** How one fetch behaves: timeouts, the body and header caps, and retries. */
public record HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
    int maxHeaderBytes) {
}
