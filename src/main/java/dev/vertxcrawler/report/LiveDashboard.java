package dev.vertxcrawler.report;

import io.vertx.ext.web.RoutingContext;

/**
 * The cluster dashboard ({@code /live} of the report UI): static HTML whose one script (allowed by its hash, as
 * the node's own dashboard) polls {@code /live.json} and {@code /hosts.json}; crawled text reaches the page only
 * through textContent.
 */
final class LiveDashboard {
  private static final String PAGE = build();

  private LiveDashboard() {
  }

  static void send(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("cache-control", "no-store").end(PAGE);
  }

  private static String build() {
    String css = HtmlReport.resource("report/report.css");
    String js = HtmlReport.resource("report/live.js");
    String csp = "default-src 'none'; script-src '" + HtmlReport.sha256(js) + "'; style-src '" + HtmlReport.sha256(css)
        + "'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
    String hostColumns = th("origin", "origin") + "<th>held by</th>" + th("fetched", "fetched") + th("failed", "failed")
        + "<th class=\"num\">skipped</th>" + th("queued", "queued") + th("delay", "delay ms") + th("blocked", "held back")
        + "<th>gave up</th>";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
        + "<title>vertx-crawler — cluster</title>\n<style>" + css + "</style>\n</head>\n<body>\n"
        + "<header><h1>vertx-crawler — <span id=\"crawl-name\">cluster</span></h1></header>\n<main id=\"app\">"
        + "<section><div class=\"cards\" id=\"cards\"></div>"
        + "<progress id=\"progress-bar\" max=\"1000\" value=\"0\"></progress>"
        + "<p id=\"progress-text\"></p><p class=\"muted\" id=\"updated\"></p></section>"
        + "<section><h2>Nodes</h2><table id=\"nodes-table\"><thead><tr><th>node</th><th>state</th>"
        + "<th class=\"num\">pages/s</th><th class=\"num\">hosts held</th><th class=\"num\">last heartbeat</th>"
        + "<th class=\"num\">fetched</th><th class=\"num\">failed</th><th class=\"num\">in flight</th>"
        + "<th class=\"num\">leases lost</th><th class=\"num\">taken over</th></tr></thead><tbody></tbody></table>"
        + "</section>"
        + "<section><h2>Pages and errors per second</h2><svg class=\"series\" id=\"series\" viewBox=\"0 0 600 120\" "
        + "width=\"100%\" height=\"140\" preserveAspectRatio=\"none\"></svg></section>"
        + "<section><h2>Status mix</h2><div class=\"mix\" id=\"status-mix\"></div><h2>Errors</h2>"
        + "<div class=\"mix\" id=\"error-mix\"></div></section>"
        + "<section><h2>Hosts</h2><div class=\"controls\"><input id=\"hosts-filter\" type=\"search\" "
        + "placeholder=\"filter hosts\"></div><div class=\"pager\"><button id=\"hosts-prev\">previous</button>"
        + "<span id=\"hosts-range\"></span><button id=\"hosts-next\">next</button></div>"
        + "<table id=\"hosts-table\"><thead><tr>" + hostColumns + "</tr></thead><tbody></tbody></table></section>"
        + "</main>\n<script>" + js + "</script>\n</body>\n</html>\n";
  }

  private static String th(String sort, String label) {
    return "<th class=\"sortable\" data-sort=\"" + sort + "\">" + label + "</th>";
  }
}
