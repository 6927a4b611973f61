package dev.vertxcrawler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token scan (the default engine) against jsoup's full DOM (the fallback): the same facts from the same page —
 * on hand-picked traps, on thousands of generated pages, and, where they differ by design, the difference pinned.
 * (bench/peer-compare.sh's site, the JDK 17 API docs, gives equal results on all 10 137 pages.)
 */
class PageParserEnginesTest {
  private static final String PAGE = "http://example.com/docs/guide/page.html";

  private static void assertSameFacts(String html) {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    ParsedPage dom = PageParser.parseDom(bytes, "UTF-8", PAGE, 50);
    ParsedPage tokens = PageParser.parseTokens(html, PAGE, 50);
    assertEquals(dom, tokens, html);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<a href=a.html>a</a><script>document.write('<a href=\"s.html\">')</script><a href=b.html>b</a>",
      "<!-- <a href=c.html> --><a href=d.html>d</a><!--> <a href=e.html>e</a>",
      "<style>a[href=x]{}</style><textarea><a href=t.html></textarea><xmp><a href=x.html></xmp>",
      "<iframe><a href=i.html></iframe><noembed><a href=n.html></noembed><noframes><a href=f.html></noframes>",
      "<body><noscript><a href=ns.html>ns</a></noscript><template><a href=tp.html>tp</a></template>",
      "<a href=1.html>one</a><base href=/other/><a href=2.html>two</a><base href=/third/>",
      "<base target=_top><base href='mailto:x'><a href=rel.html>r</a>",
      "<base href=''><a href=rel.html>r</a>",
      "<head><meta name=ROBOTS content='NoFollow'></head><a href=a.html>a</a>",
      "<a href=a.html>a</a><meta name=robots content=none>",
      "<meta http-equiv=refresh content='0; url=next.html'><a href=a.html rel='NOFOLLOW me'>a</a>",
      "<meta http-equiv=Refresh content=\"5;URL='/quoted.html'\"><meta http-equiv=refresh content=3>",
      "<link rel='alternate canonical' href='/canon#frag'><link rel=canonical href=/second>",
      "<A HREF='x.html?a=1&amp;b=2' HREF=dup.html>x</A><area href=map.html><a name=anchor>",
      "<a href=' spaced.html '>s</a><a href=\"\">empty</a><a href>bare</a><a href='java\tscript:alert(1)'>j</a>",
      "<a href='http://[::1]:8080/v6'>v6</a><a href='//cdn.example.org/x'>cdn</a><a href=ftp://f/x>f</a>",
      "<table><a href=foster.html>f</a><tr><td><a href=cell.html>c</a></table>",
      "<svg><a href=svg.html><style><a href=svgstyle.html></style></a><script><a href=no.html></script></svg>",
      "<svg><title><a href=svgtitle.html></title></svg><a href=after.html>a</a>",
      "<math><mi><a href=m.html>m</a></mi></math><p><a href=p.html>p</a>",
      "<title>first</title><title>second</title>",
      "<html><head><title>  Spaced\n\tTitle &amp; more </title></head><body><p>text</p></body></html>",
      "<title/><a href=after-title.html>b</a><textarea/><a href=after-textarea.html>",
      "<p><script/><a href=in-script.html>",
      "<p><style/><a href=in-style.html>",
      "<p><iframe/><a href=in-iframe.html>",
      "<p><xmp/><a href=in-xmp.html><p><noembed/><a href=in-noembed.html>",
      "<p><noframes/><a href=in-noframes.html>",
      "<p><plaintext/><a href=in-plaintext.html>",
      "<svg><script/><a href=in-svg-script.html></svg>",
      "<svg/><style><a href=after-svg.html></style><a href=x.html>",
      "<p><plaintext><a href=plain.html></plaintext>",
      "<a href=a\u0000b.html>null</a><a href='&#x68;ttp://ex.com/e'>entity</a><a href=&#0;>zero</a>",
      "<a href=../../../../../../up.html>up</a><a href=?q#f>q</a><a href=#only>f</a>",
  })
  void trapsGiveTheSameFacts(String html) {
    assertSameFacts(html);
  }

  @Test
  void generatedPagesGiveTheSameFacts() {
    Random random = new Random(20261122);
    for (int page = 0; page < 3000; page++) {
      assertSameFacts(generate(random));
    }
  }

  @Test
  void knownDifferencesByDesign() {
    // A title outside <head>: browsers' document.title takes it; jsoup's Document.title() reads <head> only.
    String late = "<p>text first</p><title>Late</title>";
    assertEquals("", PageParser.parseDom(late.getBytes(StandardCharsets.UTF_8), "UTF-8", PAGE, 50).title());
    assertEquals("Late", PageParser.parseTokens(late, PAGE, 50).title());
    // A misnested <a> is one link in the source; the tree builder's adoption agency clones it into two elements.
    String misnested = "<p><a href=a.html>one</p>two</a>";
    assertEquals(2, PageParser.parseDom(misnested.getBytes(StandardCharsets.UTF_8), "UTF-8", PAGE, 50).outlinks());
    assertEquals(1, PageParser.parseTokens(misnested, PAGE, 50).outlinks());
    assertEquals(List.of("http://example.com/docs/guide/a.html"), PageParser.parseTokens(misnested, PAGE, 50).links());
    // <noscript> in <head>: jsoup keeps what is not head content as text; the scan reads it as a parser without
    // scripting does (the HTML spec's "in head noscript" mode ends the head, and the link is an element).
    String headNoscript = "<head><noscript><a href=ns.html>ns</a></noscript></head>";
    assertEquals(0, PageParser.parseDom(headNoscript.getBytes(StandardCharsets.UTF_8), "UTF-8", PAGE, 50).outlinks());
    assertEquals(List.of("http://example.com/docs/guide/ns.html"), PageParser.parseTokens(headNoscript, PAGE, 50).links());
  }

  @Test
  void pagesWhoseCharsetIsUnclearGetJsoupsDetectionAndDom() {
    // an XML declaration names the charset: jsoup reads it, so the whole page takes the DOM path
    byte[] xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><title>caf\u00e9</title>"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9", PageParser.parse(xml, null, PAGE).title());
    // a meta the byte prescan does not understand (charset in an unquoted, odd content) also goes to jsoup
    byte[] odd = "<meta http-equiv=content-type content=text/html;charset=iso-8859-1 x=<><title>caf\u00e9</title>"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9", PageParser.parse(odd, null, PAGE).title());
    // no meta at all: UTF-8, as jsoup would decide
    byte[] utf8 = "<title>caf\u00e9</title>".getBytes(StandardCharsets.UTF_8);
    assertEquals("caf\u00e9", PageParser.parse(utf8, null, PAGE).title());
    // a charset the JVM does not know: jsoup's path, which refuses it as before
    assertEquals(PageParser.parseDom(utf8, "UTF-8", PAGE, 5000), PageParser.parse(utf8, "UTF-8", PAGE));
  }

  private static final String[] HREFS = {"a.html", "../up.html", "/root.html", "sub/dir/", "#frag", "?q=1",
      "https://other.example.org/x", "//cdn.example.net/y", "mailto:x@example.com", "javascript:void(0)", "",
      " padded.html ", "x.html?a=1&amp;b=2", "&#x2F;slash.html", "a b.html", "\u00e9t\u00e9.html", "..", "./.",
      "http://example.com:80/p", "HTTP://EXAMPLE.COM/Upper"};
  private static final String[] BLOCKS = {"<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<ul><li>",
      "</li></ul>", "<h2>", "</h2>", "<b>", "</b>", "<em>", "<br/>", "<hr>", "<table><tr><td>", "</td></tr></table>",
      "<section>", "</section>", "text &amp; more ", "&lt;a href=text.html&gt; ", "<img src=i.png alt='<a>'>",
      "<!-- <a href=comment.html> -->", "<script>var a = '<a href=\"s.html\">';</script>", "<style>p{}</style>",
      "<textarea><a href=ta.html></textarea>", "<noscript>", "</noscript>", "<template>", "</template>",
      "<svg viewBox='0 0 1 1'><a href=svg.html><title>icon</title></a><path d=M0/></svg>", "<title>later</title>",
      "<iframe src=f.html><a href=if.html></iframe>", "<form><input name=q></form>", "<code>", "</code>",
      "<meta name=robots content=noindex>", "<link rel=canonical href=/canonical.html>", "<base href=/based/>",
      "<meta http-equiv=refresh content='1;url=refresh.html'>", "<dl><dt>t<dd>d</dl>", "<pre>\n x</pre>"};

  /**
   * A page of random blocks and links; every {@code <a>} closed at once around text, as the tree would keep it,
   * and none of the differences by design: blocks start in the body, and a later title only after one in head.
   */
  private static String generate(Random random) {
    StringBuilder html = new StringBuilder();
    boolean head = random.nextInt(4) > 0;
    if (!head) {
      html.append(random.nextBoolean() ? "<body>" : "<p>");
    } else {
      html.append("<!DOCTYPE html><html><head><title>T").append(random.nextInt(100)).append(" &amp; x</title>");
      if (random.nextInt(3) == 0) {
        html.append("<base href='").append(HREFS[random.nextInt(HREFS.length)]).append("'>");
      }
      html.append("</head><body>");
    }
    int parts = 5 + random.nextInt(60);
    for (int i = 0; i < parts; i++) {
      if (random.nextInt(3) == 0) {
        String quote = switch (random.nextInt(3)) {
          case 0 -> "\"";
          case 1 -> "'";
          default -> "";
        };
        String href = HREFS[random.nextInt(HREFS.length)];
        if (quote.isEmpty()) {
          href = href.replace(" ", "").replace("&amp;", "&");
        }
        String tag = random.nextInt(10) == 0 ? "AREA" : random.nextInt(5) == 0 ? "A" : "a";
        html.append('<').append(tag).append(" href=").append(quote).append(href).append(quote);
        if (random.nextInt(8) == 0) {
          html.append(" rel=nofollow");
        }
        html.append('>');
        if (!tag.equalsIgnoreCase("area")) {
          html.append("link ").append(i).append("</").append(tag).append('>');
        }
      } else {
        String block = BLOCKS[random.nextInt(BLOCKS.length)];
        html.append(head || !block.contains("<title>") ? block : "");
      }
    }
    return html.toString();
  }
}
