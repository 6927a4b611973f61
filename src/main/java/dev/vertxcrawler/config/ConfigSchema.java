package dev.vertxcrawler.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key with its default, in one place. */
public final class ConfigSchema {

  public static final ConfigKey WORKERS = ConfigKey.integer("workers", 4, 1, 1024,
      "Consumers draining the work queue; each handles one URL at a time.");
  public static final ConfigKey QUEUE_CAPACITY = ConfigKey.integer("queueCapacity", 1000, 1, 10_000_000,
      "Capacity of the bounded work queue between the frontier and the workers.");
  public static final ConfigKey MAX_PAGES = ConfigKey.integer("maxPages", 1000, 0, Integer.MAX_VALUE,
      "Stop after this many fetches (0 = unlimited).");
  public static final ConfigKey MAX_DEPTH = ConfigKey.integer("maxDepth", 3, 0, 100_000,
      "Links further than this many hops from a seed are not followed.");
  public static final ConfigKey USER_AGENT = ConfigKey.string("userAgent", "vertx-crawler/0.1",
      "User-Agent header sent with every request.");
  public static final ConfigKey OUTPUT = ConfigKey.string("output", "",
      "Output directory; empty means crawls/<UTC timestamp>. --out overrides it.");
  public static final ConfigKey CONNECT_TIMEOUT_MS = ConfigKey.integer("http.connectTimeoutMs", 10_000, 1, 600_000,
      "Time allowed to open a connection.");
  public static final ConfigKey IDLE_TIMEOUT_MS = ConfigKey.integer("http.idleTimeoutMs", 30_000, 1, 3_600_000,
      "Longest silence allowed while waiting for response bytes.");
  public static final ConfigKey DEADLINE_MS = ConfigKey.integer("http.deadlineMs", 60_000, 1, 3_600_000,
      "Wall-clock bound on one whole fetch, connect to last byte.");
  public static final ConfigKey MAX_BODY_BYTES = ConfigKey.longKey("http.maxBodyBytes", 10L * 1024 * 1024, 1,
      Long.MAX_VALUE, "Largest decoded body kept; a larger one is cut off and recorded too-large.");
  public static final ConfigKey MIN_DELAY_MS = ConfigKey.integer("politeness.minDelayMs", 1000, 0, 3_600_000,
      "Smallest gap between two request starts to the same host.");
  public static final ConfigKey MAX_CONCURRENCY_PER_HOST = ConfigKey.integer("politeness.maxConcurrencyPerHost", 1,
      1, 1024, "Most requests in flight to one host at once.");

  public static final List<ConfigKey> ALL = List.of(WORKERS, QUEUE_CAPACITY, MAX_PAGES, MAX_DEPTH, USER_AGENT,
      OUTPUT, CONNECT_TIMEOUT_MS, IDLE_TIMEOUT_MS, DEADLINE_MS, MAX_BODY_BYTES, MIN_DELAY_MS,
      MAX_CONCURRENCY_PER_HOST);

  private static final Map<String, ConfigKey> BY_PATH = new LinkedHashMap<>();

  static {
    for (ConfigKey key : ALL) {
      BY_PATH.put(key.path(), key);
    }
  }

  private ConfigSchema() {
  }

  public static ConfigKey find(String path) {
    return BY_PATH.get(path);
  }

  /** True when some key lives below {@code prefix.} (so {@code prefix} names a section). */
  public static boolean isSection(String prefix) {
    String dotted = prefix + ".";
    return ALL.stream().anyMatch(k -> k.path().startsWith(dotted));
  }

  /** The key whose path is closest to a misspelt one, for "did you mean" hints; null if none is close. */
  public static String closest(String path) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ConfigKey key : ALL) {
      int d = distance(path.toLowerCase(java.util.Locale.ROOT), key.path().toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = key.path();
      }
    }
    return bestDistance <= Math.max(2, path.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
