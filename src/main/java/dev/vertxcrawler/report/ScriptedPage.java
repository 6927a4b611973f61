package dev.vertxcrawler.report;

import io.vertx.ext.web.RoutingContext;

/**
 * A live page of the status server or the report UI: static HTML with the report's style and one script, both
 * allowed by their hash under a strict CSP (nothing else runs, requests only to this origin). Crawled text never
 * reaches the HTML: the script sets it with textContent.
 */
final class ScriptedPage {
  private ScriptedPage() {
  }

  /** The page: {@code title} in the tab, {@code header} (HTML, ours) in the bar, {@code main} (HTML, ours). */
  static String build(String title, String header, String scriptResource, String main) {
    String css = HtmlReport.resource("report/report.css");
    String js = HtmlReport.resource(scriptResource);
    String csp = "default-src 'none'; script-src '" + HtmlReport.sha256(js) + "'; style-src '" + HtmlReport.sha256(css)
        + "'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
        + "<title>" + title + "</title>\n<style>" + css + "</style>\n</head>\n<body>\n"
        + "<header><h1>" + header + "</h1></header>\n<main id=\"app\">" + main
        + "</main>\n<script>" + js + "</script>\n</body>\n</html>\n";
  }

  static void send(RoutingContext ctx, String page) {
    ctx.response().putHeader("content-type", "text/html; charset=utf-8").putHeader("cache-control", "no-store")
        .end(page);
  }
}
