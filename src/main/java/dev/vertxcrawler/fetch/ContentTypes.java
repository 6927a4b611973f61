package dev.vertxcrawler.fetch;

import java.nio.charset.Charset;
import java.util.Locale;

/** Reads a Content-Type header: is the body HTML we parse, and which charset does it declare. */
public final class ContentTypes {
  private ContentTypes() {
  }

  /** Only HTML and XHTML are parsed; everything else is recorded, not parsed. */
  public static boolean isParseable(String contentType) {
    String mime = mimeType(contentType);
    return mime.equals("text/html") || mime.equals("application/xhtml+xml");
  }

  public static String mimeType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    String mime = semi >= 0 ? contentType.substring(0, semi) : contentType;
    return mime.trim().toLowerCase(Locale.ROOT);
  }

  /** The declared charset if the JVM knows it, else null (the parser then sniffs BOM and meta tags). */
  public static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).trim().replace("\"", "").replace("'", "");
        try {
          return Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }
}
