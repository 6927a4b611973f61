package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.vertxcrawler.fetch.RobotsAnswer;
import dev.vertxcrawler.frontier.RobotsState;
import dev.vertxcrawler.testing.CrawlHarness;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The robots cache: at most robotsCacheEntries origins in memory, the rest read back as the store saved them. */
class RobotsGateTest {
  private static final long MAX_UNAVAILABLE = 1_000;

  private final RobotsGate gate = new RobotsGate(CrawlHarness.config("politeness.robotsCacheEntries=2",
      "politeness.robotsRetryMs=10", "politeness.robotsUnavailableMaxMs=" + MAX_UNAVAILABLE).politeness(),
      MAX_UNAVAILABLE);
  /** What the store would hold: every answer and give-up saved, as RobotsStep does. */
  private final Map<String, RobotsState> store = new HashMap<>();

  private static RobotsAnswer rules(String body) {
    BaseRobotRules parsed = new SimpleRobotRulesParser().parseContent("http://x/robots.txt",
        body.getBytes(StandardCharsets.UTF_8), "text/plain", List.of("vertx-crawler"));
    return new RobotsAnswer(RobotsAnswer.Kind.RULES, parsed, "2xx", 200, null, "http://x/robots.txt");
  }

  private static final RobotsAnswer UNREACHABLE =
      new RobotsAnswer(RobotsAnswer.Kind.UNREACHABLE, null, "5xx", 503, null, "http://x/robots.txt");

  private void answer(String origin, long now) {
    assertEquals(RobotsGate.Decision.Kind.READY, gate.record(origin, rules("User-agent: *\nDisallow: /private\n"),
        now).kind());
    store.put(origin, gate.snapshot(origin, now));
  }

  private RobotsGate.Status reload(String origin, long now) {
    RobotsGate.Status status = gate.status(origin, now);
    if (status == RobotsGate.Status.UNLOADED) {
      gate.loaded(origin, Optional.ofNullable(store.get(origin)), now);
      status = gate.status(origin, now);
    }
    return status;
  }

  @Test
  void theLeastRecentlyUsedOriginIsLetGoAndComesBackFromTheStoreWithItsRules() {
    answer("http://a", 0);
    answer("http://b", 0);
    assertEquals(RobotsGate.Status.FRESH, gate.status("http://a", 1)); // a is now the most recent
    answer("http://c", 2);
    assertEquals(2, gate.cached());
    assertEquals(RobotsGate.Status.UNLOADED, gate.peek("http://b", 3), "b was used least recently");
    assertEquals(RobotsGate.Status.FRESH, gate.peek("http://a", 3));

    assertEquals(RobotsGate.Status.FRESH, reload("http://b", 4), "read back: not fetched again");
    assertFalse(gate.rules("http://b").isAllowed("http://b/private/x"), "with its rules");
    assertTrue(gate.rules("http://b").isAllowed("http://b/public"));
    assertFalse(gate.firstAnswer("http://b"), "an origin read back was answered before: sitemaps are not re-read");
    assertEquals(2, gate.cached(), "reading b back let a go (c was used after a)");
    assertEquals(RobotsGate.Status.UNLOADED, gate.peek("http://a", 4));
    assertEquals(2L, gate.summary().getLong("evicted"));
    assertEquals(1L, gate.summary().getLong("reloaded"));
  }

  @Test
  void peekingDoesNotCountAsUse() {
    answer("http://a", 0);
    answer("http://b", 0);
    gate.peek("http://a", 1); // the status view
    answer("http://c", 1);
    assertEquals(RobotsGate.Status.UNLOADED, gate.peek("http://a", 2));
  }

  @Test
  void aNewOriginNeedsItsRobotsTxtWithoutAStoreRead() {
    assertEquals(RobotsGate.Status.NEEDS_FETCH, gate.status("http://new", 0), "never saved: nothing to read back");
    assertTrue(gate.firstAnswer("http://new"));
    gate.markSaved("http://resumed"); // what a resume does for every origin crawl.db holds
    assertEquals(RobotsGate.Status.UNLOADED, gate.status("http://resumed", 0));
    gate.loaded("http://resumed", Optional.empty(), 0);
    assertEquals(RobotsGate.Status.NEEDS_FETCH, gate.status("http://resumed", 0));
  }

  @Test
  void everySavedOriginIsReadBackOnceLetGo() {
    for (int i = 0; i < 5_000; i++) {
      answer("http://h" + i + ".example", 0);
    }
    for (int i = 0; i < 4_998; i++) { // the filter has no false negatives
      assertEquals(RobotsGate.Status.UNLOADED, gate.peek("http://h" + i + ".example", 1));
      assertEquals(RobotsGate.Status.UNLOADED, gate.status("http://h" + i + ".example", 1), "h" + i);
    }
  }

  @Test
  void expiredRulesReadBackAreFetchedAgain() {
    answer("http://a", 0);
    RobotsState saved = store.get("http://a"); // expiry is saved in epoch ms: make it a moment ago
    store.put("http://a", new RobotsState("http://a", saved.rules(), System.currentTimeMillis() - 1, null));
    answer("http://b", 0);
    answer("http://c", 0);
    assertEquals(RobotsGate.Status.NEEDS_FETCH, reload("http://a", 1));
  }

  @Test
  void aGivenUpOriginStaysGivenUpAfterEviction() {
    answer("http://slow", 0);
    gate.giveUp("http://slow", RobotsStep.CRAWL_DELAY);
    store.put("http://slow", gate.snapshot("http://slow", 0));
    answer("http://b", 1);
    answer("http://c", 2);
    assertEquals(RobotsGate.Status.UNLOADED, gate.peek("http://slow", 3));
    assertEquals(RobotsGate.Status.GAVE_UP, reload("http://slow", 3));
    assertEquals(RobotsStep.CRAWL_DELAY, gate.giveUpReason("http://slow"));
  }

  @Test
  void anUnreachableStreakSurvivesEvictionSoTheOriginIsStillGivenUpInTime() {
    assertEquals(RobotsGate.Decision.Kind.RETRY, gate.record("http://down", UNREACHABLE, 0).kind());
    answer("http://b", 1);
    answer("http://c", 2); // "down" is let go; its streak (never saved) is kept apart
    assertEquals(RobotsGate.Status.NEEDS_FETCH, reload("http://down", 500));
    assertEquals(RobotsGate.Decision.Kind.RETRY, gate.record("http://down", UNREACHABLE, 500).kind());
    answer("http://b", 600);
    answer("http://c", 700);
    assertEquals(RobotsGate.Status.NEEDS_FETCH, reload("http://down", MAX_UNAVAILABLE));
    assertEquals(RobotsGate.Decision.Kind.GIVE_UP, gate.record("http://down", UNREACHABLE, MAX_UNAVAILABLE).kind(),
        "counted from the first failure, not from the reload");
  }

  @Test
  void aStateAnsweredWhileTheStoreWasReadIsNewerAndStays() {
    gate.record("http://a", rules("User-agent: *\nDisallow: /new\n"), 0);
    gate.loaded("http://a", Optional.of(new RobotsState("http://a", null, 0, "robots-unavailable")), 0);
    assertEquals(RobotsGate.Status.FRESH, gate.status("http://a", 1));
    assertFalse(gate.rules("http://a").isAllowed("http://a/new"));
  }
}
