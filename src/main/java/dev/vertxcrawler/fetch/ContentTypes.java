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

  private static final byte[][] BINARY_MAGIC = {
      {(byte) 0x89, 'P', 'N', 'G'}, {'G', 'I', 'F', '8'}, {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, {'%', 'P', 'D', 'F'},
      {0x1f, (byte) 0x8b}, {'P', 'K', 3, 4}, {0x7f, 'E', 'L', 'F'}, {'R', 'I', 'F', 'F'}, {'7', 'z', (byte) 0xbc, (byte) 0xaf},
      {0x00, 0x00, 0x01, 0x00}, {'B', 'M'}, {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}};

  /**
   * A body labelled HTML that is not: an image, PDF, archive or executable by its magic number, or mostly
   * NUL bytes. Such a body is recorded but never handed to jsoup. A few NULs inside real HTML are fine.
   */
  public static boolean looksBinary(byte[] body) {
    for (byte[] magic : BINARY_MAGIC) {
      if (body.length >= magic.length && java.util.Arrays.equals(body, 0, magic.length, magic, 0, magic.length)) {
        return true;
      }
    }
    boolean utf16Bom = body.length >= 2 && ((body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe
        || (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff);
    if (utf16Bom) {
      return false; // UTF-16 text is half NUL bytes
    }
    int sample = Math.min(body.length, 1024);
    int nul = 0;
    for (int i = 0; i < sample; i++) {
      if (body[i] == 0) {
        nul++;
      }
    }
    return sample > 0 && nul * 4 > sample;
  }
}
