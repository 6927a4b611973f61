package dev.vertxcrawler.fetch;

import dev.vertxcrawler.net.IpLiterals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An origin's name resolved before a worker asks for its robots.txt, so that a slow or silent name server holds
 * no worker: a worker that finds the lookup still under way hands the task back and takes another (the host is
 * tried again shortly), and one that finds it failed records the failure at once. A success lands in the
 * resolver's cache, which the HttpClient's own lookup then answers from; a failure is kept here until it is
 * looked at once. Names that only a proxy resolves, and IP literals, are not looked up. Event-loop only: the
 * lookups' answers come back on the crawl's context.
 */
public final class NamePrefetch {
  /** What a worker may do with an origin's name now. */
  public enum State { READY, PENDING, FAILED }

  /** {@code error} is the failure's kind (FetchErrors' dns-*) when FAILED. */
  public record Lookup(State state, String error) {
    static final Lookup READY = new Lookup(State.READY, null);
    static final Lookup PENDING = new Lookup(State.PENDING, null);
  }

  /**
   * Lookups under way at most: thousands of new hosts at once would swamp the name server (a broad crawl's
   * start timed good names out); over it, a name waits its turn like one being looked up.
   */
  static final int MAX_IN_FLIGHT = 32;

  private final Vertx vertx;
  private int inFlight;
  private final Context context;
  private final AddressGuard guard;
  /** Names whose lookup is under way (PENDING) or answered and not yet looked at. */
  private final Map<String, Lookup> names = new HashMap<>();

  /** Call on the crawl's event loop: the answers come back on its context. */
  public NamePrefetch(Vertx vertx, AddressGuard guard) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.guard = guard;
  }

  /** The state of {@code origin}'s name; the first look starts its lookup. */
  public Lookup lookup(String origin) {
    String host = host(origin);
    if (host == null || IpLiterals.literal(host) != null || guard.viaProxy(host)) {
      return Lookup.READY;
    }
    Lookup known = names.get(host);
    if (known == null) {
      if (inFlight >= MAX_IN_FLIGHT) {
        return Lookup.PENDING;
      }
      Future<List<InetSocketAddress>> resolving = VertxInternals.resolveAll(vertx, host);
      if (resolving.succeeded() && !resolving.result().isEmpty()) {
        return Lookup.READY; // answered at once (the hosts file, the cache)
      }
      names.put(host, Lookup.PENDING);
      inFlight++;
      resolving.onComplete(ar -> context.runOnContext(v -> {
        inFlight--;
        names.put(host, ar.succeeded() && !ar.result().isEmpty() ? Lookup.READY
            : new Lookup(State.FAILED, ar.succeeded() ? FetchErrors.DNS : FetchErrors.classifyDns(ar.cause())));
      }));
      return Lookup.PENDING;
    }
    if (known.state() != State.PENDING) {
      names.remove(host); // looked at once: a retry later asks the resolver again
    }
    return known;
  }

  private static String host(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
