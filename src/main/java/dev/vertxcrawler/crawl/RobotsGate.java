package dev.vertxcrawler.crawl;

import crawlercommons.robots.BaseRobotRules;
import dev.vertxcrawler.config.PolitenessConfig;
import dev.vertxcrawler.fetch.FetchErrors;
import dev.vertxcrawler.fetch.RobotsAnswer;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.RobotsState;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * robots.txt state per origin: the cached answer and when it expires (politeness.robotsCacheMs), or how
 * long it has been unreachable and when to try again (doubling from politeness.robotsRetryMs), or that the
 * crawl gave up on the origin. While robots.txt is unreachable nothing else is requested from the origin
 * (RFC 9309 §2.3.1.4: disallow all). Event-loop only.
 */
final class RobotsGate {
  enum Status { FRESH, NEEDS_FETCH, GAVE_UP }

  /** What to do after recording an answer. {@code retryAt} is set for RETRY. */
  record Decision(Kind kind, long retryAt) {
    enum Kind { READY, RETRY, GIVE_UP }
  }

  static final String UNAVAILABLE = "robots-unavailable";

  private final PolitenessConfig config;
  /** network.dnsUnavailableMaxMs, never above robotsUnavailableMaxMs. */
  private final long dnsUnavailableMaxMs;
  private final Map<String, State> states = new HashMap<>();
  private final Map<String, Long> byStatusClass = new TreeMap<>();
  private long fetched;
  private long allowAll;
  private long disallowAll;
  private long unavailable;

  RobotsGate(PolitenessConfig config, long dnsUnavailableMaxMs) {
    this.config = config;
    this.dnsUnavailableMaxMs = Math.min(dnsUnavailableMaxMs, config.robotsUnavailableMaxMs());
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

  Status status(String origin, long now) {
    State state = states.get(origin);
    if (state == null) {
      return Status.NEEDS_FETCH;
    }
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
    boolean first = !state.answeredBefore;
    state.answeredBefore = true;
    return first;
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
    State state = states.computeIfAbsent(origin, o -> new State());
    byStatusClass.merge(answer.statusClass(), 1L, Long::sum);
    if (!answer.unreachable()) {
      switch (answer.kind()) {
        case RULES -> fetched++;
        case ALLOW_ALL -> allowAll++;
        default -> disallowAll++;
      }
      state.rules = answer.rules();
      state.expiresAt = now + config.robotsCacheMs();
      state.unreachableSince = -1;
      state.failures = 0;
      return new Decision(Decision.Kind.READY, 0);
    }
    disallowAll++;
    state.rules = null;
    if (state.unreachableSince < 0) {
      state.unreachableSince = now;
    }
    state.failures++;
    long maxMs = unavailableMaxMs(answer);
    if (now - state.unreachableSince >= maxMs) {
      giveUp(origin, unavailableReason(answer));
      return new Decision(Decision.Kind.GIVE_UP, 0);
    }
    long wait = config.robotsRetryMs() * (1L << Math.min(20, state.failures - 1));
    long deadline = state.unreachableSince + maxMs;
    return new Decision(Decision.Kind.RETRY, Math.min(now + wait, deadline));
  }

  /** The origin's robots state for the store; times become epoch milliseconds. */
  RobotsState snapshot(String origin, long now) {
    State state = states.get(origin);
    byte[] rules = null;
    long expiresAt = 0;
    if (state != null && state.rules != null) {
      rules = serialize(state.rules);
      expiresAt = System.currentTimeMillis() + Math.max(0, state.expiresAt - now);
    }
    return new RobotsState(origin, rules, expiresAt, state == null ? null : state.giveUpReason);
  }

  /** Takes back what a snapshot saved (resume); {@code now} is the monotonic clock. */
  void restore(FrontierStore.HostSnapshot snapshot, long now) {
    State state = states.computeIfAbsent(snapshot.origin(), o -> new State());
    state.answeredBefore = true;
    state.giveUpReason = snapshot.giveUpReason();
    if (snapshot.robotsRules() != null) {
      state.rules = deserialize(snapshot.robotsRules());
      state.expiresAt = now + (snapshot.robotsExpiresAt() - System.currentTimeMillis());
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
    State state = states.computeIfAbsent(origin, o -> new State());
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
        .put("byStatusClass", new JsonObject(new TreeMap<>(byStatusClass)));
  }

  private static final class State {
    BaseRobotRules rules;
    long expiresAt;
    long unreachableSince = -1;
    int failures;
    boolean answeredBefore;
    String giveUpReason;
  }
}
