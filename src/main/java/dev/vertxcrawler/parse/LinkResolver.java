package dev.vertxcrawler.parse;

/**
 * Resolves a page's hrefs against its base URL (RFC 3986 §5.2) without building a java.net.URL per link —
 * jsoup's {@code absUrl} does, and on a 100-link page that costs as much as the parse itself. Plain
 * references (printable ASCII, no whitespace, no backslash) take the fast path here; anything unusual is
 * handed back as null so the caller falls back to jsoup. Results are absolute http(s) URLs without
 * fragment, or "" for a reference to another scheme.
 */
final class LinkResolver {
  private final String scheme;     // "http" or "https"
  private final String authority;  // "//host:port"
  private final String path;       // base path, at least "/"
  private final String query;      // "?…" or ""

  private LinkResolver(String scheme, String authority, String path, String query) {
    this.scheme = scheme;
    this.authority = authority;
    this.path = path;
    this.query = query;
  }

  /** For an absolute http(s) base URL in plain form, else null (the caller uses jsoup for every link). */
  static LinkResolver forBase(String base) {
    int colon = base.indexOf("://");
    if (colon < 0 || !isPlain(base)) {
      return null;
    }
    String scheme = base.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    int hash = base.indexOf('#');
    String noFragment = hash >= 0 ? base.substring(0, hash) : base;
    int pathStart = noFragment.indexOf('/', colon + 3);
    int queryStart = noFragment.indexOf('?', colon + 3);
    if (queryStart >= 0 && (pathStart < 0 || queryStart < pathStart)) {
      pathStart = -1; // "http://host?q": empty path
    }
    int authorityEnd = pathStart >= 0 ? pathStart : queryStart >= 0 ? queryStart : noFragment.length();
    String authority = noFragment.substring(colon + 1, authorityEnd);
    String rest = noFragment.substring(authorityEnd);
    int q = rest.indexOf('?');
    String path = q >= 0 ? rest.substring(0, q) : rest;
    String query = q >= 0 ? rest.substring(q) : "";
    return new LinkResolver(scheme, authority, path.isEmpty() ? "/" : path, query);
  }

  /** The absolute URL without fragment, "" for another scheme, or null when jsoup should decide. */
  String resolve(String href) {
    String ref = href.strip();
    if (!isPlain(ref)) {
      return null;
    }
    int hash = ref.indexOf('#');
    if (hash >= 0) {
      ref = ref.substring(0, hash);
    }
    if (ref.isEmpty()) {
      return scheme + ":" + authority + path + query; // "" or "#x": this page
    }
    int schemeEnd = schemeLength(ref);
    if (schemeEnd > 0) {
      String s = ref.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
      if (!s.equals("http") && !s.equals("https")) {
        return "";
      }
      if (!ref.startsWith("//", schemeEnd + 1)) {
        return null; // "http:foo": legal but odd; let jsoup decide
      }
      return s + ref.substring(schemeEnd); // as jsoup gives it; the canonicaliser resolves its dot segments
    }
    if (ref.startsWith("//")) {
      return scheme + ":" + ref;
    }
    if (ref.startsWith("?")) {
      return scheme + ":" + authority + path + ref;
    }
    int q = ref.indexOf('?');
    String refPath = q >= 0 ? ref.substring(0, q) : ref;
    String refQuery = q >= 0 ? ref.substring(q) : "";
    String merged = refPath.startsWith("/") ? refPath : path.substring(0, path.lastIndexOf('/') + 1) + refPath;
    return scheme + ":" + authority + removeDotSegments(merged) + refQuery;
  }

  /** RFC 3986 §5.2.4, on an absolute path; one pass, no split (most hrefs are "../x/Y.html"). */
  static String removeDotSegments(String input) {
    if (input.indexOf("/.") < 0) {
      return input; // no segment can be "." or ".."
    }
    StringBuilder out = new StringBuilder(input.length());
    int n = input.length();
    for (int i = 0; i < n; ) { // input.charAt(i) == '/'
      int next = input.indexOf('/', i + 1);
      if (next < 0) {
        next = n;
      }
      int length = next - i - 1;
      boolean last = next == n;
      if (length == 1 && input.charAt(i + 1) == '.') {
        if (last) {
          out.append('/');
        }
      } else if (length == 2 && input.charAt(i + 1) == '.' && input.charAt(i + 2) == '.') {
        out.setLength(Math.max(out.lastIndexOf("/"), 0));
        if (last) {
          out.append('/');
        }
      } else {
        out.append(input, i, next);
      }
      i = next;
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  /** Length of a leading "scheme" before ':' (RFC 3986 §3.1), or 0. */
  private static int schemeLength(String ref) {
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c == ':') {
        return i;
      }
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+'
          || c == '-' || c == '.');
      if (!ok) {
        return 0;
      }
    }
    return 0;
  }

  /** Printable ASCII without space, backslash and the characters jsoup would escape or strip. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 127 || c == '\\' || c == '"' || c == '<' || c == '>' || c == '^' || c == '`'
          || c == '{' || c == '}' || c == '|') {
        return false;
      }
    }
    return true;
  }
}
