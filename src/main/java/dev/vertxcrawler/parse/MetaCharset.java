package dev.vertxcrawler.parse;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset a page declares in its first {@code <meta>} tag, read from the raw bytes. When the server sends
 * no charset, jsoup finds it by parsing the first 5 KB into a throwaway document and selecting
 * {@code meta[http-equiv=content-type], meta[charset]} — a quarter of the parse time on a documentation site.
 * This scan reads the same window as jsoup and answers only when the answer is plain: the first such meta tag,
 * found outside comments, {@code <title>}, {@code <script>} and {@code <style>}, naming a charset this JVM
 * supports. Anything else (no such tag, an XML declaration, an odd byte before the tag) gives null, and jsoup
 * decides as before.
 */
final class MetaCharset {
  /** jsoup's DataUtil reads this much before it looks for a meta charset. */
  static final int WINDOW = 5 * 1024;
  // jsoup's own pattern for a Content-Type value (DataUtil.charsetPattern)
  private static final Pattern CHARSET_IN_CONTENT = Pattern.compile("(?i)\\bcharset=\\s*(?:[\"'])?([^\\s,;\"']*)");

  /** The WHATWG Encoding Standard's labels of UTF-16LE and UTF-16BE, and Java's own UTF-16 names. */
  private static final Set<String> UTF_16_LABELS = Set.of("utf-16", "utf-16le", "utf-16be", "unicode", "unicodefeff",
      "unicodefffe", "csunicode", "iso-10646-ucs-2", "ucs-2", "x-utf-16le-bom", "unicodelittle", "unicodebig",
      "utf_16", "utf_16le", "utf_16be");

  private MetaCharset() {
  }

  /** The declared charset's name, or null when jsoup's own detection should decide. */
  static String prescan(byte[] b, int offset, int length) {
    int end = offset + Math.min(length, WINDOW);
    int i = offset;
    while (i < end) {
      int lt = indexOf(b, (byte) '<', i, end);
      if (lt < 0 || lt + 1 >= end) {
        return null;
      }
      if (startsWithIgnoreCase(b, lt + 1, end, "!--")) {
        i = indexOf(b, "-->", lt + 2, end); // from "<!": "<!-->" and "<!--->" are whole comments too
        if (i < 0) {
          return null;
        }
        continue;
      }
      if (b[lt + 1] == '?') {
        return null; // <?xml encoding=…?>: jsoup reads it
      }
      String rawText = rawTextElement(b, lt + 1, end);
      if (rawText != null) {
        i = indexOf(b, "</" + rawText, lt + 1, end);
        if (i < 0) {
          return null;
        }
        continue;
      }
      if (isTag(b, lt + 1, end, "meta")) {
        int close = skipTag(b, lt + 1, end) - 1;
        if (close < 0) {
          return null;
        }
        String tag = new String(b, lt + 5, close - lt - 5, java.nio.charset.StandardCharsets.ISO_8859_1);
        Attributes attrs = Attributes.parse(tag);
        if (attrs == null) {
          return null;
        }
        boolean httpEquiv = "content-type".equalsIgnoreCase(attrs.httpEquiv);
        if (httpEquiv || attrs.charset != null) {
          String found = null;
          if (attrs.httpEquiv != null && attrs.content != null) {
            Matcher m = CHARSET_IN_CONTENT.matcher(attrs.content);
            found = m.find() ? m.group(1) : null;
          }
          if (found == null) {
            found = attrs.charset;
          }
          return supported(found);
        }
        i = close + 1;
        continue;
      }
      if (isLetter(b[lt + 1]) || b[lt + 1] == '/' || b[lt + 1] == '!') {
        i = skipTag(b, lt + 1, end); // another tag: its attribute values may hold '<' (never a tag there)
        if (i < 0) {
          return null;
        }
        continue;
      }
      i = lt + 1; // a '<' in text
    }
    return null;
  }

  /**
   * Whether jsoup's window could declare a charset at all: a {@code <meta} tag, or an XML declaration
   * ({@code ?xml} or {@code !xml}, as jsoup reads one from a bogus comment). When not, jsoup settles on UTF-8.
   */
  static boolean mayDeclare(byte[] b, int offset, int length) {
    int end = offset + Math.min(length, WINDOW);
    for (int i = offset; i + 3 < end; i++) {
      byte c = b[i];
      if (c == '<' && startsWithIgnoreCase(b, i + 1, end, "meta")
          || (c == '?' || c == '!') && startsWithIgnoreCase(b, i + 1, end, "xml")) {
        return true;
      }
    }
    return false;
  }

  /** The index after the tag's closing '>' (quoted attribute values skipped), or -1. */
  private static int skipTag(byte[] b, int i, int end) {
    byte quote = 0;
    for (; i < end; i++) {
      byte c = b[i];
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean isLetter(byte c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /**
   * The name as jsoup would use it, or null (unsupported, blank, UTF-32 without a BOM: jsoup decides). A UTF-16
   * label is UTF-8: bytes in which this ASCII scan found the label are not UTF-16 (WHATWG HTML, prescan step
   * "if charset is UTF-16BE/LE, set charset to UTF-8"); a real UTF-16 page has a BOM, read before this scan.
   */
  private static String supported(String name) {
    if (name == null) {
      return null;
    }
    String n = name.trim().replace("charset=", "");
    String lower = n.toLowerCase(Locale.ROOT);
    if (UTF_16_LABELS.contains(lower)) {
      return "UTF-8";
    }
    if (n.isEmpty() || lower.startsWith("utf-32")) {
      return null;
    }
    try {
      return Charset.isSupported(n) ? n : null;
    } catch (IllegalCharsetNameException e) {
      return null;
    }
  }

  /** The attributes of a meta tag this scan understands; null when its syntax is anything but plain. */
  private record Attributes(String httpEquiv, String content, String charset) {
    static Attributes parse(String tag) {
      String httpEquiv = null;
      String content = null;
      String charset = null;
      int i = 0;
      int n = tag.length();
      while (i < n) {
        char c = tag.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/') {
          i++;
          continue;
        }
        int nameStart = i;
        while (i < n && "= \t\n\r\f/>".indexOf(tag.charAt(i)) < 0) {
          if (tag.charAt(i) == '"' || tag.charAt(i) == '\'' || tag.charAt(i) == '<') {
            return null;
          }
          i++;
        }
        String name = tag.substring(nameStart, i).toLowerCase(Locale.ROOT);
        String value = "";
        if (i < n && tag.charAt(i) == '=') {
          i++;
          if (i >= n) {
            return null;
          }
          char q = tag.charAt(i);
          if (q == '"' || q == '\'') {
            int close = tag.indexOf(q, i + 1);
            if (close < 0) {
              return null;
            }
            value = tag.substring(i + 1, close);
            i = close + 1;
          } else {
            int start = i;
            while (i < n && " \t\n\r\f>".indexOf(tag.charAt(i)) < 0) {
              if ("\"'<=`".indexOf(tag.charAt(i)) >= 0) {
                return null;
              }
              i++;
            }
            value = tag.substring(start, i);
          }
          if (value.indexOf('&') >= 0) {
            return null; // a character reference: jsoup would decode it
          }
        }
        switch (name) {
          case "http-equiv" -> httpEquiv = httpEquiv == null ? value : httpEquiv;
          case "content" -> content = content == null ? value : content;
          case "charset" -> charset = charset == null ? value : charset;
          default -> { }
        }
      }
      return new Attributes(httpEquiv, content, charset);
    }
  }

  /** An element whose content is text to the parser (a '<meta' in it is no tag), at i; else null. */
  private static String rawTextElement(byte[] b, int i, int end) {
    for (String name : new String[] {"title", "script", "style", "textarea", "xmp", "iframe", "noembed", "noframes",
        "plaintext"}) {
      if (isTag(b, i, end, name)) {
        return name;
      }
    }
    return null;
  }

  /** Whether a start tag of this name begins at i (the name, then whitespace, '/' or '>'). */
  private static boolean isTag(byte[] b, int i, int end, String name) {
    int after = i + name.length();
    if (after >= end || !startsWithIgnoreCase(b, i, end, name)) {
      return false;
    }
    byte c = b[after];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>';
  }

  private static boolean startsWithIgnoreCase(byte[] b, int i, int end, String s) {
    if (i + s.length() > end) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      int c = b[i + k];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, byte c, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The index just past {@code s} (ASCII case ignored), or -1. */
  private static int indexOf(byte[] b, String s, int from, int end) {
    for (int i = from; i + s.length() <= end; i++) {
      if (startsWithIgnoreCase(b, i, end, s)) {
        return i + s.length();
      }
    }
    return -1;
  }

}
