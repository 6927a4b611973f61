package dev.vertxcrawler.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

  private HtmlReport() {
  }

  public static String render(JsonObject report) {
    String css = resource("report/report.css");
    String js = resource("report/report.js");
    String csp = "default-src 'none'; script-src '" + sha256(js) + "'; style-src '" + sha256(css)
        + "'; img-src data:; base-uri 'none'; form-action 'none'";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
        + "<meta name=\"referrer\" content=\"no-referrer\">\n"
        + "<title>Crawl report</title>\n<style>" + css + "</style>\n</head>\n<body>\n"
        + "<header><h1 id=\"title\">Crawl report</h1></header>\n<main id=\"app\"></main>\n"
        + "<script type=\"application/json\" id=\"report-data\">" + scriptSafeJson(report) + "</script>\n"
        + "<script>" + js + "</script>\n</body>\n</html>\n";
  }

  /** Writes DIR/report.html atomically and returns its path. */
  public static Path write(Path dir, JsonObject report) {
    Path target = dir.resolve(FILE);
    Path tmp = dir.resolve(FILE + ".tmp");
    try {
      Files.writeString(tmp, render(report), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot be written", e);
    }
    return target;
  }

  /** JSON that cannot close its script element or open a comment: {@code <>&} and line separators escaped. */
  static String scriptSafeJson(JsonObject json) {
    // String.replace finds each character with the JDK's vectorised indexOf (a no-op when it is absent): the
    // report of a 10 000-page crawl is ~6 MB of JSON, and this runs once, in code the JIT has not compiled.
    return json.encode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
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
