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
    HostLiteral literal = HostLiteral.of(url.trim());
    if (literal == null) {
      return null;
    }
    String normalized;
    try {
      normalized = normalizer.filter(literal.url());
    } catch (RuntimeException e) {
      return null;
    }
    if (normalized != null && literal.ipv6() != null) {
      normalized = normalized.replace(HostLiteral.PLACEHOLDER, "[" + literal.ipv6() + "]");
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

  /**
   * A URL with its host's IP spelling made canonical before normalisation: 127.1, 0x7f.0.0.1 and 2130706433
   * become 127.0.0.1 (what resolvers and browsers read them as — one spelling for dedup, scope and the
   * address guard); [::ffff:a.b.c.d] becomes a.b.c.d; another IPv6 literal stands in as {@link #PLACEHOLDER}
   * (crawler-commons' normaliser rejects brackets) and {@code ipv6} holds its canonical text to put back.
   */
  record HostLiteral(String url, String ipv6) {
    static final String PLACEHOLDER = "ipv6-literal.invalid";

    static HostLiteral of(String url) {
      int hostStart = url.indexOf("://") + 3;
      int authorityEnd = hostStart;
      while (authorityEnd < url.length() && "/?#\\".indexOf(url.charAt(authorityEnd)) < 0) {
        authorityEnd++;
      }
      int at = url.lastIndexOf('@', authorityEnd - 1);
      if (at >= hostStart) {
        hostStart = at + 1;
      }
      String authority = url.substring(hostStart, authorityEnd);
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        java.net.InetAddress address = close < 0 ? null : IpLiterals.literal(authority.substring(0, close + 1));
        if (address == null) {
          return null;
        }
        String rest = url.substring(0, hostStart) + "%s" + authority.substring(close + 1) + url.substring(authorityEnd);
        if (address instanceof java.net.Inet4Address) {
          return new HostLiteral(rest.replace("%s", address.getHostAddress()), null);
        }
        return new HostLiteral(rest.replace("%s", PLACEHOLDER), address.getHostAddress());
      }
      int colon = authority.lastIndexOf(':');
      String host = colon >= 0 ? authority.substring(0, colon) : authority;
      String ipv4 = IpLiterals.canonicalIpv4(host);
      if (ipv4 == null || ipv4.equals(host)) {
        return new HostLiteral(url, null);
      }
      return new HostLiteral(url.substring(0, hostStart) + ipv4 + url.substring(hostStart + host.length()), null);
    }
  }
}
