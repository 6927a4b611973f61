package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCanonicalizerTest {
  private final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      HTTP://Example.COM/a                      | http://example.com/a
      http://example.com:80/a                   | http://example.com/a
      https://example.com:443/a                 | https://example.com/a
      http://example.com:8080/a                 | http://example.com:8080/a
      http://example.com                        | http://example.com/
      http://example.com/a/./b/../c.html        | http://example.com/a/c.html
      http://example.com/a#frag                 | http://example.com/a
      http://example.com/a?b=2&a=1              | http://example.com/a?a=1&b=2
      http://example.com/%7Euser/               | http://example.com/~user/
      http://example.com/a b                    | http://example.com/a%20b
      ftp://example.com/file                    | -
      mailto:someone@example.com                | -
      javascript:void(0)                        | -
      http://                                   | -
      not a url                                 | -
      """)
  void canonicalForm(String input, String expected) {
    assertEquals(expected.equals("-") ? null : expected, canonicalizer.canonical(input));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://example.com/a?jsessionid=ABC&x=1               | http://example.com/a?x=1
      http://example.com/a?PHPSESSID=1&b=2&sid=9            | http://example.com/a?b=2
      http://example.com/a;jsessionid=ABC123?x=1            | http://example.com/a?x=1
      http://example.com/a;JSESSIONID=ABC123/b              | http://example.com/a/b
      http://example.com/a?session=keep                     | http://example.com/a?session=keep
      """)
  void sessionIdsAreRemoved(String input, String expected) {
    UrlCanonicalizer withSessionIds = new UrlCanonicalizer(java.util.List.of("jsessionid", "phpsessid", "sid"));
    assertEquals(expected, withSessionIds.canonical(input));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      http://example.com/a/b?c=d     | http://example.com
      https://example.com:8443/x     | https://example.com:8443
      http://example.com?q=1         | http://example.com
      """)
  void originIsSchemeHostAndPort(String url, String origin) {
    assertEquals(origin, UrlCanonicalizer.origin(url));
  }

  /** The fast path answers only for URLs crawler-commons' normaliser would leave unchanged. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "http://127.0.0.1:8080/api/java.base/java/lang/String.html, true", "https://docs.example.org/a/b_c~d-e.html, true",
      "http://example.com/, true", "http://example.com, false", "http://Example.com/, false",
      "http://example.com:80/, false", "https://example.com:443/x, false", "http://example.com:8080/x, true",
      "http://example.com/a/../b, false", "http://example.com/a/./b, false", "http://example.com/a//b, false",
      "http://example.com/a?b=1, false", "http://example.com/a%20b, false", "http://127.1/x, false",
      "http://0x7f.0.0.1/x, false", "http://example.com./x, false", "http://example.com/café, false",
      "http://example.com/a;jsessionid=1, false", "http://example.com:08080/, false", "HTTP://example.com/, false",
      "http://web1/x, true", "http://host2.example3/x, true", "http://10.0.0.255:8080/x, true",
      "http://010.0.0.1/x, false", "http://1.2.3/x, false", "http://1.2.3.4.5/x, true"})
  void theFastPathOnlyAnswersForUrlsTheNormaliserLeavesUnchanged(String url, boolean fast) {
    assertEquals(fast, UrlCanonicalizer.isAlreadyCanonical(url), url);
    if (fast) {
      assertEquals(url, crawlercommons.filters.basic.BasicURLNormalizer.newBuilder().build().filter(url));
    }
  }

  /** The plain origin, when there is one, is the origin the canonical URL has. */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      https://docs.oracle.com/pls/topic/lookup?ctx=javase17&id=homepage | https://docs.oracle.com
      http://example.com                        | http://example.com
      http://example.com?q=1                    | http://example.com
      http://example.com#top                    | http://example.com
      http://sub-1.example.co.uk:8080/a b       | http://sub-1.example.co.uk:8080
      https://example.com:65535/                | https://example.com:65535
      https://example.com:65536/                | -
      http://Example.com/                       | -
      HTTP://example.com/                       | -
      http://example.com:80/                    | -
      https://example.com:443/                  | -
      http://example.com:080/                   | -
      http://example.com:/                      | -
      http://example.com./                      | -
      http://.example.com/                      | -
      http://example..com/                      | -
      http://example-.com/x                     | -
      http://127.0.0.1:8080/                    | -
      http://0x7f.1/                            | -
      http://2130706433/                        | -
      http://user@example.com/                  | -
      http://example.com@evil.com/              | -
      http://ex_ample.com/                      | -
      http://exämple.com/                       | -
      http://[::1]/                             | -
      ftp://example.com/                        | -
      """)
  void plainOriginIsTheCanonicalOriginOrNothing(String url, String expected) {
    String plain = UrlCanonicalizer.plainOrigin(url);
    assertEquals(expected.equals("-") ? null : expected, plain, url);
    if (plain != null) {
      String canonical = canonicalizer.canonical(url);
      if (canonical != null) {
        assertEquals(UrlCanonicalizer.origin(canonical), plain, url);
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "http://[::ffff:127.0.0.2]:8080/100%sure, http://127.0.0.2:8080/100%25sure",
      "http://[fd00::1]/a?q=%s, http://[fd00:0:0:0:0:0:0:1]/a?q=%25s"})
  void ipLiteralHostsKeepTheRestOfTheUrl(String url, String canonical) {
    assertEquals(canonical, new UrlCanonicalizer().canonical(url));
  }
}
