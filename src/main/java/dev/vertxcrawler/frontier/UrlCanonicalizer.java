package dev.vertxcrawler.frontier;

import dev.vertxcrawler.net.IpLiterals;
import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one canonical form of a URL, used for dedup, robots checks and records: crawler-commons'
 * {@link BasicURLNormalizer} (lower-case scheme and host, default port dropped, dot segments resolved,
 * percent-encoding normalised, query parameters sorted, fragment dropped), with session-id parameters
 * removed from the query and from path parameters ({@code ;jsessionid=…}), restricted to http and https.
 */
public final class UrlCanonicalizer {
  private final BasicURLNormalizer normalizer;
  private final Pattern pathSessionId;

  public UrlCanonicalizer() {
    this(List.of());
  }

  public UrlCanonicalizer(List<String> sessionIdParams) {
    Set<String> names = new HashSet<>();
    for (String name : sessionIdParams) {
      // BasicURLNormalizer matches names exactly; cover the usual spellings.
      names.add(name);
      names.add(name.toLowerCase(Locale.ROOT));
      names.add(name.toUpperCase(Locale.ROOT));
    }
    this.normalizer = BasicURLNormalizer.newBuilder().queryParamsToRemove(names).build();
    this.pathSessionId = sessionIdParams.isEmpty() ? null : Pattern.compile(
        ";(?:" + sessionIdParams.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")=[^/?#;]*",
        Pattern.CASE_INSENSITIVE);
  }

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
    if (pathSessionId != null && normalized.indexOf(';') >= 0) {
      normalized = stripPathSessionIds(normalized);
    }
    try {
      URI uri = new URI(normalized);
      if (uri.getHost() == null) {
        return null;
      }
      // 127.1, 0x7f.0.0.1, 2130706433 … are 127.0.0.1 to resolvers and browsers: one spelling for dedup,
      // scope and the address guard.
      String ipv4 = IpLiterals.canonicalIpv4(uri.getHost());
      if (ipv4 != null && !ipv4.equals(uri.getHost())) {
        int hostStart = normalized.indexOf("://") + 3;
        int at = normalized.lastIndexOf('@', normalized.indexOf(uri.getHost(), hostStart));
        int from = normalized.indexOf(uri.getHost(), Math.max(hostStart, at + 1));
        normalized = normalized.substring(0, from) + ipv4 + normalized.substring(from + uri.getHost().length());
      }
      return normalized;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private String stripPathSessionIds(String url) {
    int query = url.indexOf('?');
    String path = query >= 0 ? url.substring(0, query) : url;
    String rest = query >= 0 ? url.substring(query) : "";
    return pathSessionId.matcher(path).replaceAll("") + rest;
  }

  public static boolean isHttp(String url) {
    return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
  }

  /** scheme://host[:port] of a canonical URL — the unit of politeness, robots.txt and scope. */
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

  /** The host of an origin, without port or IPv6 brackets. */
  public static String host(String origin) {
    String authority = origin.substring(origin.indexOf("://") + 3);
    if (authority.startsWith("[")) {
      return authority.substring(1, authority.indexOf(']'));
    }
    int colon = authority.lastIndexOf(':');
    return colon >= 0 ? authority.substring(0, colon) : authority;
  }
}
