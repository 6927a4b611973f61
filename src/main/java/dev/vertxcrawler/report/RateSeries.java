package dev.vertxcrawler.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages and errors over time for the dashboard's chart, in bounded memory however long the crawl runs: cumulative
 * counts sampled at a fixed spacing; when {@link #MAX_POINTS} are kept, every other one is dropped and the spacing
 * doubles (the chart always covers the whole crawl, coarser as it grows). Rates are the slopes between kept points,
 * so dropping points loses detail, never pages. Event-loop only.
 */
final class RateSeries {
  static final int MAX_POINTS = 720;

  private record Point(long atMs, long done, long errors) {
  }

  private final List<Point> points = new ArrayList<>();
  private long spacingMs;

  RateSeries(long spacingMs) {
    this.spacingMs = spacingMs;
  }

  /** Cumulative counts at {@code atMs}: kept when at least the current spacing after the last kept point. */
  void add(long atMs, long done, long errors) {
    if (!points.isEmpty() && atMs - points.get(points.size() - 1).atMs() < spacingMs) {
      return;
    }
    points.add(new Point(atMs, done, errors));
    if (points.size() >= MAX_POINTS) {
      List<Point> kept = new ArrayList<>(MAX_POINTS / 2 + 1);
      for (int i = points.size() % 2 == 0 ? 1 : 0; i < points.size(); i += 2) { // the newest is always kept
        kept.add(points.get(i));
      }
      points.clear();
      points.addAll(kept);
      spacingMs *= 2;
    }
  }

  long spacingMs() {
    return spacingMs;
  }

  int size() {
    return points.size();
  }

  /** Pages done per second over the last {@code windowMs} (0 when fewer than two points fall in it). */
  double recentRate(long windowMs) {
    if (points.size() < 2) {
      return 0;
    }
    Point last = points.get(points.size() - 1);
    Point first = last;
    for (int i = points.size() - 2; i >= 0 && last.atMs() - points.get(i).atMs() <= windowMs; i--) {
      first = points.get(i);
    }
    if (first == last) {
      first = points.get(points.size() - 2); // a window shorter than the spacing: the last interval
    }
    return (last.done() - first.done()) * 1000.0 / Math.max(1, last.atMs() - first.atMs());
  }

  /** [{t (epoch ms), pagesPerSecond, errorsPerSecond}, …]: one per interval between kept points. */
  JsonArray toJson() {
    JsonArray out = new JsonArray();
    for (int i = 1; i < points.size(); i++) {
      Point a = points.get(i - 1);
      Point b = points.get(i);
      double seconds = Math.max(0.001, (b.atMs() - a.atMs()) / 1000.0);
      out.add(new JsonObject().put("t", b.atMs())
          .put("pagesPerSecond", round((b.done() - a.done()) / seconds))
          .put("errorsPerSecond", round((b.errors() - a.errors()) / seconds)));
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
