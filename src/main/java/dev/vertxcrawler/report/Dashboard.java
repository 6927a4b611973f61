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
    ScriptedPage.send(ctx, PAGE);
  }

  private static String build() {
    return ScriptedPage.build("vertx-crawler — live", "vertx-crawler — live status", "report/dashboard.js",
        "<section><div class=\"cards\" id=\"cards\"></div><p class=\"muted\" id=\"updated\"></p></section>"
        + "<section><h2>Hosts</h2><table id=\"hosts-table\"><thead><tr><th>origin</th><th class=\"num\">fetched</th>"
        + "<th class=\"num\">failed</th><th class=\"num\">queued</th><th class=\"num\">delay ms</th>"
        + "<th>robots</th></tr></thead><tbody></tbody></table></section>"
        + "<section><h2>Recent pages</h2><table id=\"recent-table\"><tbody></tbody></table></section>");
  }
}
