package dev.vertxcrawler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The meta-charset prescan answers only where jsoup's own detection would give the same charset, and stays
 * silent (null: jsoup decides) wherever the page is anything but plain.
 */
class MetaCharsetTest {

  /** head markup | what the prescan answers ("-" = null, jsoup decides). */
  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      <meta charset="ISO-8859-1">                                                   | ISO-8859-1
      <meta charset=windows-1252>                                                   | windows-1252
      <META CHARSET='Shift_JIS'>                                                    | Shift_JIS
      <meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">      | ISO-8859-2
      <meta http-equiv=content-type content='text/html;charset="KOI8-R"'>           | KOI8-R
      <title>T</title><meta name="x" content="y"><meta charset="EUC-JP">            | EUC-JP
      <meta name=viewport content="width=1"><link rel=x href="a>b"><meta charset=Big5> | Big5
      <title><meta charset="ISO-8859-5"></title><meta charset="ISO-8859-7">         | ISO-8859-7
      <!-- <meta charset="ISO-8859-5"> --><meta charset="ISO-8859-9">               | ISO-8859-9
      <!--><meta charset="ISO-8859-4"><!-- x --><meta charset="ISO-8859-9">         | ISO-8859-4
      <script>var s = "<meta charset='ISO-8859-5'>";</script><meta charset=GBK>     | GBK
      <a title="<meta charset='ISO-8859-5'>">x</a><meta charset="UTF-8">            | UTF-8
      <meta charset="no-such-charset">                                              | -
      <meta charset="&#85;TF-8">                                                    | -
      <meta http-equiv="refresh" content="0; url=/x">                               | -
      <?xml version="1.0" encoding="ISO-8859-1"?><html>                             | -
      <p>no meta at all</p>                                                         | -
      <title>never closed                                                           | -
      """)
  void answersOnlyWhatJsoupWouldDetect(String head, String expected) throws IOException {
    byte[] page = ("<!DOCTYPE html><html><head>" + head + "</head><body><p>caf\u00e9</p></body></html>")
        .getBytes(StandardCharsets.ISO_8859_1);
    String prescan = MetaCharset.prescan(page, 0, page.length);
    if (expected.equals("-")) {
      assertNull(prescan, head);
      return;
    }
    assertEquals(expected, prescan, head);
    String jsoup = Jsoup.parse(new ByteArrayInputStream(page), null, "http://a.example/").charset().name();
    assertEquals(java.nio.charset.Charset.forName(expected).name().toLowerCase(Locale.ROOT),
        jsoup.toLowerCase(Locale.ROOT), "jsoup's own detection agrees: " + head);
  }

  /**
   * Where WHATWG's prescan and jsoup part: a UTF-16 label read by this ASCII scan means UTF-8 (the bytes are
   * ASCII-compatible, so they are not UTF-16); jsoup would decode them as UTF-16 and lose the page.
   */
  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      <meta charset="utf-16">                                                       | UTF-8
      <meta charset="UTF-16LE">                                                     | UTF-8
      <meta charset=utf-16be>                                                       | UTF-8
      <meta charset="unicode">                                                      | UTF-8
      <meta charset="ucs-2">                                                        | UTF-8
      <meta charset="iso-10646-ucs-2">                                              | UTF-8
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-16">          | UTF-8
      <meta charset="utf-32">                                                       | -
      <meta charset="utf-16x">                                                      | -
      """)
  void aUtf16LabelInAsciiBytesMeansUtf8(String head, String expected) {
    byte[] page = ("<!DOCTYPE html><html><head>" + head + "</head><body><p>caf\u00e9</p></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(expected.equals("-") ? null : expected, MetaCharset.prescan(page, 0, page.length), head);
  }

  @org.junit.jupiter.api.Test
  void aMetaBeyondJsoupsWindowIsLeftToJsoup() {
    byte[] page = ("<html><head><title>" + "x".repeat(MetaCharset.WINDOW) + "</title><meta charset=\"ISO-8859-1\">")
        .getBytes(StandardCharsets.US_ASCII);
    assertNull(MetaCharset.prescan(page, 0, page.length));
  }
}
