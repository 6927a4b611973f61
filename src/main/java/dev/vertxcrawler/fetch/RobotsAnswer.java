package dev.vertxcrawler.fetch;

import crawlercommons.robots.BaseRobotRules;

/**
 * What fetching an origin's robots.txt decided (RFC 9309 §2.3.1): rules from a 2xx; allow-all for a 4xx
 * (or too many redirects); disallow-all while it is unreachable (429, 5xx, timeout, connection failure).
 * {@code statusClass} is "2xx" … "5xx" or "error", for the summary.
 */
public record RobotsAnswer(Kind kind, BaseRobotRules rules, String statusClass, Integer status, String error,
    String finalUrl) {

  /**
   * BLOCKED: the address guard refused robots.txt's own URL — the whole origin is off limits. CERTIFICATE: the
   * origin's HTTPS certificate was refused (error tls-self-signed, tls-untrusted, tls-expired, tls-hostname);
   * not transient, so the origin is given up at once rather than retried as unreachable. NO_SUCH_HOST: the
   * origin's name does not exist (error dns-nxdomain); given up at once too.
   */
  public enum Kind { RULES, ALLOW_ALL, DISALLOW_ALL, UNREACHABLE, BLOCKED, CERTIFICATE, NO_SUCH_HOST }

  public boolean unreachable() {
    return kind == Kind.UNREACHABLE;
  }
}
