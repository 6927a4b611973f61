package dev.vertxcrawler.fetch;

/**
 * What a fetch keeps of a body: at most {@code maxBytes} decoded bytes; past them either the fetch fails
 * as {@code too-large} (pages, sitemaps) or the body is truncated and the fetch succeeds (robots.txt, of which
 * RFC 9309 asks for at least the first 500 KiB). {@code keepAnyType}: keep the body whatever its content type
 * (otherwise only HTML is kept, for parsing).
 */
public record BodyPolicy(long maxBytes, boolean truncateAtCap, boolean keepAnyType) {

  public static BodyPolicy page(long maxBytes) {
    return new BodyPolicy(maxBytes, false, false);
  }

  public static BodyPolicy document(long maxBytes) {
    return new BodyPolicy(maxBytes, false, true);
  }

  public static BodyPolicy truncated(long maxBytes) {
    return new BodyPolicy(maxBytes, true, true);
  }
}
