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
    ScriptedPage.send(ctx, PAGE);
  }

  private static String build() {
    String hostColumns = th("origin", "origin") + "<th>held by</th>" + th("fetched", "fetched") + th("failed", "failed")
        + "<th class=\"num\">skipped</th>" + th("queued", "queued") + th("delay", "delay ms") + th("blocked", "held back")
        + "<th>gave up</th>";
    return ScriptedPage.build("vertx-crawler — cluster", "vertx-crawler — <span id=\"crawl-name\">cluster</span>",
        "report/live.js", "<section><div class=\"cards\" id=\"cards\"></div>"
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
        + "<table id=\"hosts-table\"><thead><tr>" + hostColumns + "</tr></thead><tbody></tbody></table></section>");
  }

  private static String th(String sort, String label) {
    return "<th class=\"sortable\" data-sort=\"" + sort + "\">" + label + "</th>";
  }
}
