package org.jsoup.parser;

import java.io.StringReader;
import java.util.List;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Node;

/**
 * jsoup's HTML tokeniser, driven the way jsoup's tree builder drives it, without building the tree: every start tag
 * is reported in document order, with its attributes as jsoup tokenised them (entities decoded, case as written,
 * duplicates still present — read them with {@code getIgnoreCase}, which returns the first, as the DOM keeps it).
 *
 * <p>Why: a crawler needs a page's links, not its DOM. Building the tree is 45 % of jsoup's parse of the JDK API
 * docs (one thread, warm: 2.78 s with the tree, 1.5 s for the tokens alone).
 *
 * <p>Why in jsoup's package: {@code TreeBuilder} and {@code Token} are package-private, and a tree builder is the only
 * way to receive jsoup's tokens. This class depends on internals of the jsoup version pinned in pom.xml;
 * {@code TagScannerTest} checks its tables against that version's {@code TagSet}, and {@code PageParserEnginesTest}
 * compares its links with the DOM's.
 *
 * <p>What a tree builder decides that a scanner must too is only the tokeniser's state after a start tag: RCDATA
 * after {@code title} and {@code textarea}, raw text after {@code style}, {@code xmp}, {@code iframe},
 * {@code noembed}, {@code noframes}, script data after {@code script}, plain text after {@code plaintext} — so that
 * a {@code <a href>} inside a script is text, as in the DOM. Inside {@code <svg>} and {@code <math>} (foreign
 * content) only an SVG {@code script} does that; a self-closing {@code <script/>} or {@code <style/>} still
 * starts its text, while {@code <title/>} and {@code <textarea/>} are empty (jsoup's behaviour); an HTML-only tag such as {@code div} or {@code p} ends foreign
 * content, as in jsoup. Integration points ({@code foreignObject}, MathML text elements) are not modelled: a
 * {@code <style>} directly inside one is scanned as SVG's (no raw text), which only matters for markup inside it.
 */
public final class TagScanner extends TreeBuilder {

  /** Receives a page's start tags, in document order. */
  public interface Listener {
    /**
     * @param normalName  the tag name in lower case
     * @param attributes  as tokenised, or null when the tag has none
     * @param foreign     inside {@code <svg>} or {@code <math>}
     * @return true to receive this element's text through {@link #text} (only raw-text and RCDATA elements have one)
     */
    boolean startTag(String normalName, Attributes attributes, boolean foreign);

    /**
     * The text of the element whose {@code startTag} returned true, entities decoded, once — at most
     * {@link #MAX_TEXT} characters of it (an unclosed {@code <title>} runs to the end of the page).
     */
    void text(String text);
  }

  /** The most text a listener receives for one element. */
  public static final int MAX_TEXT = 16 * 1024;

  // The HTML tags jsoup's TagSet gives a text state (TagSet.rcdataTags, .dataTags), plus script and plaintext.
  static final List<String> RCDATA = List.of("title", "textarea");
  static final List<String> RAWTEXT = List.of("iframe", "noembed", "noframes", "style", "xmp");
  // HTML tags that end foreign content (HtmlTreeBuilderState.Constants.InForeignToHtml)
  private static final java.util.Set<String> FOREIGN_TO_HTML = java.util.Set.of("b", "big", "blockquote", "body",
      "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr",
      "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strike",
      "strong", "sub", "sup", "table", "tt", "u", "ul", "var");

  private final Listener listener;
  private int foreignDepth; // open <svg>/<math> elements
  private boolean inSvg;
  private StringBuilder text; // collecting the text of the element whose listener asked for it

  private TagScanner(Listener listener) {
    this.listener = listener;
  }

  /** Scans {@code html} (already decoded), reporting its start tags to {@code listener}. */
  public static void scan(String html, Listener listener) {
    TagScanner scanner = new TagScanner(listener);
    scanner.parse(new StringReader(html), "", new Parser(scanner));
  }

  @Override
  ParseSettings defaultSettings() {
    return ParseSettings.htmlDefault;
  }

  @Override
  TreeBuilder newInstance() {
    return new TagScanner(listener);
  }

  @Override
  List<Node> completeParseFragment() {
    throw new UnsupportedOperationException("TagScanner scans whole documents");
  }

  @Override
  boolean process(Token token) {
    switch (token.type) {
      case StartTag -> startTag((Token.StartTag) token);
      case Character -> {
        if (text != null && text.length() < MAX_TEXT) {
          String data = ((Token.Character) token).getData();
          text.append(data, 0, Math.min(data.length(), MAX_TEXT - text.length()));
        }
      }
      case EndTag -> {
        endText();
        String name = ((Token.EndTag) token).normalName();
        if (foreignDepth > 0 && (name.equals("svg") || name.equals("math"))) {
          foreignDepth--;
        }
      }
      case EOF -> endText();
      default -> { }
    }
    return true;
  }

  private void startTag(Token.StartTag start) {
    String name = start.normalName();
    if (foreignDepth > 0 && (FOREIGN_TO_HTML.contains(name) || name.equals("font") && (
        start.hasAttributeIgnoreCase("color") || start.hasAttributeIgnoreCase("face")
            || start.hasAttributeIgnoreCase("size")))) {
      foreignDepth = 0;
    }
    boolean foreign = foreignDepth > 0;
    boolean wantsText = listener.startTag(name, start.attributes, foreign || name.equals("svg")
        || name.equals("math"));
    TokeniserState state = null;
    if (foreign) {
      if (inSvg && name.equals("script")) {
        state = TokeniserState.ScriptData;
      }
    } else if (name.equals("script")) {
      state = TokeniserState.ScriptData;
    } else if (RCDATA.contains(name) && !start.isSelfClosing()) {
      state = TokeniserState.Rcdata; // as in jsoup, <title/> and <textarea/> are empty, while <script/> is not
    } else if (RAWTEXT.contains(name)) {
      state = TokeniserState.Rawtext;
    } else if (name.equals("plaintext")) {
      state = TokeniserState.PLAINTEXT;
    }
    if ((name.equals("svg") || name.equals("math")) && !start.isSelfClosing()) {
      if (foreignDepth == 0) {
        inSvg = name.equals("svg");
      }
      foreignDepth++;
    }
    if (state != null) {
      tokeniser.transition(state);
      if (wantsText) {
        text = new StringBuilder();
      }
    }
  }

  private void endText() {
    if (text != null) {
      String done = text.toString();
      text = null;
      listener.text(done);
    }
  }
}
