package dev.vertxcrawler.config;

import java.util.List;

/** Which URLs a crawl may follow. */
public record ScopeConfig(Hosts hosts, List<String> include, List<String> exclude, int maxUrlLength,
    int maxPagesPerHost, List<String> sessionIdParams, int maxPathRepeats, int maxPathDepth) {

  /** Which hosts links may lead to ({@code scope.hosts}). */
  public enum Hosts implements Choice {
    /** The seeds' origins. */
    SEEDS,
    /** The seeds' registrable domains (a public-suffix lookup). */
    DOMAINS,
    ANY
  }
}
