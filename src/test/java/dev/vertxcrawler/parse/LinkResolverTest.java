package dev.vertxcrawler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkResolverTest {
  private static final String BASE = "http://a/b/c/d;p?q";

  /** RFC 3986 §5.4.1 and §5.4.2, fragments dropped (links are fetched without them). */
  @ParameterizedTest
  @CsvSource({"g, http://a/b/c/g", "./g, http://a/b/c/g", "g/, http://a/b/c/g/", "/g, http://a/g", "//g, http://g",
      "?y, http://a/b/c/d;p?y", "g?y, http://a/b/c/g?y", "#s, http://a/b/c/d;p?q", "g#s, http://a/b/c/g",
      "g?y#s, http://a/b/c/g?y", ";x, http://a/b/c/;x", "g;x, http://a/b/c/g;x", "'', http://a/b/c/d;p?q",
      "., http://a/b/c/", "./, http://a/b/c/", ".., http://a/b/", "../, http://a/b/", "../g, http://a/b/g",
      "../.., http://a/", "../../, http://a/", "../../g, http://a/g", "../../../g, http://a/g",
      "../../../../g, http://a/g", "/./g, http://a/g", "/../g, http://a/g", "g., http://a/b/c/g.",
      ".g, http://a/b/c/.g", "g.., http://a/b/c/g..", "..g, http://a/b/c/..g", "./../g, http://a/b/g",
      "./g/., http://a/b/c/g/", "g/./h, http://a/b/c/g/h", "g/../h, http://a/b/c/h",
      "g;x=1/./y, http://a/b/c/g;x=1/y", "g;x=1/../y, http://a/b/c/y", "HTTPS://x.example/p, https://x.example/p",
      "g:h, ''", "mailto:a@b.c, ''", "javascript:void(0), ''"})
  void resolvesLikeTheRfc(String href, String expected) {
    assertEquals(expected, LinkResolver.forBase(BASE).resolve(href));
  }

  /** The fast path agrees with jsoup's absUrl (fragment removed) wherever it answers. */
  @ParameterizedTest
  @ValueSource(strings = {"../../java/lang/String.html", "String.html#method-summary", "#top", "../index.html?p=1",
      "/api/overview-tree.html", "//cdn.example/x.js", "https://docs.example/a/../b", "sub/dir/", "?page=2",
      "  spaced.html  "})
  void agreesWithJsoupOnTypicalLinks(String href) {
    String base = "http://127.0.0.1:8080/api/java.base/java/util/package-summary.html";
    Document doc = Jsoup.parse("<a href=\"" + href + "\">x</a>", base);
    String jsoup = PageFacts.httpUrlWithoutFragment(doc.selectFirst("a").absUrl("href"));
    assertEquals(jsoup, LinkResolver.forBase(base).resolve(href));
  }

  /** The one-pass dot-segment removal against the RFC's algorithm, on every path of up to 5 such segments. */
  @org.junit.jupiter.api.Test
  void dotSegmentRemovalMatchesTheRfcAlgorithmOnEveryShortPath() {
    String[] alphabet = {"a", ".", "..", "", ".x", "b.html"};
    java.util.List<String> paths = new java.util.ArrayList<>(java.util.List.of(""));
    int checked = 0;
    for (int length = 1; length <= 5; length++) {
      java.util.List<String> longer = new java.util.ArrayList<>();
      for (String path : paths) {
        for (String segment : alphabet) {
          String p = path + "/" + segment;
          longer.add(p);
          assertEquals(rfcRemoveDotSegments(p), LinkResolver.removeDotSegments(p), p);
          checked++;
        }
      }
      paths = longer;
    }
    assertEquals(9330, checked);
  }

  /** RFC 3986 §5.2.4 as written: an input buffer consumed from the left, an output buffer of segments. */
  private static String rfcRemoveDotSegments(String path) {
    String in = path;
    StringBuilder out = new StringBuilder();
    while (!in.isEmpty()) {
      if (in.startsWith("../")) {
        in = in.substring(3);
      } else if (in.startsWith("./")) {
        in = in.substring(2);
      } else if (in.startsWith("/./")) {
        in = in.substring(2);
      } else if (in.equals("/.")) {
        in = "/";
      } else if (in.startsWith("/../")) {
        in = in.substring(3);
        out.setLength(Math.max(out.lastIndexOf("/"), 0));
      } else if (in.equals("/..")) {
        in = "/";
        out.setLength(Math.max(out.lastIndexOf("/"), 0));
      } else if (in.equals(".") || in.equals("..")) {
        in = "";
      } else {
        int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
        next = next < 0 ? in.length() : next;
        out.append(in, 0, next);
        in = in.substring(next);
      }
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"with space.html", "tab\there", "back\\slash", "caf\u00e9.html", "a<b"})
  void unusualReferencesAreLeftToJsoup(String href) {
    assertEquals(null, LinkResolver.forBase(BASE).resolve(href));
  }
}
