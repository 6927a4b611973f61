package dev.vertxcrawler.fetch;

import dev.vertxcrawler.config.NetworkConfig;
import dev.vertxcrawler.config.ProxyRoute;
import dev.vertxcrawler.net.AddressRanges;
import dev.vertxcrawler.net.IpLiterals;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.ProxyOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, before every request (pages, redirects, robots.txt, sitemaps), whether a URL may be fetched and
 * which address to connect to. The host is resolved here — all of its addresses — and refused when any of
 * them is blocked ({@link AddressRanges}); the request then goes to the address that was checked, so a DNS
 * answer that changes between check and connect (rebinding) cannot slip through. The seeds' own origins
 * and {@code network.allow} are exempt: crawling a site on localhost or in a compose network works.
 * Through a proxy ({@code network.proxy}) the proxy resolves and connects: a name that resolves here is still
 * checked, a name that does not (a network whose names only the proxy knows) is left to the proxy, and the
 * address cannot be pinned.
 */
public final class AddressGuard {
  public static final String BLOCKED_ADDRESS = "blocked-address";
  public static final String BLOCKED_PORT = "blocked-port";

  /**
   * Either where the request goes — the address to connect to, or the proxy to send it through, or neither
   * (the client resolves: an exempt origin) — or the error.
   */
  public record Decision(InetSocketAddress connectTo, ProxyOptions proxy, String error) {
    static final Decision CLIENT_RESOLVES = new Decision(null, null, null);

    static Decision refused(String error) {
      return new Decision(null, null, error);
    }

    public boolean allowed() {
      return error == null;
    }

    /** This decision for a request that goes through {@code via} (null: direct). */
    Decision through(ProxyOptions via) {
      return via == null || !allowed() ? this : new Decision(null, via, null);
    }
  }

  private final Vertx vertx;
  private final boolean enabled;
  private final List<AddressRanges.Cidr> allowedBlocks = new ArrayList<>();
  private final List<String> allowedHosts = new ArrayList<>();
  private final List<Integer> allowedPorts;
  private final Set<String> exemptOrigins = ConcurrentHashMap.newKeySet();
  private final ProxyRoute proxies;

  public AddressGuard(Vertx vertx, NetworkConfig config) {
    this.vertx = vertx;
    this.proxies = ProxyRoute.of(config.proxy(), config.noProxy());
    this.enabled = config.blockPrivateAddresses();
    this.allowedPorts = config.allowedPorts();
    for (String entry : config.allow()) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.contains("/") || IpLiterals.literal(e) != null) {
        allowedBlocks.add(AddressRanges.Cidr.parse(e));
      } else {
        allowedHosts.add(e);
      }
    }
  }

  /** A seed's origin (scheme://host[:port]) is exempt: the user asked for it by name. */
  public void exemptOrigin(String origin) {
    exemptOrigins.add(origin.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code url} is on a seed's origin (where http.headers go). */
  public boolean isSeedOrigin(String url) {
    try {
      URI uri = new URI(url);
      return uri.getHost() != null && exemptOrigins.contains(origin(uri));
    } catch (Exception e) {
      return false;
    }
  }

  /** scheme://host[:port], lower case, the default port left out (as seeds' origins are kept). */
  private static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** Never fails: a refusal or a failed lookup comes back as a {@link Decision} with its error kind. */
  public Future<Decision> check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return Future.succeededFuture(Decision.refused(FetchErrors.INVALID_URL));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (!scheme.equals("http") && !scheme.equals("https") || host == null) {
      return Future.succeededFuture(Decision.refused(FetchErrors.INVALID_URL));
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String origin = origin(uri);
    if (!allowedPorts.isEmpty() && !allowedPorts.contains(port)) {
      return Future.succeededFuture(Decision.refused(BLOCKED_PORT));
    }
    ProxyOptions proxy = proxies.forHost(host);
    if (!enabled || exemptOrigins.contains(origin) || hostAllowed(host)) {
      return Future.succeededFuture(Decision.CLIENT_RESOLVES.through(proxy));
    }
    InetAddress literal = IpLiterals.literal(host);
    if (literal != null) {
      return Future.succeededFuture(decide(List.of(literal), port).through(proxy));
    }
    Promise<Decision> decision = Promise.promise();
    ((VertxInternal) vertx).nameResolver().resolveAll(host, ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        // only the proxy may know the name: it resolves it
        decision.complete(proxy != null ? Decision.CLIENT_RESOLVES.through(proxy)
            : Decision.refused(ar.failed() ? FetchErrors.classifyDns(ar.cause()) : FetchErrors.DNS));
        return;
      }
      decision.complete(decide(ar.result().stream().map(InetSocketAddress::getAddress).toList(), port)
          .through(proxy));
    });
    return decision.future();
  }

  /** Refused when any address is blocked and not allowed; else the first address is the one connected to. */
  private Decision decide(List<InetAddress> addresses, int port) {
    for (InetAddress address : addresses) {
      if (AddressRanges.isBlocked(address) && allowedBlocks.stream().noneMatch(b -> b.contains(address))) {
        return Decision.refused(BLOCKED_ADDRESS);
      }
    }
    return new Decision(new InetSocketAddress(addresses.get(0), port), null, null);
  }

  private boolean hostAllowed(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String allowed : allowedHosts) {
      if (allowed.startsWith(".") ? h.endsWith(allowed) || h.equals(allowed.substring(1)) : h.equals(allowed)) {
        return true;
      }
    }
    return false;
  }
}
