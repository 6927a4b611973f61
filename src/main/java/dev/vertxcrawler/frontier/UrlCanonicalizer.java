package dev.vertxcrawler.frontier;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one canonical form of a URL, used for dedup and records: crawler-commons' {@link BasicURLNormalizer}
 * (lower-case scheme and host, default port dropped, dot segments resolved, percent-encoding normalised,
 * query parameters sorted, fragment dropped), restricted to http and https.
 */
public final class UrlCanonicalizer {
  private final BasicURLNormalizer normalizer = new BasicURLNormalizer();

  /** The canonical form, or null when the URL is not a valid absolute http(s) URL. */
  public String canonical(String url) {
    if (url == null || !isHttp(url)) {
      return null;
    }
    String normalized;
    try {
      normalized = normalizer.filter(url.trim());
    } catch (RuntimeException e) {
      return null;
    }
    if (normalized == null || !isHttp(normalized)) {
      return null;
    }
    try {
      URI uri = new URI(normalized);
      return uri.getHost() == null ? null : normalized;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  public static boolean isHttp(String url) {
    return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
  }

  /** scheme://host[:port] of a canonical URL — the unit of politeness and scope. */
  public static String origin(String canonicalUrl) {
    int schemeEnd = canonicalUrl.indexOf("://");
    int pathStart = canonicalUrl.indexOf('/', schemeEnd + 3);
    int queryStart = canonicalUrl.indexOf('?', schemeEnd + 3);
    int end = pathStart < 0 ? canonicalUrl.length() : pathStart;
    if (queryStart >= 0 && queryStart < end) {
      end = queryStart;
    }
    return canonicalUrl.substring(0, end).toLowerCase(Locale.ROOT);
  }
}
