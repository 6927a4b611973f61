package dev.vertxcrawler.config;

import java.util.List;

/**
 * The address guard: whether private and special addresses are refused, what is exempt besides the seeds'
 * origins ({@code allow}: CIDR blocks, addresses, host names or .suffixes), and the ports URLs may use
 * (empty = any); the HTTP proxy ({@code proxy}, empty = none) and the hosts fetched without it.
 */
public record NetworkConfig(boolean blockPrivateAddresses, List<String> allow, List<Integer> allowedPorts,
    String proxy, List<String> noProxy) {

  /** Without a proxy. */
  public NetworkConfig(boolean blockPrivateAddresses, List<String> allow, List<Integer> allowedPorts) {
    this(blockPrivateAddresses, allow, allowedPorts, "", List.of());
  }
}
