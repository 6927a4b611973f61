package dev.vertxcrawler.fetch;

/**
 * A response's cache validators, {@code ETag} and {@code Last-Modified} as the server sent them (null when
 * absent), kept so that a later crawl can ask "has it changed?" with If-None-Match / If-Modified-Since.
 */
public record Validators(String etag, String lastModified) {
  public static final Validators NONE = new Validators(null, null);
  /** A longer header is not stored: a validator cut short would never match, and a record must stay small. */
  static final int MAX_LENGTH = 512;

  /** From response headers, each dropped when blank, too long or holding control characters. */
  public static Validators of(String etag, String lastModified) {
    String e = clean(etag);
    String m = clean(lastModified);
    return e == null && m == null ? NONE : new Validators(e, m);
  }

  public boolean any() {
    return etag != null || lastModified != null;
  }

  private static String clean(String value) {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return null; // would break the request header it goes back into
      }
    }
    return value.strip();
  }
}
