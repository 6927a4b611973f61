package dev.vertxcrawler.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Attributes;

/**
 * Collects what a page says about links from its elements in document order — the tags of a token scan or the
 * elements of a DOM, the same facts either way — and turns them into a {@link ParsedPage}.
 */
final class PageFacts {
  private final String pageUrl;
  private String base; // the first <base href> that resolves, else the page URL
  private boolean baseSet;
  private final List<String> hrefs = new ArrayList<>(); // a/area hrefs in order; null for a rel=nofollow one
  private final List<String> refreshes = new ArrayList<>(2);
  private String canonicalHref;
  private boolean metaNofollow;
  private boolean metaNoindex;
  /** {@code <meta name="somebot" content="nofollow">}: "somebot: nofollow", for the crawl to match its token. */
  private final List<String> crawlerMetas = new ArrayList<>(0);
  private static final int MAX_CRAWLER_METAS = 16;
  private static final java.util.regex.Pattern CRAWLER_NAME = java.util.regex.Pattern.compile("[a-z0-9_.-]{1,64}");
  private String title = "";

  PageFacts(String pageUrl) {
    this.pageUrl = pageUrl;
    this.base = pageUrl;
  }

  /** One element or start tag: {@code normalName} in lower case, its attributes (null when it has none). */
  void element(String normalName, Attributes attrs) {
    if (attrs == null) {
      return;
    }
    switch (normalName) {
      case "a", "area" -> {
        if (attrs.hasKeyIgnoreCase("href")) {
          hrefs.add(hasRel(attrs, "nofollow") ? null : attrs.getIgnoreCase("href"));
        }
      }
      case "meta" -> {
        String name = attrs.getIgnoreCase("name").toLowerCase(Locale.ROOT);
        if (name.equals("robots")) {
          String content = attrs.getIgnoreCase("content").toLowerCase(Locale.ROOT);
          metaNofollow |= content.contains("nofollow") || content.contains("none");
          metaNoindex |= content.contains("noindex") || content.contains("none");
        } else if (!name.isEmpty() && crawlerMetas.size() < MAX_CRAWLER_METAS && CRAWLER_NAME.matcher(name).matches()
            && robotsWords(attrs.getIgnoreCase("content"))) {
          crawlerMetas.add(name + ": " + attrs.getIgnoreCase("content")); // one crawler's meta robots
        } else if (attrs.getIgnoreCase("http-equiv").equalsIgnoreCase("refresh") && attrs.hasKeyIgnoreCase("content")) {
          refreshes.add(attrs.getIgnoreCase("content"));
        }
      }
      case "link" -> {
        if (canonicalHref == null && attrs.hasKeyIgnoreCase("href") && hasRel(attrs, "canonical")) {
          canonicalHref = attrs.getIgnoreCase("href");
        }
      }
      case "base" -> {
        // as jsoup: the first <base> whose href resolves against the page URL sets the base of every link
        if (!baseSet && attrs.hasKeyIgnoreCase("href")) {
          String resolved = StringUtil.resolve(pageUrl, attrs.getIgnoreCase("href"));
          if (!resolved.isEmpty()) {
            base = resolved;
            baseSet = true;
          }
        }
      }
      default -> { }
    }
  }

  /** The most of a title a record keeps: a hostile page's unclosed {@code <title>} holds the rest of the page. */
  static final int MAX_TITLE = 1000;

  /** The title as read (whitespace already normalised); kept to {@link #MAX_TITLE} characters. */
  void title(String title) {
    this.title = title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE);
  }

  ParsedPage toParsedPage(int maxOutlinks) {
    List<String> links = new ArrayList<>(Math.min(hrefs.size(), maxOutlinks) + refreshes.size());
    // A meta refresh is a link (Heritrix follows it too); one to the page itself is a duplicate, not a loop.
    for (String content : refreshes) {
      String target = refreshUrl(content);
      String absolute = target == null ? null : httpUrlWithoutFragment(resolveLoosely(target));
      if (absolute != null && !metaNofollow) {
        links.add(absolute);
      }
    }
    int nofollow = 0;
    int otherScheme = 0;
    int overCap = 0;
    LinkResolver resolver = LinkResolver.forBase(base);
    for (String href : hrefs) {
      if (metaNofollow || href == null) {
        nofollow++;
        continue;
      }
      if (links.size() >= maxOutlinks) {
        overCap++;
        continue;
      }
      String fast = resolver == null ? null : resolver.resolve(href);
      String absolute = fast != null ? (fast.isEmpty() ? null : fast)
          : httpUrlWithoutFragment(StringUtil.resolve(base, href)); // what jsoup's absUrl does
      if (absolute != null) {
        links.add(absolute);
      } else {
        otherScheme++;
      }
    }
    String canonical = canonicalHref == null ? null
        : httpUrlWithoutFragment(StringUtil.resolve(base, canonicalHref));
    return new ParsedPage(title, links, hrefs.size(), nofollow, otherScheme, metaNofollow, metaNoindex, canonical,
        overCap, null, List.copyOf(crawlerMetas));
  }

  private static boolean robotsWords(String content) {
    String c = content.toLowerCase(Locale.ROOT);
    return c.length() <= 1_000 && (c.contains("noindex") || c.contains("nofollow") || c.contains("none"));
  }

  private String resolveLoosely(String relative) {
    try {
      return new java.net.URI(base).resolve(relative.replace(" ", "%20")).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "";
    }
  }

  /** Whether the rel attribute lists {@code value} (lower case), case-insensitively, among its whitespace-separated tokens. */
  static boolean hasRel(Attributes attrs, String value) {
    String rel = attrs.getIgnoreCase("rel");
    int n = rel.length();
    int at = 0;
    while (at < n) { // split by hand: String.split("\\s+") compiles a Pattern per call, three times per page
      while (at < n && isSpace(rel.charAt(at))) {
        at++;
      }
      int end = at;
      while (end < n && !isSpace(rel.charAt(end))) {
        end++;
      }
      if (end - at == value.length() && rel.regionMatches(true, at, value, 0, value.length())) {
        return true;
      }
      at = end;
    }
    return false;
  }

  /** Regex {@code \\s}: space, tab, line feed, vertical tab, form feed, carriage return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** The URL of a refresh's content ("5; url=/next"), or null when it only reloads the page itself. */
  static String refreshUrl(String content) {
    java.util.regex.Matcher m = REFRESH_URL.matcher(content);
    if (!m.find()) {
      return null;
    }
    String url = m.group(1).trim();
    if (url.length() >= 2 && (url.charAt(0) == '\'' || url.charAt(0) == '"')) {
      url = url.substring(1, url.indexOf(url.charAt(0), 1) > 0 ? url.indexOf(url.charAt(0), 1) : url.length());
    }
    return url.isEmpty() ? null : url;
  }

  private static final java.util.regex.Pattern REFRESH_URL =
      java.util.regex.Pattern.compile("(?i)^\\s*[\\d.]*\\s*[;,]?\\s*url\\s*=\\s*(.+)$");

  /** Keeps only http(s) URLs and drops the fragment; jsoup gives "" for what it cannot resolve. */
  static String httpUrlWithoutFragment(String absolute) {
    if (absolute.isEmpty()) {
      return null;
    }
    if (!absolute.regionMatches(true, 0, "http://", 0, 7) && !absolute.regionMatches(true, 0, "https://", 0, 8)) {
      return null;
    }
    int hash = absolute.indexOf('#');
    return hash >= 0 ? absolute.substring(0, hash) : absolute;
  }
}
