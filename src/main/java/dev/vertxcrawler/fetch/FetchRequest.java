package dev.vertxcrawler.fetch;

/**
 * One fetch to make: the URL; what to keep of the body ({@code policy}; null = a page under
 * {@code http.maxBodyBytes}); the validators of an earlier answer to ask conditionally with (an unchanged page
 * comes back 304); and {@code onStart}, run once when the request goes out on its connection (or, when no
 * connection could be had, when the attempt ends) — the instant a host's politeness clock counts from; and
 * {@code lastForHost}: nothing else of this host waits, so the request asks the server to close the connection
 * after it ({@code Connection: close}) instead of keeping it idle for a next request that is not coming — on a
 * broad crawl, every host done would otherwise hold a connection open for the keep-alive time.
 */
public record FetchRequest(String url, BodyPolicy policy, Validators conditional, Runnable onStart,
    boolean lastForHost) {

  public FetchRequest {
    conditional = conditional == null ? Validators.NONE : conditional;
    onStart = onStart == null ? () -> { } : onStart;
  }

  /** A page: HTML bodies kept for parsing, anything over {@code http.maxBodyBytes} fails as too-large. */
  public static FetchRequest page(String url) {
    return new FetchRequest(url, null, Validators.NONE, null, false);
  }

  public static FetchRequest of(String url, BodyPolicy policy) {
    return new FetchRequest(url, policy, Validators.NONE, null, false);
  }

  public FetchRequest conditional(Validators validators) {
    return new FetchRequest(url, policy, validators, onStart, lastForHost);
  }

  public FetchRequest onStart(Runnable callback) {
    return new FetchRequest(url, policy, conditional, callback, lastForHost);
  }

  public FetchRequest lastForHost(boolean last) {
    return new FetchRequest(url, policy, conditional, onStart, last);
  }
}
