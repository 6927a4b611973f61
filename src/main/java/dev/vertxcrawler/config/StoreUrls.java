package dev.vertxcrawler.config;

import io.vertx.pgclient.PgConnectOptions;

/** store.url's check: a PostgreSQL connection URL, reported without its password. */
public final class StoreUrls {
  private StoreUrls() {
  }

  /** The URL itself when it is empty or parses; else an IllegalArgumentException saying why. */
  public static String check(String url) {
    if (url.isEmpty()) {
      return url;
    }
    if (!url.matches("(?s)^postgres(ql)?://.*")) {
      throw new IllegalArgumentException("must be a postgresql:// URL, e.g. postgresql://crawler@127.0.0.1:5432/crawls, "
          + "got \"" + ProxyRoute.masked(url) + "\"");
    }
    try {
      PgConnectOptions.fromUri(url);
    } catch (IllegalArgumentException e) {
      // The client's own message repeats the URL, password and all: only its cause is kept.
      Throwable why = e.getCause() != null ? e.getCause() : e;
      String reason = why.getMessage() == null || why.getMessage().contains(url) ? "bad syntax" : why.getMessage();
      throw new IllegalArgumentException("is not a valid PostgreSQL URL (" + reason + "), got \""
          + ProxyRoute.masked(url) + "\"");
    }
    return url;
  }
}
