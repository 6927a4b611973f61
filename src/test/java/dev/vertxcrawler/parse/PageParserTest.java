package dev.vertxcrawler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.fetch.ContentTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PageParserTest {
  private static final String PAGE = "http://example.com/docs/guide/page.html";

  private static ParsedPage parse(String html) {
    return PageParser.parse(html.getBytes(StandardCharsets.UTF_8), null, PAGE);
  }

  /** One link in a page → the absolute URL the parser hands on ("-" = dropped). */
  @ParameterizedTest(name = "[{index}] {0} + {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                         | next.html                  | http://example.com/docs/guide/next.html
      ''                         | ../api/index.html          | http://example.com/docs/api/index.html
      ''                         | ../../../../up.html        | http://example.com/up.html
      ''                         | /root.html                 | http://example.com/root.html
      ''                         | //cdn.example.org/x        | http://cdn.example.org/x
      ''                         | next.html#section-2        | http://example.com/docs/guide/next.html
      ''                         | #top                       | http://example.com/docs/guide/page.html
      ''                         | ?q=1                       | http://example.com/docs/guide/page.html?q=1
      ''                         | https://other.org:443/a    | https://other.org:443/a
      ''                         | mailto:keeper@example.com  | -
      ''                         | javascript:alert(1)        | -
      ''                         | ftp://files.example.com/f  | -
      ''                         | tel:+123                   | -
      http://example.com/base/   | rel.html                   | http://example.com/base/rel.html
      http://example.com/base/   | ../sibling.html            | http://example.com/sibling.html
      https://mirror.example.net/m/ | a/b.html                | https://mirror.example.net/m/a/b.html
      """)
  void resolvesLinksAgainstBaseHrefAndPageUrl(String base, String href, String expected) {
    String baseTag = base.isEmpty() ? "" : "<base href=\"" + base + "\">";
    ParsedPage page = parse("<html><head>" + baseTag + "</head><body><a href=\"" + href + "\">x</a></body></html>");
    List<String> want = expected.equals("-") ? List.of() : List.of(expected);
    assertEquals(want, page.links());
    assertEquals(1, page.outlinks());
  }

  @Test
  void areaLinksAreFollowedLikeAnchors() {
    ParsedPage page = parse("<map><area href=\"/map-target.html\"></map><a href=\"a.html\">a</a>");
    assertEquals(List.of("http://example.com/map-target.html", "http://example.com/docs/guide/a.html"), page.links());
  }

  @Test
  void relNofollowLinksAreNotFollowedButCounted() {
    ParsedPage page = parse("<a href=\"a.html\" rel=\"external NoFollow\">a</a><a href=\"b.html\">b</a>");
    assertEquals(List.of("http://example.com/docs/guide/b.html"), page.links());
    assertEquals(2, page.outlinks());
    assertEquals(1, page.nofollowLinks());
  }

  @ParameterizedTest(name = "[{index}] rel=\"{0}\" -> nofollow {1}")
  @CsvSource(delimiter = '|', textBlock = """
      nofollow                 | true
      NOFOLLOW                 | true
      '  external\t\nnofollow\f' | true
      noopener nofollow        | true
      nofollower               | false
      no follow                | false
      ''                       | false
      xnofollow                | false
      """)
  void relIsAWhitespaceSeparatedTokenList(String rel, boolean nofollow) {
    ParsedPage page = parse("<a href=\"a.html\" rel=\"" + rel + "\">a</a>");
    assertEquals(nofollow ? 1 : 0, page.nofollowLinks());
  }

  @Test
  void metaRobotsNofollowDropsEveryLink() {
    ParsedPage page = parse("<head><meta name=\"robots\" content=\"noindex, NOFOLLOW\"></head>"
        + "<a href=\"a.html\">a</a><a href=\"b.html\">b</a>");
    assertTrue(page.links().isEmpty());
    assertTrue(page.metaNofollow());
    assertTrue(page.metaNoindex());
    assertEquals(2, page.nofollowLinks());
  }

  @Test
  void metaRobotsForOneCrawlerByNameAreKeptForTheCrawlToMatchByBothEngines() {
    String html = "<head><meta name=\"Googlebot\" content=\"noindex\">"
        + "<meta name=\"vertx-crawler\" content=\"NOFOLLOW\"><meta name=\"description\" content=\"a guide\"><meta name=\"a b\" content=\"nofollow\"></head>"
        + "<a href=\"a.html\">a</a>";
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    for (ParsedPage page : List.of(PageParser.parse(bytes, null, PAGE),
        PageParser.parseDom(bytes, null, PAGE, 100))) {
      assertEquals(List.of("googlebot: noindex", "vertx-crawler: NOFOLLOW"), page.crawlerMetas(),
          "named crawlers with a robots directive; not a description, not a name that is no token");
      assertFalse(page.metaNofollow(), "not for every crawler: the crawl decides by its token");
      assertEquals(1, page.links().size());
    }
  }

  @Test
  void titleAndCanonicalAreRead() {
    ParsedPage page = parse("<head><title> The  Guide </title><link rel=\"canonical\" href=\"/guide#x\"></head>");
    assertEquals("The Guide", page.title());
    assertEquals("http://example.com/guide", page.canonical());
    assertFalse(page.metaNofollow());
  }

  @Test
  void anUnclosedTitleIsCutToAThousandCharactersByEitherEngine() {
    String html = "<title>" + "word ".repeat(200_000) + "<a href=x.html>after</a>";
    ParsedPage tokens = parse(html);
    ParsedPage dom = PageParser.parseDom(html.getBytes(StandardCharsets.UTF_8), "UTF-8", PAGE, 50);
    assertEquals(1000, tokens.title().length());
    assertTrue(tokens.title().startsWith("word word"));
    assertEquals(tokens, dom);
    // jsoup's tokeniser ends a title that is never closed at its next tag, so the link is still found
    assertEquals(List.of("http://example.com/docs/guide/x.html"), tokens.links());
  }

  @Test
  void charsetFromMetaIsHonouredWhenTheHeaderGivesNone() {
    byte[] latin1 = "<meta charset=\"iso-8859-1\"><title>caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9", PageParser.parse(latin1, null, PAGE).title());
  }

  /** An unknown header label falls through to the prescan, whose UTF-16 label in ASCII bytes means UTF-8. */
  @Test
  void utf8BytesWithAnUnknownHeaderCharsetAndAMetaUtf16AreReadAsUtf8() {
    byte[] utf8 = ("<html><head><meta charset=\"utf-16\"><title>caf\u00e9 \u2014 na\u00efve</title></head>"
        + "<body><a href=\"next.html\">next</a></body></html>").getBytes(StandardCharsets.UTF_8);
    String header = ContentTypes.charset("text/html; charset=x-does-not-exist");
    assertEquals(null, header, "a label the JVM does not know is no charset");
    ParsedPage page = PageParser.parse(utf8, header, PAGE);
    assertEquals("caf\u00e9 \u2014 na\u00efve", page.title());
    assertEquals(List.of("http://example.com/docs/guide/next.html"), page.links());
    ParsedPage dom = PageParser.parseDom(utf8, "UTF-8", PAGE, PageParser.DEFAULT_MAX_OUTLINKS);
    assertEquals(page.title(), dom.title(), "the DOM engine, given the prescan's answer, reads the same");
  }
}
