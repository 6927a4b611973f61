package dev.vertxcrawler.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * jsoup → {@link ParsedPage}. CPU-bound and blocking: call it only from a worker thread
 * ({@code executeBlocking}), never from an event loop.
 */
public final class PageParser {

  private PageParser() {
  }

  /**
   * @param body    the raw bytes as received (decoded from gzip, not from their charset)
   * @param charset the charset the Content-Type declared, or null to sniff BOM and meta tags (UTF-8 default)
   * @param pageUrl the URL the page was fetched from; relative links resolve against it or its base href
   */
  public static final int DEFAULT_MAX_OUTLINKS = 5_000;

  public static ParsedPage parse(byte[] body, String charset, String pageUrl) {
    return parse(body, charset, pageUrl, DEFAULT_MAX_OUTLINKS);
  }

  /** @param maxOutlinks links kept from the page (parse.maxOutlinks); the rest are only counted */
  public static ParsedPage parse(byte[] body, String charset, String pageUrl, int maxOutlinks) {
    Document doc;
    // Charset order: a byte-order mark, then the Content-Type's charset, then <meta charset>, then UTF-8.
    int bomLength = 0;
    String bom = bomCharset(body);
    if (bom != null) {
      charset = bom;
      bomLength = bom.equals("UTF-8") ? 3 : 2;
    }
    if (charset == null) {
      charset = MetaCharset.prescan(body, bomLength, body.length - bomLength); // else jsoup sniffs it
    }
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(body, bomLength, body.length - bomLength), charset, pageUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // One walk over the tree collects what the page says about links (jsoup's select would walk it per query).
    List<Element> anchors = new ArrayList<>();
    List<Element> refreshes = new ArrayList<>();
    Element canonicalLink = null;
    boolean metaNofollow = false;
    boolean metaNoindex = false;
    // Elements only, in document order (text nodes, the bulk of a page, are never visited).
    for (Element e = doc; e != null; e = nextElement(e, doc)) {
      switch (e.normalName()) {
        case "a", "area" -> {
          if (e.hasAttr("href")) {
            anchors.add(e);
          }
        }
        case "meta" -> {
          if (e.attr("name").equalsIgnoreCase("robots")) {
            String content = e.attr("content").toLowerCase(Locale.ROOT);
            metaNofollow |= content.contains("nofollow") || content.contains("none");
            metaNoindex |= content.contains("noindex") || content.contains("none");
          } else if (e.attr("http-equiv").equalsIgnoreCase("refresh") && e.hasAttr("content")) {
            refreshes.add(e);
          }
        }
        case "link" -> {
          if (canonicalLink == null && e.hasAttr("href") && hasRel(e, "canonical")) {
            canonicalLink = e;
          }
        }
        default -> { }
      }
    }
    List<String> links = new ArrayList<>();
    int outlinks = 0;
    int nofollow = 0;
    int otherScheme = 0;
    int overCap = 0;
    // A meta refresh is a link (Heritrix follows it too); one to the page itself is a duplicate, not a loop.
    for (Element refresh : refreshes) {
      String target = refreshUrl(refresh.attr("content"));
      String absolute = target == null ? null : httpUrlWithoutFragment(resolve(refresh, target));
      if (absolute != null && !metaNofollow) {
        links.add(absolute);
      }
    }
    LinkResolver resolver = null;
    String resolverBase = null;
    for (Element a : anchors) {
      outlinks++;
      if (metaNofollow || hasRelNofollow(a)) {
        nofollow++;
        continue;
      }
      if (links.size() >= maxOutlinks) {
        overCap++;
        continue;
      }
      if (!a.baseUri().equals(resolverBase)) {
        resolverBase = a.baseUri();
        resolver = LinkResolver.forBase(resolverBase);
      }
      String fast = resolver == null ? null : resolver.resolve(a.attr("href"));
      String absolute = fast != null ? (fast.isEmpty() ? null : fast) : httpUrlWithoutFragment(a.absUrl("href"));
      if (absolute != null) {
        links.add(absolute);
      } else {
        otherScheme++;
      }
    }
    String canonical = canonicalLink == null ? null : httpUrlWithoutFragment(canonicalLink.absUrl("href"));
    return new ParsedPage(doc.title(), links, outlinks, nofollow, otherScheme, metaNofollow, metaNoindex, canonical,
        overCap);
  }

  /** The element after {@code e} in document order (pre-order), within {@code root}; null after the last. */
  private static Element nextElement(Element e, Element root) {
    Element child = e.firstElementChild();
    if (child != null) {
      return child;
    }
    for (Element at = e; at != null && at != root; at = at.parent()) {
      Element sibling = at.nextElementSibling();
      if (sibling != null) {
        return sibling;
      }
    }
    return null;
  }

  private static String bomCharset(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return "UTF-8";
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return "UTF-16BE";
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return "UTF-16LE";
    }
    return null;
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

  private static String resolve(Element element, String relative) {
    try {
      return new java.net.URI(element.baseUri()).resolve(relative.replace(" ", "%20")).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "";
    }
  }

  private static boolean hasRelNofollow(Element a) {
    return hasRel(a, "nofollow");
  }

  private static boolean hasRel(Element e, String value) {
    String rel = e.attr("rel");
    if (rel.isEmpty()) {
      return false;
    }
    for (String token : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (token.equals(value)) {
        return true;
      }
    }
    return false;
  }

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
