package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a node of a shared crawl claims hosts next, and when it takes the crawl for finished. Clocks in ms. */
class ClaimPacingTest {
  private final ClaimPacing pacing = new ClaimPacing();

  @Test
  void aClaimThatFoundNoHostWaitsABackoffThatDoublesUpToTheMax() {
    assertTrue(pacing.due(0), "the first claim is due at once");
    long at = 0;
    long[] waits = new long[6];
    for (int i = 0; i < waits.length; i++) {
      pacing.answered(4, 0, false, pacing.workSeq(), at);
      waits[i] = pacing.nextAt() - at;
      assertFalse(pacing.due(pacing.nextAt() - 1));
      at = pacing.nextAt();
    }
    assertEquals("[100, 200, 400, 800, 1000, 1000]", java.util.Arrays.toString(waits));
  }

  @Test
  void aClaimThatFoundSomeHostsAsksAgainSoonAndOneThatFoundAllItAskedForAtOnce() {
    pacing.answered(4, 0, false, pacing.workSeq(), 0);
    pacing.answered(4, 0, false, pacing.workSeq(), 100); // backoff now 400
    pacing.answered(4, 1, false, pacing.workSeq(), 300);
    assertEquals(300 + 400, pacing.nextAt(), "this wait is the backoff reached; the next one is short again");
    pacing.answered(4, 1, false, pacing.workSeq(), 700);
    assertEquals(700 + ClaimPacing.POLL_MS, pacing.nextAt());
    pacing.answered(4, 4, false, pacing.workSeq(), 800);
    assertTrue(pacing.due(800), "all it asked for came: more may be ready now");
  }

  @Test
  void aNodeAtItsFairShareOrWhoseClaimFailedLooksAgainAfterTheLongestWait() {
    pacing.atShare(5_000);
    assertEquals(5_000 + ClaimPacing.POLL_MAX_MS, pacing.nextAt(), "moves on, so the dispatcher arms a timer");
    pacing.failed(7_000);
    assertEquals(7_000 + ClaimPacing.POLL_MAX_MS, pacing.nextAt());
  }

  @Test
  void aNodeThatHasWorkedTakesTheFirstFinishedAtItsWord() {
    pacing.claimedHost();
    pacing.answered(4, 0, true, pacing.workSeq(), 1_000);
    assertTrue(pacing.finished());
  }

  @Test
  void aNodeThatSawNoWorkWaitsForASecondFinishedAConfirmationLater() {
    pacing.answered(4, 0, true, pacing.workSeq(), 1_000);
    assertFalse(pacing.finished(), "another node's seeds may not be visible yet");
    assertEquals(1_000 + ClaimPacing.FINISH_CONFIRM_MS, pacing.nextAt(), "asks again then");
    pacing.answered(4, 0, true, pacing.workSeq(), 1_100);
    assertFalse(pacing.finished(), "too soon to confirm");
    pacing.answered(4, 0, true, pacing.workSeq(), 1_000 + ClaimPacing.FINISH_CONFIRM_MS);
    assertTrue(pacing.finished());
  }

  @Test
  void aFinishedBetweenTwoThatSayNotStartsTheConfirmationOver() {
    pacing.answered(4, 0, true, pacing.workSeq(), 1_000);
    pacing.answered(4, 0, false, pacing.workSeq(), 1_250);
    pacing.answered(4, 0, true, pacing.workSeq(), 1_500);
    assertFalse(pacing.finished(), "the first 'finished' no longer counts");
  }

  @Test
  void workQueuedWhileAClaimRanMakesItsFinishedStaleAndTheNextClaimDue() {
    pacing.claimedHost();
    long seq = pacing.workSeq();
    pacing.answered(4, 0, false, seq, 0);
    pacing.answered(4, 0, false, seq, 100); // backs off to 300
    pacing.queuedWork(150, false);
    assertEquals(150 + ClaimPacing.POLL_MS, pacing.nextAt(), "sooner, while it holds hosts");
    pacing.answered(4, 0, true, seq, 260);
    assertFalse(pacing.finished(), "that claim began before the new URLs were queued");
    pacing.queuedWork(270, true);
    assertTrue(pacing.due(270), "at once when it holds no host");
  }

  @Test
  void newWorkUndoesAFinishedAndAReleasedHostMakesTheNextClaimDueAtOnce() {
    pacing.claimedHost();
    pacing.answered(4, 0, true, pacing.workSeq(), 0);
    assertTrue(pacing.finished());
    pacing.queuedWork(10, false);
    assertFalse(pacing.finished());
    pacing.answered(4, 0, false, pacing.workSeq(), 20);
    pacing.released();
    assertTrue(pacing.due(20));
  }
}
