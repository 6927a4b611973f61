package dev.vertxcrawler.crawl;

import dev.vertxcrawler.frontier.FinishReason;

/** Whether this run is still crawling, and once not, why it ends. Event-loop only. */
final class RunState {
  private FinishReason finishReason;
  private boolean graceExpired;

  boolean running() {
    return finishReason == null;
  }

  /** Links found on a page just fetched still go in: crawling, or stopping in a way that resumes later. */
  boolean keepsLinks() {
    return finishReason == null || finishReason.keepsLinks();
  }

  FinishReason finishReason() {
    return finishReason;
  }

  /** The first reason wins; false when the run was already ending. */
  boolean finish(FinishReason reason) {
    if (finishReason != null) {
      return false;
    }
    finishReason = reason;
    return true;
  }

  /** shutdownGraceMs is over: pages still in flight are cut off and not recorded (fetched again on resume). */
  void expireGrace() {
    graceExpired = true;
  }

  boolean graceExpired() {
    return graceExpired;
  }
}
