package dev.vertxcrawler.frontier;

/**
 * What the crawl knows of an origin's robots.txt, to be kept with the host: the rules (serialised; null when
 * none are held), when they expire (epoch ms) and why the crawl gave the origin up (null when it did not).
 */
public record RobotsState(String origin, byte[] rules, long expiresAt, String giveUpReason) {

  /** The robots part of a host's stored state. */
  public static RobotsState of(FrontierStore.HostSnapshot host) {
    return new RobotsState(host.origin(), host.robotsRules(), host.robotsExpiresAt(), host.giveUpReason());
  }
}
