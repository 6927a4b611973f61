package dev.vertxcrawler.config;

import java.util.List;

/** Which URLs a crawl may follow. {@code hosts} is "seeds", "domains" or "any". */
public record ScopeConfig(String hosts, List<String> include, List<String> exclude, int maxUrlLength,
    int maxPagesPerHost, List<String> sessionIdParams, int maxPathRepeats, int maxPathDepth) {
}
