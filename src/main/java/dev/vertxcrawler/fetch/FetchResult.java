package dev.vertxcrawler.fetch;

import io.vertx.core.buffer.Buffer;

/**
 * What one fetch produced. {@code error} is null when a complete response arrived (whatever its status);
 * otherwise a short kebab-case kind such as {@code timeout} or {@code too-large}. {@code body} is kept only
 * for parseable content types, and never beyond the configured cap. {@code validators} are the response's
 * ETag and Last-Modified; {@code robotsTags} its X-Robots-Tag header values.
 */
public record FetchResult(
    Integer status,
    String contentType,
    String location,
    String retryAfter,
    long bytes,
    String sha256,
    Buffer body,
    String error,
    long elapsedMs,
    Validators validators,
    java.util.List<String> robotsTags) {

  public boolean complete() {
    return error == null;
  }

  static FetchResult failed(String error) {
    return new FetchResult(null, null, null, null, 0, null, null, error, 0, Validators.NONE,
        java.util.List.of());
  }
}
