package dev.vertxcrawler.fetch;

import dev.vertxcrawler.config.NetworkConfig;
import io.vertx.core.dns.AddressResolverOptions;
import java.net.InetSocketAddress;

/**
 * The Vert.x resolver options of a crawl ({@code network.dns*}, {@code network.hostsFile}), set on the
 * {@code VertxOptions} the crawl's Vertx is built with — by the CLI and by tests that need the crawl's own
 * resolver. A crawl handed some other Vertx still works: it resolves with that Vertx's resolver, and classifies
 * its failures alike.
 */
public final class Resolvers {
  private Resolvers() {
  }

  public static AddressResolverOptions options(NetworkConfig network) {
    NetworkConfig.Resolver resolver = network.resolver();
    AddressResolverOptions options = new AddressResolverOptions()
        .setQueryTimeout(resolver.timeoutMs())
        .setCacheMinTimeToLive(resolver.cacheMinTtlSec())
        .setCacheMaxTimeToLive(resolver.cacheMaxTtlSec())
        .setCacheNegativeTimeToLive(resolver.cacheNegativeTtlSec());
    for (InetSocketAddress server : resolver.servers()) {
      // Vert.x splits at the last ':', so an IPv6 address goes unbracketed: "::1:53" is ::1 port 53.
      options.addServer(server.getAddress().getHostAddress() + ":" + server.getPort());
    }
    if (!resolver.hostsFile().isEmpty()) {
      options.setHostsPath(resolver.hostsFile());
    }
    return options;
  }
}
