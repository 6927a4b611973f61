package org.jsoup.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Attributes;
import org.junit.jupiter.api.Test;

/**
 * TagScanner sits on jsoup internals: these tests fail when a jsoup upgrade changes what they rely on — which
 * tags switch the tokeniser into a text state — or when the scanner reports a tag the DOM would hold as text.
 */
class TagScannerTest {
  private static final List<String> HTML_TAGS = List.of("a", "abbr", "address", "area", "article", "aside", "audio",
      "b", "base", "basefont", "bgsound", "big", "blockquote", "body", "br", "button", "canvas", "caption", "center",
      "code", "col", "colgroup", "command", "dd", "details", "dialog", "div", "dl", "dt", "em", "embed", "fieldset",
      "figure", "font", "footer", "form", "frame", "frameset", "h1", "h6", "head", "header", "hr", "html", "i",
      "iframe", "image", "img", "input", "keygen", "label", "li", "link", "listing", "main", "map", "marquee", "math",
      "menu", "meta", "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option", "p",
      "param", "picture", "plaintext", "pre", "rp", "rt", "ruby", "s", "script", "search", "section", "select",
      "slot", "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table",
      "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "tt", "u", "ul", "var",
      "video", "wbr", "xmp");

  @Test
  void textStateTablesMatchJsoupsTagSet() {
    TagSet html = TagSet.Html();
    for (String name : HTML_TAGS) {
      TokeniserState expected = TagScanner.RCDATA.contains(name) ? TokeniserState.Rcdata
          : TagScanner.RAWTEXT.contains(name) || name.equals("script") ? TokeniserState.Rawtext : null;
      assertEquals(expected, html.valueOf(name, Parser.NamespaceHtml).textState(), name);
    }
    assertEquals(TokeniserState.Rawtext, html.valueOf("script", Parser.NamespaceSvg).textState(), "svg script");
    assertEquals(null, html.valueOf("style", Parser.NamespaceSvg).textState(), "svg style");
    assertEquals(null, html.valueOf("script", Parser.NamespaceMathml).textState(), "math script");
  }

  @Test
  void tagsInsideTextElementsAreText() {
    assertEquals(List.of("p", "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "b"),
        tags("<p><script>var s = '<a href=x>';</script><style>a{}</style><title><a href=t></title>"
            + "<textarea><a href=ta></textarea><xmp><a></xmp><iframe><a></iframe><noembed><a></noembed>"
            + "<noframes><a></noframes><b>"));
  }

  @Test
  void plaintextSwallowsTheRest() {
    assertEquals(List.of("p", "plaintext"), tags("<p><plaintext><a href=x></plaintext><a href=y>"));
  }

  @Test
  void selfClosingEndsOnlyRcdataElements() {
    assertEquals(List.of("title", "a", "textarea", "a", "script"),
        tags("<title/><a href=x><textarea/><a href=y><script/><a href=z>"));
  }

  @Test
  void foreignContentHasNoRawTextButSvgScript() {
    assertEquals(List.of("svg", "style", "a", "script", "p", "style"),
        tags("<svg><style><a href=x></style><script><a href=s></script></svg><p><style><a href=y></style>"));
    // an HTML-only tag leaves foreign content, as in jsoup's tree builder
    assertEquals(List.of("svg", "div", "style"), tags("<svg><div><style><a href=x></style>"));
    assertEquals(List.of("math", "style", "a"), tags("<math><style><a href=x></style>"));
  }

  @Test
  void theTextOfTheElementAskedForArrivesOnceWithEntitiesDecoded() {
    List<String> texts = new ArrayList<>();
    TagScanner.scan("<title>A &amp; <b>B</b></title><title>second</title>", new TagScanner.Listener() {
      private boolean first = true;

      @Override
      public boolean startTag(String normalName, Attributes attributes, boolean foreign) {
        boolean ask = first;
        first = false;
        return ask;
      }

      @Override
      public void text(String text) {
        texts.add(text);
      }
    });
    assertEquals(List.of("A & <b>B</b>"), texts);
  }

  @Test
  void attributesAreAsTokenisedAndTheFirstOfADuplicateWins() {
    List<String> hrefs = new ArrayList<>();
    TagScanner.scan("<A HREF='one&amp;two' href=dup>x</A><a name=n>", new TagScanner.Listener() {
      @Override
      public boolean startTag(String normalName, Attributes attributes, boolean foreign) {
        hrefs.add(normalName + ":" + (attributes == null ? null : attributes.getIgnoreCase("href")));
        return false;
      }

      @Override
      public void text(String text) {
      }
    });
    assertEquals(List.of("a:one&two", "a:"), hrefs);
  }

  private static List<String> tags(String html) {
    List<String> names = new ArrayList<>();
    TagScanner.scan(html, new TagScanner.Listener() {
      @Override
      public boolean startTag(String normalName, Attributes attributes, boolean foreign) {
        names.add(normalName);
        return false;
      }

      @Override
      public void text(String text) {
      }
    });
    return names;
  }
}
