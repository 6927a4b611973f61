package dev.vertxcrawler.frontier;

import java.util.Arrays;

/** Why a run of the crawl ended; {@link #key()} is the word summary.json and crawl.db say. */
public enum FinishReason {
  /** Nothing left to fetch: the crawl is over for good. */
  FINISHED("finished"),
  /** The page budget was spent: over for good. */
  MAX_PAGES("maxPages"),
  /** A signal (or undeploy): in-flight pages finish, the crawl stays resumable. */
  SHUTDOWN("shutdown"),
  /** This run's time budget (maxDurationSec) is up: like a shutdown. */
  MAX_DURATION("maxDuration"),
  /** The store failed: the crawl is resumable up to its last commit. */
  ERROR("error");

  private final String key;

  FinishReason(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** A crawl that ended so is done: a second run in its directory is refused. */
  public boolean isFinal() {
    return this == FINISHED || this == MAX_PAGES;
  }

  /** Links found on pages still in flight are kept for the next run (the crawl goes on later). */
  public boolean keepsLinks() {
    return this == SHUTDOWN || this == MAX_DURATION;
  }

  /** The reason a key names, or null for an unknown word (a crawl.db written by a newer build). */
  public static FinishReason of(String key) {
    return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst().orElse(null);
  }
}
