package dev.vertxcrawler.report;

import io.vertx.ext.web.RoutingContext;

/**
 * The live dashboard page: static HTML whose inline script polls /status every second and writes what it
 * gets with textContent only. A strict CSP allows that one script (by hash), its style, and requests to
 * this origin.
 */
final class Dashboard {
  private static final String PAGE = build();

  private Dashboard() {
  }

  static void send(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("cache-control", "no-store").end(PAGE);
  }

  private static String build() {
    String css = HtmlReport.resource("report/report.css");
    String js = HtmlReport.resource("report/dashboard.js");
    String csp = "default-src 'none'; script-src '" + HtmlReport.sha256(js) + "'; style-src '" + HtmlReport.sha256(css)
        + "'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
        + "<title>vertx-crawler — live</title>\n<style>" + css + "</style>\n</head>\n<body>\n"
        + "<header><h1>vertx-crawler — live status</h1></header>\n<main id=\"app\">"
        + "<section><div class=\"cards\" id=\"cards\"></div><p class=\"muted\" id=\"updated\"></p></section>"
        + "<section><h2>Hosts</h2><table id=\"hosts-table\"><thead><tr><th>origin</th><th class=\"num\">fetched</th>"
        + "<th class=\"num\">failed</th><th class=\"num\">queued</th><th class=\"num\">delay ms</th>"
        + "<th>robots</th></tr></thead><tbody></tbody></table></section>"
        + "<section><h2>Recent pages</h2><table id=\"recent-table\"><tbody></tbody></table></section>"
        + "</main>\n<script>" + js + "</script>\n</body>\n</html>\n";
  }
}
