package dev.vertxcrawler.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import dev.vertxcrawler.config.PolitenessConfig;
import dev.vertxcrawler.fetch.FetchErrors;
import dev.vertxcrawler.fetch.RobotsAnswer;
import dev.vertxcrawler.frontier.RobotsState;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * robots.txt state per origin: the cached answer and when it expires (politeness.robotsCacheMs), or how
 * long it has been unreachable and when to try again (doubling from politeness.robotsRetryMs), or that the
 * crawl gave up on the origin. While robots.txt is unreachable nothing else is requested from the origin
 * (RFC 9309 §2.3.1.4: disallow all). Event-loop only.
 *
 * <p>Memory is bounded for a broad crawl: at most politeness.robotsCacheEntries origins' states are held, and
 * their rules take at most about politeness.robotsCacheBytes of heap (a hostile robots.txt of 500 KiB parses into
 * some 2 MB of rules), least recently used first out. An origin let go is {@link Status#UNLOADED}: its answer and
 * give-up were saved with the host (every answer is), so the crawl reads them back ({@link #loaded}) before
 * deciding on its next URL.
 * Only the unreachable streak is never saved, so it is kept apart, small, until the origin answers or is given up.
 * An origin never saved needs no read: a Bloom filter of the saved ones (128 KiB, no false negatives) says so.
 */
final class RobotsGate {
  /** UNLOADED: not in memory; the store may know it, so read it back before deciding. */
  enum Status { FRESH, NEEDS_FETCH, GAVE_UP, UNLOADED }

  /** What to do after recording an answer. {@code retryAt} is set for RETRY. */
  record Decision(Kind kind, long retryAt) {
    enum Kind { READY, RETRY, GIVE_UP }
  }

  static final String UNAVAILABLE = "robots-unavailable";

  private final PolitenessConfig config;
  /** network.dnsUnavailableMaxMs, never above robotsUnavailableMaxMs. */
  private final long dnsUnavailableMaxMs;
  private final int capacity;
  private final long maxBytes;
  /** The estimated heap of the states held: the sum of their {@link State#weight}. */
  private long bytes;
  /** Insertion order, refreshed by {@link #status}: the eldest entry is the least recently used origin. */
  private final Map<String, State> states;
  /** Origins whose robots.txt is unreachable and not yet given up; not in the store, so never evicted. */
  private final Map<String, Unreachable> unreachable = new HashMap<>();
  private final Map<String, Long> byStatusClass = new TreeMap<>();
  private final SavedOrigins saved = new SavedOrigins();
  private boolean shared;
  private long fetched;
  private long allowAll;
  private long disallowAll;
  private long unavailable;
  private long evicted;
  private long reloaded;

  RobotsGate(PolitenessConfig config, long dnsUnavailableMaxMs) {
    this.config = config;
    this.dnsUnavailableMaxMs = Math.min(dnsUnavailableMaxMs, config.robotsUnavailableMaxMs());
    this.capacity = config.robotsCacheEntries();
    this.maxBytes = config.robotsCacheBytes();
    this.states = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
        boolean full = size() > capacity;
        if (full) {
          evicted++;
          bytes -= eldest.getValue().weight;
        }
        return full;
      }
    };
  }

  /**
   * How long an origin answering like {@code answer} is retried before it is given up: a name that does not
   * resolve costs a worker up to the DNS timeout per try and rarely comes back within minutes, so its bound
   * (network.dnsUnavailableMaxMs) is shorter than an HTTP server's.
   */
  long unavailableMaxMs(RobotsAnswer answer) {
    return FetchErrors.isDnsTransient(answer.error()) ? dnsUnavailableMaxMs : config.robotsUnavailableMaxMs();
  }

  /** Why an origin unreachable too long is given up: its DNS kind when its name did not resolve, else unavailable. */
  static String unavailableReason(RobotsAnswer answer) {
    return FetchErrors.isDnsTransient(answer.error()) ? answer.error() : UNAVAILABLE;
  }

  /** The origin's state for its next URL; the origin counts as just used. */
  Status status(String origin, long now) {
    State state = states.remove(origin);
    if (state == null) {
      if (maybeSaved(origin)) {
        return Status.UNLOADED;
      }
      state = add(new State()); // never saved: nothing to read back
    }
    states.put(origin, state); // to the young end
    return statusOf(state, now);
  }

  /** The store holds {@code origin}'s state (saved this run, or found on resume): it may be read back. */
  void markSaved(String origin) {
    saved.add(origin);
  }

  /**
   * The store is shared with other nodes: any origin's robots.txt may have been saved by another, so each new one
   * is read back first (one read per host this node takes, not a fetch of robots.txt per node).
   */
  void sharedStore() {
    shared = true;
  }

  private boolean maybeSaved(String origin) {
    return shared || saved.mightContain(origin);
  }

  /** The same without counting as a use (the status view). */
  Status peek(String origin, long now) {
    State state = states.get(origin);
    if (state == null) {
      return maybeSaved(origin) ? Status.UNLOADED : Status.NEEDS_FETCH;
    }
    return statusOf(state, now);
  }

  private static Status statusOf(State state, long now) {
    if (state.giveUpReason != null) {
      return Status.GAVE_UP;
    }
    return state.rules != null && now < state.expiresAt ? Status.FRESH : Status.NEEDS_FETCH;
  }

  BaseRobotRules rules(String origin) {
    return states.get(origin).rules;
  }

  String giveUpReason(String origin) {
    return states.get(origin).giveUpReason;
  }

  /** True the first time an origin gets an answer: its sitemaps are read once. */
  boolean firstAnswer(String origin) {
    State state = states.get(origin);
    if (state == null) {
      return false;
    }
    boolean first = !state.answeredBefore;
    state.answeredBefore = true;
    return first;
  }

  /** Origins whose state is held in memory (at most politeness.robotsCacheEntries). */
  int cached() {
    return states.size();
  }

  /** The estimated heap of the rules held (at most about politeness.robotsCacheBytes). */
  long cachedBytes() {
    return bytes;
  }

  /**
   * The log line when {@code answer} gives the origin up at once, before any rules (its reason to skip the
   * origin's URLs is {@code answer.error()}); null otherwise. The address guard refused robots.txt's URL, or the
   * origin's certificate was refused, or its name does not exist — none gets better by waiting.
   */
  static String giveUpAtOnce(String origin, RobotsAnswer answer) {
    return switch (answer.kind()) {
      case BLOCKED -> "address guard: " + origin + " refused (" + answer.error() + "); its URLs are skipped";
      case CERTIFICATE -> origin + ": " + FetchErrors.describeCertificate(answer.error())
          + " — its URLs are skipped; see http.caFile";
      case NO_SUCH_HOST -> "dns: " + origin + " does not exist (NXDOMAIN); its URLs are skipped";
      default -> null;
    };
  }

  Decision record(String origin, RobotsAnswer answer, long now) {
    State state = states.computeIfAbsent(origin, o -> add(new State()));
    byStatusClass.merge(answer.statusClass(), 1L, Long::sum);
    if (!answer.unreachable()) {
      switch (answer.kind()) {
        case RULES -> fetched++;
        case ALLOW_ALL -> allowAll++;
        default -> disallowAll++;
      }
      state.rules = answer.rules();
      state.expiresAt = now + config.robotsCacheMs();
      weigh(origin, state);
      unreachable.remove(origin);
      return new Decision(Decision.Kind.READY, 0);
    }
    disallowAll++;
    state.rules = null;
    weigh(origin, state);
    Unreachable streak = unreachable.computeIfAbsent(origin, o -> new Unreachable(now));
    streak.failures++;
    long maxMs = unavailableMaxMs(answer);
    if (now - streak.since >= maxMs) {
      giveUp(origin, unavailableReason(answer));
      return new Decision(Decision.Kind.GIVE_UP, 0);
    }
    long wait = config.robotsRetryMs() * (1L << Math.min(20, streak.failures - 1));
    long deadline = streak.since + maxMs;
    return new Decision(Decision.Kind.RETRY, Math.min(now + wait, deadline));
  }

  /** The origin's robots state for the store; times become epoch milliseconds. */
  RobotsState snapshot(String origin, long now) {
    markSaved(origin); // every save goes through here
    State state = states.get(origin);
    byte[] rules = null;
    long expiresAt = 0;
    if (state != null && state.rules != null) {
      rules = serialize(state.rules);
      expiresAt = System.currentTimeMillis() + Math.max(0, state.expiresAt - now);
    }
    return new RobotsState(origin, rules, expiresAt, state == null ? null : state.giveUpReason);
  }

  /**
   * What the store kept of an origin (empty: nothing, a new origin) is its state again; {@code now} is the
   * monotonic clock. A state that arrived meanwhile (another URL of the origin was answered) is newer and stays.
   */
  void loaded(String origin, Optional<RobotsState> saved, long now) {
    if (states.containsKey(origin)) {
      return;
    }
    State state = add(new State());
    saved.ifPresent(robots -> {
      reloaded++;
      state.answeredBefore = true; // a saved row means an answer or a give-up: sitemaps were read then
      state.giveUpReason = robots.giveUpReason();
      if (robots.rules() != null) {
        state.rules = deserialize(robots.rules());
        state.expiresAt = now + (robots.expiresAt() - System.currentTimeMillis());
      }
    });
    states.put(origin, state);
    weigh(origin, state);
  }

  private State add(State state) {
    bytes += state.weight;
    return state;
  }

  /**
   * {@code origin}'s rules changed: its weight is counted again, and while the rules held are over
   * politeness.robotsCacheBytes the least recently used other origins are let go (not {@code origin}: its rules are
   * about to be used).
   */
  private void weigh(String origin, State state) {
    long weight = State.weightOf(state.rules);
    bytes += weight - state.weight;
    state.weight = weight;
    Iterator<Map.Entry<String, State>> eldest = states.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      Map.Entry<String, State> entry = eldest.next();
      if (!entry.getKey().equals(origin)) {
        bytes -= entry.getValue().weight;
        eldest.remove();
        evicted++;
      }
    }
  }

  private static byte[] serialize(BaseRobotRules rules) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static BaseRobotRules deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (BaseRobotRules) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      return null; // unreadable: robots.txt is simply fetched again
    }
  }

  void giveUp(String origin, String reason) {
    State state = states.computeIfAbsent(origin, o -> add(new State()));
    unreachable.remove(origin); // the give-up is saved: the streak is over
    if (state.giveUpReason == null) {
      state.giveUpReason = reason;
      if (UNAVAILABLE.equals(reason) || FetchErrors.isDnsTransient(reason)) {
        unavailable++;
      }
    }
  }

  JsonObject summary() {
    return new JsonObject()
        .put("fetched", fetched)
        .put("allowAll", allowAll)
        .put("disallowAll", disallowAll)
        .put("unavailable", unavailable)
        .put("evicted", evicted)
        .put("reloaded", reloaded)
        .put("byStatusClass", new JsonObject(new TreeMap<>(byStatusClass)));
  }

  /** Small on purpose: robotsCacheEntries of these are held (the rules themselves are the bulk). */
  private static final class State {
    /** The state, its map entry and key, without rules (bytes, an estimate). */
    static final long BASE_WEIGHT = 160;
    /** Per rule beside its prefix's characters: the rule, its String and byte[] headers, the list's slot. */
    static final long RULE_WEIGHT = 72;

    BaseRobotRules rules;
    long expiresAt;
    boolean answeredBefore;
    String giveUpReason;
    long weight = BASE_WEIGHT;

    /** About the heap {@code rules} hold: 26 000 rules of a 500 KiB robots.txt measured 81 bytes each. */
    static long weightOf(BaseRobotRules rules) {
      long weight = BASE_WEIGHT;
      if (rules instanceof SimpleRobotRules simple) {
        for (SimpleRobotRules.RobotRule rule : simple.getRobotRules()) {
          weight += RULE_WEIGHT + rule.getPrefix().length();
        }
      }
      if (rules != null) {
        for (String sitemap : rules.getSitemaps()) {
          weight += RULE_WEIGHT + sitemap.length();
        }
      }
      return weight;
    }
  }

  /** An unreachable streak: since when (monotonic ms), and how many fetches failed. */
  private static final class Unreachable {
    final long since;
    int failures;

    Unreachable(long since) {
      this.since = since;
    }
  }
}
