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
    if (isAlreadyCanonical(url)) {
      return url; // most links on real sites: skip crawler-commons' normaliser, which parses each URL thrice
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

  /**
   * True for a URL the normaliser would return unchanged: lower-case http(s) scheme and host name (not an IP
   * spelling), no default port, a path of unreserved characters without dot segments or empty segments, no
   * query. Checked in one pass over the characters.
   */
  static boolean isAlreadyCanonical(String url) {
    int i = url.startsWith("http://") ? 7 : url.startsWith("https://") ? 8 : -1;
    if (i < 0) {
      return false;
    }
    int hostStart = i;
    char last = 0;
    while (i < url.length() && url.charAt(i) != ':' && url.charAt(i) != '/') {
      char c = url.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') || c == '.' && last == '.') {
        return false;
      }
      last = c;
      i++;
    }
    if (i == hostStart || last == '.' || last == '-' || url.charAt(hostStart) == '.') {
      return false; // empty or a trailing dot
    }
    if (last >= '0' && last <= '9' && !isCanonicalDottedQuad(url, hostStart, i)) {
      String ipv4 = IpLiterals.canonicalIpv4(url.substring(hostStart, i));
      if (ipv4 != null) {
        return false; // another spelling of an IPv4 address (127.1, 2130706433): the slow path rewrites it
      }
    }
    if (i < url.length() && url.charAt(i) == ':') {
      int portStart = ++i;
      while (i < url.length() && url.charAt(i) >= '0' && url.charAt(i) <= '9') {
        i++;
      }
      String port = url.substring(portStart, i);
      if (port.isEmpty() || port.length() > 5 || port.charAt(0) == '0'
          || port.equals(url.startsWith("https") ? "443" : "80")) {
        return false;
      }
    }
    if (i >= url.length() || url.charAt(i) != '/') {
      return false; // no path: the normaliser adds "/"
    }
    int segmentStart = i + 1;
    for (i = i + 1; i <= url.length(); i++) {
      char c = i < url.length() ? url.charAt(i) : '/';
      if (c == '/') {
        int length = i - segmentStart;
        boolean dots = length == 1 && url.charAt(segmentStart) == '.'
            || length == 2 && url.charAt(segmentStart) == '.' && url.charAt(segmentStart + 1) == '.';
        if (dots || length == 0 && i < url.length()) {
          return false;
        }
        segmentStart = i + 1;
      } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
          || c == '_' || c == '~')) {
        return false;
      }
    }
    return true;
  }

  /** a.b.c.d in decimal, each 0–255 without leading zeros: the one spelling of an IPv4 address that stays. */
  private static boolean isCanonicalDottedQuad(String s, int start, int end) {
    int parts = 0;
    int i = start;
    while (i < end) {
      int partStart = i;
      int value = 0;
      while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - partStart < 4) {
        value = value * 10 + s.charAt(i) - '0';
        i++;
      }
      int digits = i - partStart;
      if (digits == 0 || digits > 3 || value > 255 || digits > 1 && s.charAt(partStart) == '0') {
        return false;
      }
      parts++;
      if (i < end) {
        if (s.charAt(i) != '.' || i == end - 1) {
          return false;
        }
        i++;
      }
    }
    return parts == 4;
  }

  public static boolean isHttp(String url) {
    return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
  }

  /** scheme://host[:port] of a canonical URL — the unit of politeness, robots.txt and scope. */
  /**
   * The origin of an absolute URL when that part is already in canonical form — lower-case http(s) scheme, a
   * lower-case host name of letters, digits, dots and hyphens whose last label starts with a letter (never an IP
   * spelling), no user info, no port or a non-default one without leading zeros — so it is the origin the
   * canonical URL will have; null for anything else (the caller canonicalises first).
   */
  public static String plainOrigin(String url) {
    int hostStart = url.startsWith("http://") ? 7 : url.startsWith("https://") ? 8 : -1;
    if (hostStart < 0) {
      return null;
    }
    int i = hostStart;
    int n = url.length();
    int labelStart = i;
    char prev = '.';
    while (i < n) {
      char c = url.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        prev = c;
      } else if (c == '-') {
        if (prev == '.') {
          return null; // a label starting with a hyphen
        }
        prev = c;
      } else if (c == '.') {
        if (prev == '.' || prev == '-') {
          return null; // an empty label, a leading dot, a label ending with a hyphen
        }
        prev = c;
        labelStart = i + 1;
      } else {
        break;
      }
      i++;
    }
    if (i == hostStart || prev == '.' || prev == '-' || labelStart >= i) {
      return null;
    }
    char firstOfLast = url.charAt(labelStart);
    if (firstOfLast < 'a' || firstOfLast > 'z') {
      return null; // a numeric last label: an IP address in some spelling, canonicalised elsewhere
    }
    int end = i;
    if (i < n && url.charAt(i) == ':') {
      int portStart = ++i;
      while (i < n && url.charAt(i) >= '0' && url.charAt(i) <= '9') {
        i++;
      }
      String port = url.substring(portStart, i);
      if (port.isEmpty() || port.length() > 5 || port.charAt(0) == '0' || Integer.parseInt(port) > 65535
          || port.equals(hostStart == 7 ? "80" : "443")) {
        return null;
      }
      end = i;
    }
    if (i < n && url.charAt(i) != '/' && url.charAt(i) != '?' && url.charAt(i) != '#') {
      return null; // user info, or anything unusual
    }
    return url.substring(0, end);
  }

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
        String before = url.substring(0, hostStart);
        String after = authority.substring(close + 1) + url.substring(authorityEnd);
        if (address instanceof java.net.Inet4Address) {
          return new HostLiteral(before + address.getHostAddress() + after, null);
        }
        return new HostLiteral(before + PLACEHOLDER + after, address.getHostAddress());
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
