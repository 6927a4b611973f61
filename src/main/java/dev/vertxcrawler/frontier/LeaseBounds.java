package dev.vertxcrawler.frontier;

/**
 * How many of the store's URLs are held in memory: per host, what its workers can reach within one delay period
 * (twice its concurrency, so the next is there when a slot frees; at most 64), and in all, eight times the work
 * queue's capacity — so that memory follows the work the workers can do next, not the number of hosts known. The
 * total is also what bounds the hosts in play on a broad crawl (a window of two each at the default concurrency of
 * one: 4 000 hosts, enough for about 3 000 pages/s at a one-second delay; a bigger machine raises queueCapacity).
 * A host that is waiting keeps only its clock; its URLs stay in the store until there is room.
 */
public record LeaseBounds(int perHost, int total) {
  static final int MAX_PER_HOST = 64;

  public LeaseBounds {
    if (perHost < 1 || total < perHost) {
      throw new IllegalArgumentException("need 1 <= perHost <= total, got " + perHost + ", " + total);
    }
  }

  /** @param queueCapacity the bounded work queue's capacity */
  public static LeaseBounds of(int maxConcurrencyPerHost, int queueCapacity) {
    int perHost = (int) Math.min(MAX_PER_HOST, Math.max(2L, 2L * maxConcurrencyPerHost));
    return new LeaseBounds(perHost, (int) Math.max(perHost, Math.min(Integer.MAX_VALUE, 8L * queueCapacity)));
  }
}
