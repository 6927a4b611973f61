package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Politeness decisions are pure: a host's delay state and an answer in, a decision record out. */
class PolitenessDecisionsTest {
  private static Politeness politeness(String... overrides) {
    return new Politeness(ConfigLoader.fromJson("{}", "test", List.of(overrides)).politeness());
  }

  private static HostAnswer ok(long elapsedMs) {
    return new HostAnswer(elapsedMs, false, false, null, 200);
  }

  @Test
  void aSlowAnswerRaisesTheDelayAndSaysSoOnceItDoubled() {
    Politeness p = politeness("politeness.minDelayMs=100", "politeness.targetConcurrency=1");
    Politeness.DelayDecision d = p.afterAnswer(new Politeness.HostDelay(100, 100, 100), ok(1900));
    assertEquals(1000, d.delayMs(), "halfway toward the latency");
    assertTrue(d.slowed());
    assertFalse(d.backedOff());
    assertFalse(d.deferred());
    Politeness.DelayDecision again = p.afterAnswer(new Politeness.HostDelay(1000, 100, 1000), ok(1000));
    assertFalse(again.slowed(), "not logged again until it doubles once more");
  }

  @ParameterizedTest(name = "Retry-After {0} ms with maxRetryAfterMs 5000 holds the host {1} ms")
  @CsvSource({
      "2000, 2000, false",
      "9000, 5000, true",
      "0, 0, false",
      "-3000, 0, false"
  })
  void aBackoffAnswerDefersTheHostByItsRetryAfterUpToTheCap(long retryAfterMs, long heldMs, boolean capped) {
    Politeness p = politeness("politeness.minDelayMs=100", "politeness.maxRetryAfterMs=5000");
    Politeness.DelayDecision d = p.afterAnswer(new Politeness.HostDelay(100, 100, 100),
        new HostAnswer(20, true, true, retryAfterMs, 503));
    assertTrue(d.backedOff());
    assertEquals(1000, d.delayMs(), "doubled, at least one second");
    assertTrue(d.deferred(), "a Retry-After was given, even one in the past");
    assertEquals(heldMs, d.blockForMs());
    assertEquals(capped, d.retryAfterCapped());
  }

  @Test
  void aBackoffWithoutRetryAfterIsNotADeferral() {
    Politeness.DelayDecision d = politeness().afterAnswer(new Politeness.HostDelay(100, 100, 100),
        new HostAnswer(20, true, true, null, 429));
    assertTrue(d.backedOff());
    assertFalse(d.deferred());
  }

  @ParameterizedTest(name = "Crawl-delay {0} ms (cap 10000, over the cap: {1}) is {2} at {3} ms")
  @CsvSource({
      "0, cap, APPLIED, 200",
      "3000, cap, APPLIED, 3000",
      "60000, cap, CAPPED, 10000",
      "60000, skip, GIVE_UP, 0"
  })
  void aCrawlDelayIsAppliedCappedOrGivesTheHostUp(long askedMs, String overCap,
      Politeness.CrawlDelayDecision.Kind kind, long floorMs) {
    Politeness p = politeness("politeness.minDelayMs=200", "politeness.maxCrawlDelayMs=10000",
        "politeness.crawlDelayOverCap=" + overCap);
    Politeness.CrawlDelayDecision d = p.crawlDelay(askedMs);
    assertEquals(kind, d.kind());
    assertEquals(floorMs, d.floorMs());
  }
}
