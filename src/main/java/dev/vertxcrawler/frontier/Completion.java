package dev.vertxcrawler.frontier;

import java.util.List;

/**
 * The end of one task, as it goes back into the frontier: what it did with its host's slot (the clock counts
 * from the end of a request), what becomes of the task, and for a commit its outcome, its record (the JSON
 * line pages.jsonl gets; null for a sitemap) and the URLs found on it.
 */
public record Completion(CrawlTask task, Slot slot, Next next, FrontierStore.Outcome outcome,
    String record, List<CrawlTask> discovered) {

  /** What the task did with the slot its host gave it. */
  public enum Slot {
    /** Handed out and a request was tried: the next request to the host waits a gap after this end. */
    REQUESTED,
    /** Handed out, decided without a request (robots.txt disallows it, …): the host's clock is untouched. */
    UNUSED,
    /** Never handed out (it was waiting when its host was given up). */
    NONE
  }

  /** What becomes of the task. */
  public enum Next {
    /** Finished: committed with its outcome, record and discoveries. */
    COMMIT,
    /** Back to the head of its host queue (a retry, or robots.txt was fetched in its slot). */
    REQUEUE,
    /** Not recorded: the crawl is stopping; it stays in flight in the store and is fetched on resume. */
    ABANDON
  }

  public static Completion committed(CrawlTask task, Slot slot, FrontierStore.Outcome outcome, String record,
      List<CrawlTask> discovered) {
    return new Completion(task, slot, Next.COMMIT, outcome, record, List.copyOf(discovered));
  }

  /** @param task the task to queue again (for a retry, {@link CrawlTask#retried()}) */
  public static Completion requeued(CrawlTask task, Slot slot) {
    return new Completion(task, slot, Next.REQUEUE, null, null, List.of());
  }

  public static Completion abandoned(CrawlTask task, Slot slot) {
    return new Completion(task, slot, Next.ABANDON, null, null, List.of());
  }
}
