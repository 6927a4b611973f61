package dev.vertxcrawler.jmh;

import java.nio.charset.StandardCharsets;

/** Deterministic pages shaped like API documentation: about 30 KB and 100 relative links each. */
final class SamplePages {
  static final String BASE = "http://127.0.0.1:8080/api/java.base/java/util/concurrent/package-summary.html";

  private SamplePages() {
  }

  static byte[] docPage(int seed) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Page ")
        .append(seed).append("</title><link rel=stylesheet href=../../../stylesheet.css></head><body><header>")
        .append("<nav><a href=../../../index.html>Overview</a> <a href=package-tree.html>Tree</a> ")
        .append("<a href=../../../deprecated-list.html>Deprecated</a> <a href=#main>Skip</a></nav></header><main>");
    for (int i = 0; i < 96; i++) {
      int n = (seed * 31 + i * 7) % 500;
      String target = switch (i % 4) {
        case 0 -> "Class" + n + ".html";
        case 1 -> "../atomic/Atomic" + n + ".html#method-summary";
        case 2 -> "../../lang/Object" + n + ".html";
        default -> "#section-" + n;
      };
      html.append("<section><h3 id=m").append(i).append(">method").append(i).append("</h3><div class=block>")
          .append("Returns the value of <code>field").append(n).append("</code>, as described in ")
          .append("<a href=\"").append(target).append("\"><code>Type").append(n).append("</code></a>. ")
          .append("This paragraph pads the page to the size of a real one; ".repeat(3))
          .append("</div></section>");
    }
    return html.append("</main></body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }
}
