package dev.vertxcrawler.config;

import dev.vertxcrawler.net.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The address guard: whether private and special addresses are refused, what is exempt besides the seeds'
 * origins ({@code allow}: CIDR blocks, addresses, host names or .suffixes), and the ports URLs may use
 * (empty = any); the HTTP proxy ({@code proxy}, empty = none) and the hosts fetched without it; the
 * {@link Resolver} every name goes through.
 */
public record NetworkConfig(boolean blockPrivateAddresses, List<String> allow, List<Integer> allowedPorts,
    String proxy, List<String> noProxy, Resolver resolver) {

  /**
   * The DNS resolver: its servers (empty = the system's), the per-query timeout, the cache's TTL bounds in
   * seconds, how long an origin whose name keeps failing is retried, and the hosts file ("" = the system's).
   */
  public record Resolver(List<InetSocketAddress> servers, int timeoutMs, int cacheMinTtlSec, int cacheMaxTtlSec,
      int cacheNegativeTtlSec, int unavailableMaxMs, String hostsFile) {

    public Resolver {
      servers = List.copyOf(servers);
      // Netty refuses min > max when the Vertx instance is built; say so while the config is read.
      if (cacheMinTtlSec > cacheMaxTtlSec) {
        throw new ConfigException(ConfigSchema.DNS_CACHE_MIN_TTL_SEC.path() + " (" + cacheMinTtlSec + ") is above "
            + ConfigSchema.DNS_CACHE_MAX_TTL_SEC.path() + " (" + cacheMaxTtlSec + ") — lower the one or raise the other");
      }
    }

    /** The defaults of the schema: the system's servers and hosts file. */
    public static Resolver defaults() {
      return new Resolver(List.of(), (int) ConfigSchema.DNS_TIMEOUT_MS.defaultValue(),
          (int) ConfigSchema.DNS_CACHE_MIN_TTL_SEC.defaultValue(), (int) ConfigSchema.DNS_CACHE_MAX_TTL_SEC.defaultValue(),
          (int) ConfigSchema.DNS_CACHE_NEGATIVE_TTL_SEC.defaultValue(),
          (int) ConfigSchema.DNS_UNAVAILABLE_MAX_MS.defaultValue(), "");
    }
  }

  /** Without a proxy, the default resolver. */
  public NetworkConfig(boolean blockPrivateAddresses, List<String> allow, List<Integer> allowedPorts) {
    this(blockPrivateAddresses, allow, allowedPorts, "", List.of());
  }

  /** The default resolver. */
  public NetworkConfig(boolean blockPrivateAddresses, List<String> allow, List<Integer> allowedPorts, String proxy,
      List<String> noProxy) {
    this(blockPrivateAddresses, allow, allowedPorts, proxy, noProxy, Resolver.defaults());
  }

  /**
   * A DNS server written {@code address}, {@code address:port}, {@code [v6]} or {@code [v6]:port} (port 53 when
   * left out). Only addresses: the resolver's own servers cannot be looked up by name.
   */
  public static InetSocketAddress dnsServer(String text) {
    String t = text.strip();
    String host = t;
    int port = 53;
    int colon = t.lastIndexOf(':');
    boolean bracketed = t.startsWith("[");
    if (bracketed ? t.contains("]:") : colon > 0 && t.indexOf(':') == colon) { // v4:port or [v6]:port
      host = t.substring(0, colon);
      try {
        port = Integer.parseInt(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port in " + text);
      }
    }
    InetAddress address = IpLiterals.literal(host);
    if (address == null || port < 1 || port > 65_535 || bracketed && !host.endsWith("]")) {
      throw new IllegalArgumentException("not an address[:port]: " + text);
    }
    return new InetSocketAddress(address, port);
  }
}
