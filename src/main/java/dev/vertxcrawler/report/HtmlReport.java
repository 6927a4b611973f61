package dev.vertxcrawler.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * report.html: one self-contained file — data, script and style inline, no external request, works opened
 * from disk. Everything that came from a crawled page is data: the JSON sits in a non-executable script
 * element with {@code <}, {@code >} and {@code &} escaped, and the script only ever writes it with
 * textContent; only http(s) URLs become links. A strict Content-Security-Policy allows exactly the inline
 * script and style by their hashes. Blocking (reads resources, writes the file): worker threads or the CLI.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private HtmlReport() {
  }

  public static String render(JsonObject report) {
    StringWriter html = new StringWriter();
    try {
      render(report, html);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return html.toString();
  }

  /** Streams the page to {@code out}: the report's JSON is never held as a string (it grows with the crawl). */
  static void render(JsonObject report, Writer out) throws IOException {
    String css = resource("report/report.css");
    String js = resource("report/report.js");
    String csp = "default-src 'none'; script-src '" + sha256(js) + "'; style-src '" + sha256(css)
        + "'; img-src data:; base-uri 'none'; form-action 'none'";
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
        + "<meta name=\"referrer\" content=\"no-referrer\">\n"
        + "<title>Crawl report</title>\n<style>" + css + "</style>\n</head>\n<body>\n"
        + "<header><h1 id=\"title\">Crawl report</h1></header>\n<main id=\"app\"></main>\n"
        + "<script type=\"application/json\" id=\"report-data\">");
    writeScriptSafeJson(report, out);
    out.write("</script>\n<script>" + js + "</script>\n</body>\n</html>\n");
  }

  /** Writes DIR/report.html atomically and returns its path. */
  public static Path write(Path dir, JsonObject report) {
    Path target = dir.resolve(FILE);
    Path tmp = dir.resolve(FILE + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        render(report, out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot be written", e);
    }
    return target;
  }

  /**
   * JSON that cannot close its script element or open a comment: {@code <>&} and the line separators U+2028 and
   * U+2029 escaped as {@code \\uXXXX} (in keys too), written by Jackson straight to {@code out}.
   */
  static void writeScriptSafeJson(JsonObject json, Writer out) throws IOException {
    JsonGenerator generator = JSON.createGenerator(out);
    generator.setCharacterEscapes(ScriptSafeEscapes.INSTANCE);
    JacksonCodec.encodeJson(json.getMap(), generator);
    generator.flush();
  }

  private static final class ScriptSafeEscapes extends CharacterEscapes {
    static final ScriptSafeEscapes INSTANCE = new ScriptSafeEscapes();
    private final int[] ascii = standardAsciiEscapesForJSON();

    private ScriptSafeEscapes() {
      for (char c : new char[] {'<', '>', '&'}) {
        ascii[c] = ESCAPE_CUSTOM;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029
          ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }

  static String sha256(String inline) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
