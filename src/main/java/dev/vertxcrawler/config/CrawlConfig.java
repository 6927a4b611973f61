package dev.vertxcrawler.config;

/** The validated configuration of one crawl. Build it with {@link ConfigLoader}. */
public record CrawlConfig(
    int workers,
    int queueCapacity,
    int maxPages,
    int maxDepth,
    String userAgent,
    String output,
    HttpConfig http,
    PolitenessConfig politeness) {

  static CrawlConfig from(ConfigValues v) {
    return new CrawlConfig(
        v.getInt(ConfigSchema.WORKERS),
        v.getInt(ConfigSchema.QUEUE_CAPACITY),
        v.getInt(ConfigSchema.MAX_PAGES),
        v.getInt(ConfigSchema.MAX_DEPTH),
        v.getString(ConfigSchema.USER_AGENT),
        v.getString(ConfigSchema.OUTPUT),
        new HttpConfig(
            v.getInt(ConfigSchema.CONNECT_TIMEOUT_MS),
            v.getInt(ConfigSchema.IDLE_TIMEOUT_MS),
            v.getInt(ConfigSchema.DEADLINE_MS),
            v.getLong(ConfigSchema.MAX_BODY_BYTES)),
        new PolitenessConfig(
            v.getInt(ConfigSchema.MIN_DELAY_MS),
            v.getInt(ConfigSchema.MAX_CONCURRENCY_PER_HOST)));
  }

  /** The defaults, as {@code {}} would give. */
  public static CrawlConfig defaults() {
    return from(new ConfigValues());
  }
}
