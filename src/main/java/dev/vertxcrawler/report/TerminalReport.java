package dev.vertxcrawler.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The terminal report: plain text from {@link ReportQueries}' JSON. */
public final class TerminalReport {
  private TerminalReport() {
  }

  public static String render(JsonObject r) {
    StringBuilder out = new StringBuilder();
    JsonObject t = r.getJsonObject("totals");
    out.append("Crawl ").append(r.getString("dir")).append(" — ").append(r.getString("finishReason")).append('\n');
    out.append(String.format(Locale.ROOT, "  %d pages: %d fetched, %d failed, %d skipped; %s; %.1f s, %.1f pages/s; "
            + "%d queued, %d in flight%n", t.getLong("pages"), t.getLong("fetched"), t.getLong("failed"),
        t.getLong("skipped"), SummaryText.bytes(t.getLong("bytes")), t.getDouble("elapsedSeconds"),
        t.getDouble("pagesPerSecond"), t.getLong("queued"), t.getLong("inFlight")));
    changes(out, r.getJsonObject("changes"));
    section(out, "Status", r.getJsonArray("statuses"));
    section(out, "Errors (failed pages)", r.getJsonArray("errors"));
    section(out, "Skipped", r.getJsonArray("skipped"));
    out.append("\nFiltered links\n");
    JsonObject filtered = r.getJsonObject("filtered");
    if (filtered.isEmpty()) {
      out.append("  none\n");
    }
    filtered.forEach(e -> out.append(String.format(Locale.ROOT, "  %-14s %8s%n", e.getKey(), e.getValue())));
    out.append("\nrobots.txt\n  ").append(r.getJsonObject("robots").encode()).append('\n');
    out.append("\nHosts\n");
    out.append(String.format(Locale.ROOT, "  %-40s %8s %7s %7s %7s %7s %8s%n", "origin", "fetched", "failed", "skipped",
        "mean ms", "p95 ms", "delay ms"));
    for (Object o : r.getJsonArray("hosts")) {
      JsonObject h = (JsonObject) o;
      out.append(String.format(Locale.ROOT, "  %-40s %8d %7d %7d %7d %7d %8s%n", clip(h.getString("origin"), 40),
          h.getLong("fetched"), h.getLong("failed"), h.getLong("skipped"), h.getLong("meanMs"), h.getLong("p95Ms"),
          h.getValue("delayMs") == null ? "-" : h.getValue("delayMs")));
    }
    listing(out, "Slowest pages", r.getJsonArray("slowest"), "elapsedMs", " ms");
    listing(out, "Largest pages", r.getJsonArray("largest"), "bytes", " B");
    out.append("\nDuplicate content (same SHA-256)\n");
    JsonArray dups = r.getJsonArray("duplicates");
    if (dups.isEmpty()) {
      out.append("  none\n");
    }
    for (Object o : dups) {
      JsonObject d = (JsonObject) o;
      out.append("  ").append(d.getString("sha256"), 0, 12).append("…  ").append(d.getJsonArray("urls").size())
          .append(" URLs\n");
      d.getJsonArray("urls").forEach(u -> out.append("      ").append(u).append('\n'));
    }
    out.append("\nRedirects\n");
    JsonArray redirects = r.getJsonArray("redirects");
    if (redirects.isEmpty()) {
      out.append("  none\n");
    }
    for (Object o : redirects) {
      JsonObject d = (JsonObject) o;
      out.append("  ").append(d.getValue("status")).append("  ")
          .append(String.join(" → ", d.getJsonArray("chain").stream().map(String::valueOf).toList())).append('\n');
    }
    section(out, "Depth", r.getJsonArray("depths"));
    out.append("\nBroken links: ").append(r.getJsonArray("broken").size())
        .append(" targets (report DIR --broken lists them with their referrers)\n");
    return out.toString();
  }

  /** Every broken target with every page that links to it. */
  public static String renderBroken(JsonObject r) {
    StringBuilder out = new StringBuilder();
    JsonArray broken = r.getJsonArray("broken");
    out.append(broken.size()).append(" broken link targets in ").append(r.getString("dir")).append('\n');
    for (Object o : broken) {
      JsonObject b = (JsonObject) o;
      out.append('\n').append(b.getValue("status") == null ? b.getString("error") : b.getValue("status"))
          .append("  ").append(b.getString("url")).append('\n');
      JsonArray referrers = b.getJsonArray("referrers");
      if (referrers.isEmpty()) {
        out.append("    (a seed or sitemap URL: no page links to it)\n");
      }
      referrers.forEach(ref -> out.append("    linked from ").append(ref).append('\n'));
    }
    return out.toString();
  }

  /** Shown TERMINAL_LIST per list; the JSON format has up to ReportChanges.LIST. */
  private static final int TERMINAL_LIST = 20;

  /** A crawl made since another: what changed, what is new, what is gone. */
  private static void changes(StringBuilder out, JsonObject changes) {
    if (changes == null) {
      return;
    }
    out.append("\nChanges since ").append(changes.getString("since")).append('\n');
    JsonObject changed = changes.getJsonObject("changed");
    if (changes.containsKey("error")) {
      out.append("  ").append(changes.getString("error")).append('\n');
      return;
    }
    out.append(String.format(Locale.ROOT, "  %d changed, %d unchanged, %d new, %d gone%n", changed.getLong("count"),
        changes.getLong("unchanged"), changes.getJsonObject("new").getLong("count"),
        changes.getJsonObject("gone").getLong("count")));
    for (String kind : new String[] {"changed", "new", "gone"}) {
      JsonObject list = changes.getJsonObject(kind);
      if (list == null || list.getLong("count") == 0) {
        continue;
      }
      out.append("  ").append(kind).append(":\n");
      JsonArray urls = list.getJsonArray("urls");
      for (int i = 0; i < Math.min(urls.size(), TERMINAL_LIST); i++) {
        Object u = urls.getValue(i);
        out.append("    ").append(u instanceof JsonObject g ? g.getString("url") + "  (now " + g.getString("now") + ")"
            : u).append('\n');
      }
      if (list.getLong("count") > TERMINAL_LIST) {
        out.append("    … and ").append(list.getLong("count") - TERMINAL_LIST).append(" more (--format json lists ")
            .append(ReportChanges.LIST).append(")\n");
      }
    }
  }

  private static void section(StringBuilder out, String title, JsonArray rows) {
    out.append('\n').append(title).append('\n');
    if (rows.isEmpty()) {
      out.append("  none\n");
    }
    for (Object o : rows) {
      JsonObject row = (JsonObject) o;
      out.append(String.format(Locale.ROOT, "  %-20s %8d%n", row.getString("key"), row.getLong("count")));
    }
  }

  private static void listing(StringBuilder out, String title, JsonArray rows, String field, String unit) {
    out.append('\n').append(title).append('\n');
    for (Object o : rows) {
      JsonObject row = (JsonObject) o;
      out.append(String.format(Locale.ROOT, "  %10d%s  %s%n", row.getLong(field), unit, row.getString("url")));
    }
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
