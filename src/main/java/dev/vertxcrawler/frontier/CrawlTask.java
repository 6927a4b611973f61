package dev.vertxcrawler.frontier;

/** One admitted URL on its way to a worker. {@code url} is canonical; {@code origin} keys its host queue. */
public record CrawlTask(String url, String origin, int depth, String referrer, int retries) {
}
