package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.PolitenessConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveThrottleTest {
  private static AdaptiveThrottle throttle(String... overrides) {
    PolitenessConfig config = ConfigLoader.fromJson("{}", "test", List.of(overrides)).politeness();
    return new AdaptiveThrottle(config);
  }

  @Test
  void theDelayMovesHalfwayTowardLatencyOverTargetConcurrencyButNeverBelowTheFloor() {
    AdaptiveThrottle t = throttle("politeness.minDelayMs=100", "politeness.targetConcurrency=2");
    assertEquals(1050, t.afterResponse(100, 100, 4000, false), "(100 + 4000/2) / 2");
    assertEquals(100, t.afterResponse(150, 100, 10, false), "floor holds");
  }

  @Test
  void anErrorAnswerNeverLowersTheDelay() {
    AdaptiveThrottle t = throttle("politeness.minDelayMs=0");
    assertEquals(800, t.afterResponse(800, 0, 10, true));
    assertEquals(2500, t.afterResponse(800, 0, 4200, true), "but it may raise it");
  }

  @Test
  void backoffDoublesAtLeastToOneSecondAndStopsAtTheCeiling() {
    AdaptiveThrottle t = throttle("politeness.minDelayMs=0", "politeness.maxDelayMs=5000");
    assertEquals(1000, t.afterBackoff(0, 0));
    assertEquals(4000, t.afterBackoff(2000, 0));
    assertEquals(5000, t.afterBackoff(4000, 0));
  }

  @Test
  void crawlDelayRaisesTheFloorAndNonAdaptiveKeepsIt() {
    AdaptiveThrottle t = throttle("politeness.minDelayMs=500", "politeness.adaptive=false");
    assertEquals(2000, t.floor(2000));
    assertEquals(500, t.floor(0));
    assertEquals(2000, t.afterResponse(2000, 2000, 10, false));
  }
}
