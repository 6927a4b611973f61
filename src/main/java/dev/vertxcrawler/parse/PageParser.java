package dev.vertxcrawler.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.TagScanner;

/**
 * jsoup → {@link ParsedPage}. CPU-bound and blocking: call it only from a worker thread
 * ({@code executeBlocking}), never from an event loop. A page whose charset is known (header, BOM, a plain
 * {@code <meta>}, or none declared at all) is scanned with jsoup's tokeniser alone; any other page gets jsoup's
 * own charset detection and full DOM. Both read the same facts through {@link PageFacts}. With {@code extract}
 * rules every page gets the DOM, which the rules' CSS selectors need.
 */
public final class PageParser {

  private PageParser() {
  }

  /** parse.maxOutlinks' default. */
  public static final int DEFAULT_MAX_OUTLINKS = 5_000;

  public static ParsedPage parse(byte[] body, String charset, String pageUrl) {
    return parse(body, charset, pageUrl, DEFAULT_MAX_OUTLINKS);
  }

  /**
   * @param body        the raw bytes as received (decoded from gzip, not from their charset)
   * @param charset     the charset the Content-Type declared, or null to sniff BOM and meta tags (UTF-8 default)
   * @param pageUrl     the URL the page was fetched from; relative links resolve against it or its base href
   * @param maxOutlinks links kept from the page (parse.maxOutlinks); the rest are only counted
   */
  public static ParsedPage parse(byte[] body, String charset, String pageUrl, int maxOutlinks) {
    return parse(body, charset, pageUrl, maxOutlinks, Extraction.NONE);
  }

  /** @param extraction the config's {@code extract} rules; their values become the page's {@code data} */
  public static ParsedPage parse(byte[] body, String charset, String pageUrl, int maxOutlinks,
      Extraction extraction) {
    // Charset order: a byte-order mark, then the Content-Type's charset, then <meta charset>, then UTF-8.
    int bomLength = 0;
    String bom = bomCharset(body);
    if (bom != null) {
      charset = bom;
      bomLength = bom.equals("UTF-8") ? 3 : 2;
    }
    int length = body.length - bomLength;
    if (charset == null) {
      charset = MetaCharset.prescan(body, bomLength, length);
      if (charset == null && !MetaCharset.mayDeclare(body, bomLength, length)) {
        charset = "UTF-8"; // no <meta> and no <?xml in jsoup's window: jsoup would settle on UTF-8 too
      }
    }
    Charset decoder = supportedCharset(charset);
    if (decoder == null || !extraction.isEmpty()) {
      // jsoup decides, or refuses, an unknown charset; the selectors need the DOM
      return parseDom(body, bomLength, decoder == null ? charset : decoder.name(), pageUrl, maxOutlinks, extraction);
    }
    return parseTokens(new String(body, bomLength, length, decoder), pageUrl, maxOutlinks);
  }

  /**
   * The default engine: jsoup's tokeniser without its tree builder ({@link TagScanner}). The title is the first
   * {@code <title>} outside SVG and MathML wherever it is (as browsers' document.title); jsoup's DOM reads it in
   * {@code <head>} only.
   */
  static ParsedPage parseTokens(String html, String pageUrl, int maxOutlinks) {
    PageFacts facts = new PageFacts(pageUrl);
    TagScanner.scan(html, new TagScanner.Listener() {
      private boolean titleSeen;

      @Override
      public boolean startTag(String normalName, Attributes attributes, boolean foreign) {
        facts.element(normalName, attributes);
        if (!titleSeen && !foreign && normalName.equals("title")) {
          titleSeen = true;
          return true;
        }
        return false;
      }

      @Override
      public void text(String text) {
        facts.title(StringUtil.normaliseWhitespace(text).trim());
      }
    });
    return facts.toParsedPage(maxOutlinks);
  }

  /**
   * The fallback engine: jsoup's full parse into a DOM (charset as given, else jsoup's detection), its elements
   * walked once. Public for the benchmarks that compare the engines.
   */
  public static ParsedPage parseDom(byte[] body, String charset, String pageUrl, int maxOutlinks) {
    return parseDom(body, 0, charset, pageUrl, maxOutlinks, Extraction.NONE);
  }

  private static ParsedPage parseDom(byte[] body, int offset, String charset, String pageUrl, int maxOutlinks,
      Extraction extraction) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(body, offset, body.length - offset), charset, pageUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PageFacts facts = new PageFacts(pageUrl);
    // Elements only, in document order (text nodes, the bulk of a page, are never visited).
    for (Element e = doc; e != null; e = nextElement(e, doc)) {
      facts.element(e.normalName(), e.attributesSize() == 0 ? null : e.attributes());
    }
    facts.title(doc.title());
    ParsedPage page = facts.toParsedPage(maxOutlinks);
    return extraction.isEmpty() ? page : page.withData(extraction.apply(doc));
  }

  private static Charset supportedCharset(String name) {
    if (name == null) {
      return null;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) { // illegal or unsupported name
      return null;
    }
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
}
