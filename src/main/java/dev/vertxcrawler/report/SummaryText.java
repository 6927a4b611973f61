package dev.vertxcrawler.report;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The few lines printed at the end of a crawl, from summary.json's content. */
public final class SummaryText {
  private SummaryText() {
  }

  public static String render(JsonObject summary, Path out) {
    JsonObject pages = summary.getJsonObject("pages");
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "Crawl %s in %.1f s: %d fetched, %d failed, %d skipped, %s%n",
        summary.getString("finishReason"), summary.getDouble("elapsedSeconds"),
        pages.getLong("fetched"), pages.getLong("failed"), pages.getLong("skipped"),
        bytes(summary.getLong("bytes"))));
    text.append("  status:   ").append(counts(summary.getJsonObject("statusCounts"))).append('\n');
    text.append("  errors:   ").append(counts(summary.getJsonObject("errorCounts"))).append('\n');
    text.append("  skipped:  ").append(counts(summary.getJsonObject("skipCounts"))).append('\n');
    text.append("  filtered: ").append(counts(summary.getJsonObject("filteredCounts"))).append('\n');
    JsonObject crawl = summary.getJsonObject("crawl");
    if (crawl != null) {
      text.append(String.format(Locale.ROOT, "  crawl:    %s, %d node(s) in all: %d fetched, %d failed, %d skipped "
              + "(the lines above are this node's share)%n", crawl.getString("name"), crawl.getLong("nodes"),
          crawl.getLong("fetched"), crawl.getLong("failed"), crawl.getLong("skipped")));
    }
    JsonObject changes = summary.getJsonObject("changes");
    if (changes != null && changes.getLong("changed", 0L) + changes.getLong("unchanged", 0L) > 0) {
      text.append("  since:    ").append(changes.getLong("changed", 0L)).append(" changed, ")
          .append(changes.getLong("unchanged", 0L)).append(" unchanged\n");
    }
    text.append("Output: ").append(out.resolve("pages.jsonl")).append(", ").append(out.resolve("summary.json"));
    return text.toString();
  }

  private static String counts(JsonObject counts) {
    if (counts == null || counts.isEmpty()) {
      return "none";
    }
    return counts.getMap().entrySet().stream()
        .map((Map.Entry<String, Object> e) -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}
