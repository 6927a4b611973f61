package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RateSeriesTest {
  @Test
  void ratesAreTheSlopesBetweenSamples() {
    RateSeries s = new RateSeries(1_000);
    s.add(0, 0, 0);
    s.add(1_000, 10, 1);
    s.add(3_000, 50, 1);
    JsonArray json = s.toJson();
    assertEquals(2, json.size());
    assertEquals(10.0, json.getJsonObject(0).getDouble("pagesPerSecond"));
    assertEquals(1.0, json.getJsonObject(0).getDouble("errorsPerSecond"));
    assertEquals(20.0, json.getJsonObject(1).getDouble("pagesPerSecond"));
    assertEquals(0.0, json.getJsonObject(1).getDouble("errorsPerSecond"));
  }

  @Test
  void aSampleCloserThanTheSpacingIsNotKept() {
    RateSeries s = new RateSeries(1_000);
    s.add(0, 0, 0);
    s.add(400, 5, 0);
    s.add(1_000, 10, 0);
    assertEquals(2, s.size());
  }

  @Test
  void aLongCrawlStaysBoundedCoversItAllAndKeepsTheNewestPoint() {
    RateSeries s = new RateSeries(1_000);
    long t = 0;
    for (int i = 0; i < 10 * RateSeries.MAX_POINTS; i++, t += 1_000) {
      s.add(t, i * 7L, i);
    }
    assertTrue(s.size() < RateSeries.MAX_POINTS, "bounded: " + s.size());
    assertTrue(s.spacingMs() >= 8_000, "coarser as the crawl grows: " + s.spacingMs());
    JsonArray json = s.toJson();
    JsonObject last = json.getJsonObject(json.size() - 1);
    assertTrue(last.getLong("t") >= t - s.spacingMs() - 1_000, "the newest point is near the end: " + last);
    // A steady 7 pages/s stays 7 pages/s at every resolution: dropping points loses no pages.
    for (int i = 0; i < json.size(); i++) {
      assertEquals(7.0, json.getJsonObject(i).getDouble("pagesPerSecond"), 0.01, "interval " + i);
    }
    assertEquals(7.0, s.recentRate(60_000), 0.01);
  }

  @Test
  void theRecentRateLooksOnlyAtTheLastStretch() {
    RateSeries s = new RateSeries(1_000);
    for (int i = 0; i <= 100; i++) {
      s.add(i * 1_000L, i < 50 ? i * 100L : 5_000 + (i - 50) * 10L, 0); // 100/s, then 10/s
    }
    assertEquals(10.0, s.recentRate(30_000), 0.01);
    assertEquals(0.0, new RateSeries(1_000).recentRate(30_000));
  }
}
