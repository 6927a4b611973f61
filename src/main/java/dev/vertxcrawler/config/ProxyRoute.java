package dev.vertxcrawler.config;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * {@code network.proxy} and {@code network.noProxy}: which requests go through an HTTP proxy, and its address
 * and credentials. http:// URLs are sent to the proxy in absolute form, https:// ones through a CONNECT tunnel
 * (Vert.x's client does both). Hosts in {@code noProxy} — a name, an address, {@code .suffix} for a domain and
 * its subdomains, or {@code *} for every host — are fetched directly.
 */
public final class ProxyRoute {
  public static final ProxyRoute DIRECT = new ProxyRoute(null, List.of());

  private final ProxyOptions proxy;
  private final List<String> direct;

  private ProxyRoute(ProxyOptions proxy, List<String> direct) {
    this.proxy = proxy;
    this.direct = direct;
  }

  /**
   * @param proxyUrl {@code http://[user:password@]host:port}, or empty for none
   * @throws IllegalArgumentException saying what a proxy URL must look like
   */
  public static ProxyRoute of(String proxyUrl, List<String> noProxy) {
    if (proxyUrl == null || proxyUrl.isBlank()) {
      return DIRECT;
    }
    List<String> direct = noProxy.stream().map(ProxyRoute::bareHost).toList();
    return new ProxyRoute(parse(proxyUrl.trim()), direct);
  }

  private static ProxyOptions parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(url);
    }
    boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0 || !pathless
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(url);
    }
    ProxyOptions options = new ProxyOptions().setType(ProxyType.HTTP).setHost(bareHost(uri.getHost()))
        .setPort(uri.getPort());
    String userInfo = uri.getUserInfo(); // percent-decoded
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      options.setUsername(colon < 0 ? userInfo : userInfo.substring(0, colon));
      options.setPassword(colon < 0 ? "" : userInfo.substring(colon + 1));
    }
    return options;
  }

  private static IllegalArgumentException invalid(String url) {
    return new IllegalArgumentException("must be http://[user:password@]host:port (an HTTP proxy; https:// "
        + "URLs go through it with CONNECT), got \"" + masked(url) + "\"");
  }

  /** The URL with its password replaced by {@code ***}: for logs, messages and the stored config. */
  public static String masked(String url) {
    if (url == null) {
      return null;
    }
    int at = url.lastIndexOf('@');
    int scheme = url.indexOf("://");
    int colon = scheme < 0 || at < 0 ? -1 : url.indexOf(':', scheme + 3);
    return colon < 0 || colon > at ? url : url.substring(0, colon + 1) + "***" + url.substring(at);
  }

  /** The proxy for a request to {@code host}, or null when it goes direct. */
  public ProxyOptions forHost(String host) {
    if (proxy == null) {
      return null;
    }
    String h = bareHost(host);
    for (String entry : direct) {
      if (entry.equals("*") || h.equals(entry) || entry.startsWith(".") && (h.endsWith(entry)
          || h.equals(entry.substring(1)))) {
        return null;
      }
    }
    return proxy;
  }

  private static String bareHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
