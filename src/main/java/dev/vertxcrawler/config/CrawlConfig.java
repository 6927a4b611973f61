package dev.vertxcrawler.config;

/** The validated configuration of one crawl. Build it with {@link ConfigLoader}. */
public record CrawlConfig(
    int workers,
    int queueCapacity,
    int maxPages,
    int maxDurationSec,
    int maxDepth,
    String userAgent,
    String output,
    HttpConfig http,
    PolitenessConfig politeness,
    ScopeConfig scope,
    boolean sitemapsEnabled,
    int sitemapsMaxUrlsPerHost,
    String hostsFile,
    NetworkConfig network,
    int maxOutlinks,
    io.vertx.core.json.JsonObject extract,
    WarcConfig warc,
    String since,
    StoreConfig store,
    int shutdownGraceMs,
    int statusPort,
    String statusHost,
    int progressIntervalSec,
    io.vertx.core.json.JsonObject effective) {

  static CrawlConfig from(ConfigValues v) {
    return new CrawlConfig(
        v.getInt(ConfigSchema.WORKERS),
        v.getInt(ConfigSchema.QUEUE_CAPACITY),
        v.getInt(ConfigSchema.MAX_PAGES),
        v.getInt(ConfigSchema.MAX_DURATION_SEC),
        v.getInt(ConfigSchema.MAX_DEPTH),
        v.getString(ConfigSchema.USER_AGENT),
        v.getString(ConfigSchema.OUTPUT),
        new HttpConfig(
            v.getInt(ConfigSchema.CONNECT_TIMEOUT_MS),
            v.getInt(ConfigSchema.IDLE_TIMEOUT_MS),
            v.getInt(ConfigSchema.DEADLINE_MS),
            v.getLong(ConfigSchema.MAX_BODY_BYTES),
            v.getInt(ConfigSchema.RETRIES),
            v.getInt(ConfigSchema.MAX_HEADER_BYTES),
            RequestHeaders.toMap(v.getObject(ConfigSchema.HTTP_HEADERS)),
            v.getString(ConfigSchema.HTTP_CA_FILE),
            CaCertificates.read(ConfigSchema.HTTP_CA_FILE.path(), v.getString(ConfigSchema.HTTP_CA_FILE)),
            v.getBoolean(ConfigSchema.HTTP_INSECURE),
            v.getInt(ConfigSchema.KEEP_ALIVE_TIMEOUT_SEC),
            v.getInt(ConfigSchema.MAX_OPEN_CONNECTIONS)),
        new PolitenessConfig(
            v.getInt(ConfigSchema.MIN_DELAY_MS),
            v.getInt(ConfigSchema.MAX_CONCURRENCY_PER_HOST),
            v.getDouble(ConfigSchema.JITTER),
            v.getBoolean(ConfigSchema.ADAPTIVE),
            v.getDouble(ConfigSchema.TARGET_CONCURRENCY),
            v.getInt(ConfigSchema.MAX_DELAY_MS),
            v.getInt(ConfigSchema.MAX_RETRY_AFTER_MS),
            v.getInt(ConfigSchema.MAX_CRAWL_DELAY_MS),
            Choice.of(PolitenessConfig.CrawlDelayOverCap.class, v.getString(ConfigSchema.CRAWL_DELAY_OVER_CAP)),
            v.getLong(ConfigSchema.ROBOTS_CACHE_MS),
            v.getInt(ConfigSchema.ROBOTS_CACHE_ENTRIES),
            v.getLong(ConfigSchema.ROBOTS_CACHE_BYTES),
            Choice.of(PolitenessConfig.Robots401403.class, v.getString(ConfigSchema.ROBOTS_401_403)),
            v.getInt(ConfigSchema.ROBOTS_RETRY_MS),
            v.getInt(ConfigSchema.ROBOTS_UNAVAILABLE_MAX_MS)),
        new ScopeConfig(
            Choice.of(ScopeConfig.Hosts.class, v.getString(ConfigSchema.SCOPE_HOSTS)),
            v.getList(ConfigSchema.SCOPE_INCLUDE),
            v.getList(ConfigSchema.SCOPE_EXCLUDE),
            v.getInt(ConfigSchema.MAX_URL_LENGTH),
            v.getInt(ConfigSchema.MAX_PAGES_PER_HOST),
            v.getList(ConfigSchema.SESSION_ID_PARAMS),
            v.getInt(ConfigSchema.MAX_PATH_REPEATS),
            v.getInt(ConfigSchema.MAX_PATH_DEPTH)),
        v.getBoolean(ConfigSchema.SITEMAPS_ENABLED),
        v.getInt(ConfigSchema.SITEMAPS_MAX_URLS),
        v.getString(ConfigSchema.HOSTS_FILE),
        new NetworkConfig(
            v.getBoolean(ConfigSchema.BLOCK_PRIVATE),
            v.getList(ConfigSchema.NETWORK_ALLOW),
            v.getList(ConfigSchema.ALLOWED_PORTS).stream().map(Integer::parseInt).toList(),
            v.getString(ConfigSchema.NETWORK_PROXY),
            v.getList(ConfigSchema.NETWORK_NO_PROXY),
            new NetworkConfig.Resolver(
                v.getList(ConfigSchema.DNS_SERVERS).stream().map(NetworkConfig::dnsServer).toList(),
                v.getInt(ConfigSchema.DNS_TIMEOUT_MS),
                v.getInt(ConfigSchema.DNS_CACHE_MIN_TTL_SEC),
                v.getInt(ConfigSchema.DNS_CACHE_MAX_TTL_SEC),
                v.getInt(ConfigSchema.DNS_CACHE_NEGATIVE_TTL_SEC),
                v.getInt(ConfigSchema.DNS_UNAVAILABLE_MAX_MS),
                v.getString(ConfigSchema.HOSTS_FILE))),
        v.getInt(ConfigSchema.MAX_OUTLINKS),
        v.getObject(ConfigSchema.EXTRACT),
        new WarcConfig(v.getBoolean(ConfigSchema.WARC_ENABLED), v.getLong(ConfigSchema.WARC_MAX_FILE_BYTES)),
        v.getString(ConfigSchema.SINCE),
        new StoreConfig(Choice.of(StoreKind.class, v.getString(ConfigSchema.STORE_KIND)),
            v.getString(ConfigSchema.STORE_URL), v.getString(ConfigSchema.STORE_CRAWL),
            v.getString(ConfigSchema.STORE_PASSWORD_FILE), v.getInt(ConfigSchema.STORE_LEASE_MS)),
        v.getInt(ConfigSchema.SHUTDOWN_GRACE_MS),
        v.getInt(ConfigSchema.STATUS_PORT),
        v.getString(ConfigSchema.STATUS_HOST),
        v.getInt(ConfigSchema.PROGRESS_INTERVAL_SEC),
        v.toJson());
  }

  public StoreKind storeKind() {
    return store.kind();
  }

  /** The defaults, as {@code {}} would give. */
  public static CrawlConfig defaults() {
    return from(new ConfigValues());
  }

  /** The robots.txt product token: the User-Agent's first word up to '/', lower-case (RFC 9309 §2.2.1). */
  public String robotsToken() {
    String token = userAgent.strip().split("[/\\s]", 2)[0];
    return token.toLowerCase(java.util.Locale.ROOT);
  }
}
