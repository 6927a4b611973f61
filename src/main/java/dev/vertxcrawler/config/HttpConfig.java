package dev.vertxcrawler.config;

import java.util.Map;

/**
 * How one fetch behaves: timeouts, the body and header caps, retries, and the extra request headers of
 * {@code http.headers} (sent to the seeds' origins only).
 */
public record HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
    int maxHeaderBytes, Map<String, String> headers) {

  public HttpConfig(int connectTimeoutMs, int idleTimeoutMs, int deadlineMs, long maxBodyBytes, int retries,
      int maxHeaderBytes) {
    this(connectTimeoutMs, idleTimeoutMs, deadlineMs, maxBodyBytes, retries, maxHeaderBytes, Map.of());
  }
}
