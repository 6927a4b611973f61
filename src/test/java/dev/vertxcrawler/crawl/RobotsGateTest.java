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

/**
 * The robots cache: at most robotsCacheEntries origins and about robotsCacheBytes of rules in memory, the rest read
 * back as the store saved them.
 */
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

  /** A robots.txt of {@code rules} Disallow lines: each parsed rule weighs about 80 bytes of heap. */
  private static String bigRobots(int rules) {
    StringBuilder body = new StringBuilder("User-agent: *\n");
    for (int i = 0; i < rules; i++) {
      body.append("Disallow: /p").append(1000 + i).append("/x\n");
    }
    return body.toString();
  }

  @Test
  void theRulesHeldStayWithinRobotsCacheBytesSoHugeRobotsTxtFilesCannotFillTheHeap() {
    RobotsGate small = new RobotsGate(CrawlHarness.config("politeness.robotsCacheBytes=65536").politeness(),
        MAX_UNAVAILABLE);
    Map<String, RobotsState> kept = new HashMap<>();
    RobotsAnswer big = rules(bigRobots(300)); // about 25 KB each: two fit in 64 KiB, three do not
    for (String origin : List.of("http://a", "http://b", "http://c")) {
      assertEquals(RobotsGate.Decision.Kind.READY, small.record(origin, big, 0).kind());
      kept.put(origin, small.snapshot(origin, 0));
      assertTrue(small.cachedBytes() <= 65_536, "within the budget: " + small.cachedBytes());
    }
    assertEquals(2, small.cached(), "the third let the least recently used go, with entries to spare");
    assertEquals(RobotsGate.Status.UNLOADED, small.peek("http://a", 1));
    assertEquals(1L, small.summary().getLong("evicted"));

    assertEquals(RobotsGate.Status.UNLOADED, small.status("http://a", 1));
    small.loaded("http://a", Optional.of(kept.get("http://a")), 1);
    assertEquals(RobotsGate.Status.FRESH, small.status("http://a", 1), "read back from the store, not fetched");
    assertFalse(small.rules("http://a").isAllowed("http://a/p1299/x"), "with all its rules");
    assertTrue(small.cachedBytes() <= 65_536, "reading it back let another go: " + small.cachedBytes());

    // One robots.txt over the whole budget: the others go, it stays, for the URL about to use it.
    small.record("http://huge", rules(bigRobots(1_000)), 2);
    assertEquals(1, small.cached());
    assertFalse(small.rules("http://huge").isAllowed("http://huge/p1999/x"));
    assertTrue(small.cachedBytes() > 65_536 && small.cachedBytes() < 120_000, "its weight: " + small.cachedBytes());
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
