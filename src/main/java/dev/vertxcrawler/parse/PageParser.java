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
  public static ParsedPage parse(byte[] body, String charset, String pageUrl) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(body), charset, pageUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean metaNofollow = false;
    boolean metaNoindex = false;
    for (Element meta : doc.select("meta[name=robots]")) {
      String content = meta.attr("content").toLowerCase(Locale.ROOT);
      metaNofollow |= content.contains("nofollow") || content.contains("none");
      metaNoindex |= content.contains("noindex") || content.contains("none");
    }
    List<String> links = new ArrayList<>();
    int outlinks = 0;
    int nofollow = 0;
    int otherScheme = 0;
    for (Element a : doc.select("a[href], area[href]")) {
      outlinks++;
      if (metaNofollow || hasRelNofollow(a)) {
        nofollow++;
        continue;
      }
      String absolute = httpUrlWithoutFragment(a.absUrl("href"));
      if (absolute != null) {
        links.add(absolute);
      } else {
        otherScheme++;
      }
    }
    Element canonicalLink = doc.selectFirst("link[rel=canonical][href]");
    String canonical = canonicalLink == null ? null : httpUrlWithoutFragment(canonicalLink.absUrl("href"));
    return new ParsedPage(doc.title(), links, outlinks, nofollow, otherScheme, metaNofollow, metaNoindex, canonical);
  }

  private static boolean hasRelNofollow(Element a) {
    String rel = a.attr("rel");
    if (rel.isEmpty()) {
      return false;
    }
    for (String token : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (token.equals("nofollow")) {
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
