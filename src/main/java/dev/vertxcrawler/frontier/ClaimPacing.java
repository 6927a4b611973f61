package dev.vertxcrawler.frontier;

/**
 * For a node of a shared crawl: when it next asks the store for hosts, and when it may take "nothing queued or in
 * flight anywhere" for the crawl's end. Pure bookkeeping over the crawl's clock (ms), so that the pacing is tested
 * with plain numbers; {@link LocalFrontier} makes the claims. Event-loop only.
 *
 * <p>A claim that found fewer hosts than asked is not repeated before a backoff (doubled while none come, up to
 * {@link #POLL_MAX_MS}); new URLs queued by this node's own commits, or a host it released, make the next claim
 * due sooner. A node that has worked takes the first "finished" at its word: a page's commit moves its URL out of
 * flight and queues its links in one transaction, so no snapshot misses both. A node that has seen no work waits
 * for a second claim {@link #FINISH_CONFIRM_MS} later to say so too: another node's seeds being committed just as
 * it looked (their transaction not yet visible) would otherwise end it with 0 pages.
 */
final class ClaimPacing {
  /** How soon a node that found no host ready asks again; doubled while there is none, up to the max. */
  static final long POLL_MS = 100;
  static final long POLL_MAX_MS = 1_000;
  static final long FINISH_CONFIRM_MS = 250;

  private long nextAt;
  private long backoffMs = POLL_MS;
  private boolean finished;
  private long finishSeenAt = -1;
  /** This node has held a host or queued a URL: its "finished" follows its own commits. */
  private boolean sawWork;
  /** Bumped whenever a store call queued new URLs: a claim's "finished" from before one of them is stale. */
  private long workSeq;

  /** When the next claim is due (0: now). */
  long nextAt() {
    return nextAt;
  }

  boolean due(long now) {
    return now >= nextAt;
  }

  /** The crawl is over everywhere, as far as this node can tell. */
  boolean finished() {
    return finished;
  }

  /** Taken before a claim: {@link #answered}'s "finished" counts only if no new work came in between. */
  long workSeq() {
    return workSeq;
  }

  /**
   * The node holds its fair share already: look again later (a heartbeat may change the share). The next claim
   * must move on, or it would stay in the past and the dispatcher would arm no timer for the hosts it holds.
   */
  void atShare(long now) {
    nextAt = now + POLL_MAX_MS;
  }

  /** A claim failed (the store unreachable): ask again after the longest wait. */
  void failed(long at) {
    nextAt = at + POLL_MAX_MS;
  }

  /**
   * A claim for {@code asked} hosts brought {@code got} of them, and the store said whether the crawl is over
   * ({@code crawlFinished}) as of the claim that began at work sequence {@code seq}.
   */
  void answered(int asked, int got, boolean crawlFinished, long seq, long at) {
    if (got < asked) {
      nextAt = at + backoffMs;
      backoffMs = got == 0 ? Math.min(POLL_MAX_MS, backoffMs * 2) : POLL_MS;
    } else {
      backoffMs = POLL_MS;
    }
    confirmFinished(crawlFinished && seq == workSeq, at);
  }

  /** A host was claimed: this node has work. */
  void claimedHost() {
    sawWork = true;
  }

  /**
   * A store call of this node queued new URLs: the crawl is not over, and new hosts may be ready to claim — at
   * once when this node holds none ({@code holdsNone}), soon otherwise.
   */
  void queuedWork(long now, boolean holdsNone) {
    workSeq++;
    sawWork = true;
    finished = false;
    finishSeenAt = -1;
    nextAt = Math.min(nextAt, holdsNone ? 0 : now + POLL_MS);
    backoffMs = POLL_MS;
  }

  /** A host went back to the store: room, and maybe the crawl's end — ask at once rather than after a backoff. */
  void released() {
    nextAt = 0;
    backoffMs = POLL_MS;
  }

  private void confirmFinished(boolean finishedNow, long at) {
    if (!finishedNow) {
      finishSeenAt = -1;
    } else if (sawWork) {
      finished = true;
    } else if (finishSeenAt < 0) {
      finishSeenAt = at;
      nextAt = at + FINISH_CONFIRM_MS;
    } else if (at - finishSeenAt >= FINISH_CONFIRM_MS) {
      finished = true;
    }
  }
}
