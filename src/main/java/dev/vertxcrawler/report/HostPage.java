package dev.vertxcrawler.report;

import dev.vertxcrawler.store.PgLiveView.HostRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One page of the dashboard's host table: the crawl's hosts (there may be 50 000) filtered by a substring of the
 * origin, sorted by one column, {@code limit} rows from {@code offset}. Only that page goes to the browser.
 */
final class HostPage {
  static final int MAX_LIMIT = 200;

  /** The orders the table offers; each is descending by default (the busiest, slowest, most blocked first). */
  enum Sort {
    ORIGIN(Comparator.comparing(HostRow::origin)),
    FETCHED(Comparator.comparingLong(HostRow::fetched)),
    FAILED(Comparator.comparingLong(HostRow::failed)),
    QUEUED(Comparator.comparingLong(HostRow::queued)),
    DELAY(Comparator.comparingLong(HostRow::delayMs)),
    /** Held back the longest: a Retry-After or a long Crawl-delay, then pages robots.txt disallowed, then gave up. */
    BLOCKED(Comparator.comparingLong(HostRow::waitMs).thenComparingLong(HostRow::skipped)
        .thenComparing(h -> h.giveUp() != null));

    final Comparator<HostRow> order;

    Sort(Comparator<HostRow> order) {
      this.order = order;
    }

    static Sort of(String name) {
      if (name == null || name.isEmpty()) {
        return FETCHED;
      }
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return FETCHED;
      }
    }
  }

  /** A request for a page: the column, ascending or not, a filter (may be empty), from where and how many. */
  record Query(Sort sort, boolean ascending, String filter, int offset, int limit) {
    Query {
      filter = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
      offset = Math.max(0, offset);
      limit = Math.max(1, Math.min(MAX_LIMIT, limit));
    }
  }

  private HostPage() {
  }

  static JsonObject of(List<HostRow> hosts, Query q) {
    List<HostRow> matched = new ArrayList<>();
    for (HostRow h : hosts) {
      if (q.filter().isEmpty() || h.origin().toLowerCase(Locale.ROOT).contains(q.filter())) {
        matched.add(h);
      }
    }
    Comparator<HostRow> order = q.ascending() ? q.sort().order : q.sort().order.reversed();
    matched.sort(order.thenComparing(HostRow::origin));
    JsonArray rows = new JsonArray();
    for (int i = q.offset(); i < Math.min(matched.size(), q.offset() + q.limit()); i++) {
      HostRow h = matched.get(i);
      rows.add(new JsonObject().put("origin", h.origin()).put("holder", h.holder()).put("fetched", h.fetched())
          .put("failed", h.failed()).put("skipped", h.skipped()).put("queued", h.queued())
          .put("delayMs", h.delayMs()).put("waitMs", h.waitMs()).put("giveUp", h.giveUp()));
    }
    return new JsonObject().put("total", hosts.size()).put("matched", matched.size()).put("offset", q.offset())
        .put("limit", q.limit()).put("sort", q.sort().name().toLowerCase(Locale.ROOT)).put("ascending", q.ascending())
        .put("rows", rows);
  }
}
