package dev.vertxcrawler.config;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key with its default, range and own checks, in one place. */
public final class ConfigSchema {
  /** scope.include and scope.exclude: each item a regular expression. */
  private static final ConfigKey.Validator REGEXES = ConfigKey.eachItem(ConfigChecks::isRegex,
      item -> "is not a valid regular expression: " + item);

  public static final ConfigKey WORKERS = ConfigKey.integer("workers", 4, 1, 1024,
      "Consumers draining the work queue; each handles one URL at a time.");
  public static final ConfigKey QUEUE_CAPACITY = ConfigKey.integer("queueCapacity", 1000, 1, 10_000_000,
      "Capacity of the bounded work queue between the frontier and the workers.");
  public static final ConfigKey MAX_PAGES = ConfigKey.integer("maxPages", 1000, 0, Integer.MAX_VALUE,
      "Stop after this many fetches (0 = unlimited).");
  public static final ConfigKey MAX_DURATION_SEC = ConfigKey.integer("maxDurationSec", 0, 0, Integer.MAX_VALUE,
      "Stop this run after this many seconds, like a graceful Ctrl-C; the directory stays resumable (0 = no limit).");
  public static final ConfigKey MAX_DEPTH = ConfigKey.integer("maxDepth", 3, 0, 100_000,
      "Links further than this many hops from a seed are not followed.");
  public static final ConfigKey USER_AGENT = ConfigKey.string("userAgent", "vertx-crawler/0.1",
      "User-Agent header sent with every request.");
  public static final ConfigKey OUTPUT = ConfigKey.string("output", "",
      "Output directory; empty means crawls/<UTC timestamp>. --out overrides it.");
  public static final ConfigKey CONNECT_TIMEOUT_MS = ConfigKey.integer("http.connectTimeoutMs", 10_000, 1, 600_000,
      "Time allowed to open a connection.");
  public static final ConfigKey IDLE_TIMEOUT_MS = ConfigKey.integer("http.idleTimeoutMs", 30_000, 1, 3_600_000,
      "Longest silence allowed while waiting for response bytes.");
  public static final ConfigKey KEEP_ALIVE_TIMEOUT_SEC = ConfigKey.integer("http.keepAliveTimeoutSec",
      HttpConfig.DEFAULT_KEEP_ALIVE_TIMEOUT_SEC, 0, 3_600,
      "An idle pooled connection is closed after this many seconds (0 = no keep-alive: one connection per request).");
  public static final ConfigKey MAX_OPEN_CONNECTIONS = ConfigKey.integer("http.maxOpenConnections",
      HttpConfig.DEFAULT_MAX_OPEN_CONNECTIONS, 1, 1_000_000,
      "Connections kept open between requests, to all hosts together; once as many are open, a request asks for its "
          + "connection to be closed after the response.");
  public static final ConfigKey DEADLINE_MS = ConfigKey.integer("http.deadlineMs", 60_000, 1, 3_600_000,
      "Wall-clock bound on one whole fetch, connect to last byte.");
  public static final ConfigKey MAX_BODY_BYTES = ConfigKey.longKey("http.maxBodyBytes", 10L * 1024 * 1024, 1,
      Long.MAX_VALUE, "Largest decoded body kept; a larger one is cut off and recorded too-large.");
  public static final ConfigKey MIN_DELAY_MS = ConfigKey.integer("politeness.minDelayMs", 1000, 0, 3_600_000,
      "Smallest gap between two request starts to the same host.");
  public static final ConfigKey MAX_CONCURRENCY_PER_HOST = ConfigKey.integer("politeness.maxConcurrencyPerHost", 1,
      1, 1024, "Most requests in flight to one host at once.");

  public static final ConfigKey RETRIES = ConfigKey.integer("http.retries", 2, 0, 20,
      "Retries for timeouts, connection errors and 408/429/500/502/503/504, through the host's clock.");
  public static final ConfigKey JITTER = ConfigKey.number("politeness.jitter", 0.5, 0, 1,
      "Each gap between request starts is drawn uniformly from [delay, delay x (1 + jitter)].");
  public static final ConfigKey MAX_CRAWL_DELAY_MS = ConfigKey.integer("politeness.maxCrawlDelayMs", 30_000, 0,
      86_400_000, "Largest robots.txt Crawl-delay honoured; a host asking more gets crawlDelayOverCap.");
  public static final ConfigKey CRAWL_DELAY_OVER_CAP = ConfigKey.choice("politeness.crawlDelayOverCap",
      Choice.keys(PolitenessConfig.CrawlDelayOverCap.class),
      "A Crawl-delay above the cap: crawl at the cap, or skip the host's URLs.");
  public static final ConfigKey ADAPTIVE = ConfigKey.bool("politeness.adaptive", true,
      "Let each host's delay follow its response latency (never below minDelayMs or Crawl-delay).");
  public static final ConfigKey TARGET_CONCURRENCY = ConfigKey.number("politeness.targetConcurrency", 1.0, 0.01,
      1024, "Adaptive aim: requests in flight per host; delay tends to latency / targetConcurrency.");
  public static final ConfigKey MAX_DELAY_MS = ConfigKey.integer("politeness.maxDelayMs", 60_000, 0, 86_400_000,
      "Ceiling of the adaptive delay and of 429/503 backoff.");
  public static final ConfigKey MAX_RETRY_AFTER_MS = ConfigKey.integer("politeness.maxRetryAfterMs", 600_000, 0,
      86_400_000, "Longest Retry-After obeyed; a longer one is shortened to this (with a log line).");
  public static final ConfigKey ROBOTS_CACHE_MS = ConfigKey.longKey("politeness.robotsCacheMs", 86_400_000L, 0,
      86_400_000L, "How long a robots.txt answer is reused before it is fetched again (at most 24 h).");
  public static final ConfigKey ROBOTS_CACHE_ENTRIES = ConfigKey.integer("politeness.robotsCacheEntries", 10_000, 1,
      10_000_000, "Origins whose parsed robots.txt rules stay in memory; the rest are read back from the store.");
  public static final ConfigKey ROBOTS_CACHE_BYTES = ConfigKey.longKey("politeness.robotsCacheBytes",
      32L * 1024 * 1024, 65_536, 8L * 1024 * 1024 * 1024, "Heap the robots.txt rules held in memory may take (an "
          + "estimate per origin); least recently used out first, read back from the store.");
  public static final ConfigKey ROBOTS_401_403 = ConfigKey.choice("politeness.robots401403",
      Choice.keys(PolitenessConfig.Robots401403.class),
      "robots.txt answering 401/403: allow all (RFC 9309) or disallow all.");
  public static final ConfigKey ROBOTS_RETRY_MS = ConfigKey.integer("politeness.robotsRetryMs", 5_000, 1,
      3_600_000, "First wait before fetching an unavailable robots.txt again; doubles each time.");
  public static final ConfigKey ROBOTS_UNAVAILABLE_MAX_MS = ConfigKey.integer("politeness.robotsUnavailableMaxMs",
      600_000, 0, 86_400_000, "Give up on an origin whose robots.txt stays unavailable this long.");
  public static final ConfigKey MAX_PAGES_PER_HOST = ConfigKey.integer("maxPagesPerHost", 0, 0, Integer.MAX_VALUE,
      "Most pages admitted per origin (0 = unlimited).");
  public static final ConfigKey SCOPE_HOSTS = ConfigKey.choice("scope.hosts", Choice.keys(ScopeConfig.Hosts.class),
      "Which hosts links may lead to: the seeds' origins, the seeds' registrable domains, or any.");
  public static final ConfigKey SCOPE_INCLUDE = ConfigKey.stringList("scope.include", List.of(),
      "Regexes; when not empty, a URL must match one of them (found anywhere in the canonical URL).")
      .validatedBy(REGEXES);
  public static final ConfigKey SCOPE_EXCLUDE = ConfigKey.stringList("scope.exclude", List.of(),
      "Regexes; a URL matching any of them is not followed.").validatedBy(REGEXES);
  public static final ConfigKey MAX_URL_LENGTH = ConfigKey.integer("scope.maxUrlLength", 2048, 16, 1_000_000,
      "Longer canonical URLs are not followed.");
  public static final ConfigKey SESSION_ID_PARAMS = ConfigKey.stringList("canonical.sessionIdParams",
      List.of("jsessionid", "phpsessid", "sid"),
      "Query and path (;name=) parameters removed from URLs, case-insensitively.");
  public static final ConfigKey SITEMAPS_ENABLED = ConfigKey.bool("sitemaps.enabled", true,
      "Read Sitemap: lines of robots.txt and /sitemap.xml; their URLs enter at depth 0.");
  public static final ConfigKey SITEMAPS_MAX_URLS = ConfigKey.integer("sitemaps.maxUrlsPerHost", 50_000, 0,
      Integer.MAX_VALUE, "Most URLs taken from one origin's sitemaps.");
  public static final ConfigKey HOSTS_FILE = ConfigKey.string("network.hostsFile", "",
      "A hosts file (name → address) used instead of the system's; empty = the system's.");

  public static final ConfigKey BLOCK_PRIVATE = ConfigKey.bool("network.blockPrivateAddresses", true,
      "Address guard: skip URLs whose host resolves to a loopback, private, link-local, CGNAT, ULA, multicast or "
          + "reserved address (recorded blocked-address); the seeds' origins and network.allow are exempt.");
  public static final ConfigKey NETWORK_ALLOW = ConfigKey.stringList("network.allow", List.of(),
      "Exempt from the address guard: CIDR blocks (10.0.0.0/8), addresses, host names, or .suffix for a domain.")
      .validatedBy(ConfigKey.eachItem(item -> !item.contains("/") || ConfigChecks.isCidr(item),
          item -> "is not a CIDR block (e.g. 10.0.0.0/8): " + item));
  public static final ConfigKey ALLOWED_PORTS = ConfigKey.stringList("network.allowedPorts", List.of(),
      "Ports URLs may use, e.g. [\"80\", \"443\"]; empty = any.").coercedBy(ConfigChecks::numbersAsText)
      .validatedBy(ConfigKey.eachItem(ConfigChecks::isPort,
          item -> "must be a port number 1-65535, got \"" + item + "\""));
  public static final ConfigKey NETWORK_PROXY = ConfigKey.string("network.proxy", "",
      "An HTTP proxy every request goes through, http://[user:password@]host:port; empty = none.")
      .validatedBy(ConfigKey.parsedBy(url -> {
        ProxyRoute.of((String) url, List.of());
        return url;
      }, " "))
      .maskedBy(url -> ProxyRoute.masked((String) url)); // the effective config is stored in crawl.db: no password
  public static final ConfigKey DNS_SERVERS = ConfigKey.stringList("network.dnsServers", List.of(),
      "DNS servers asked in order, each an IP address with an optional port (1.1.1.1, 10.0.0.2:5353, [::1]:53); "
          + "empty = the system's (/etc/resolv.conf).")
      .validatedBy(ConfigKey.eachItem(ConfigChecks::isDnsServer,
          item -> "must be an IP address with an optional :port (a DNS server is not looked up by name; IPv6 with a "
              + "port as [::1]:53), got \"" + item + "\""));
  public static final ConfigKey DNS_TIMEOUT_MS = ConfigKey.integer("network.dnsTimeoutMs", 5_000, 1, 600_000,
      "Time one DNS query may take before it fails dns-timeout (each server in turn).");
  public static final ConfigKey DNS_CACHE_MIN_TTL_SEC = ConfigKey.integer("network.dnsCacheMinTtlSec", 0, 0,
      Integer.MAX_VALUE, "An answer is cached at least this long, whatever its TTL says.");
  public static final ConfigKey DNS_CACHE_MAX_TTL_SEC = ConfigKey.integer("network.dnsCacheMaxTtlSec", 60, 0,
      Integer.MAX_VALUE, "An answer is cached at most this long (0 = not cached); bounds the cache over a long crawl.");
  public static final ConfigKey DNS_CACHE_NEGATIVE_TTL_SEC = ConfigKey.integer("network.dnsCacheNegativeTtlSec", 0, 0,
      Integer.MAX_VALUE, "How long a failed lookup is remembered before the name is asked again (0 = not remembered).");
  public static final ConfigKey DNS_UNAVAILABLE_MAX_MS = ConfigKey.integer("network.dnsUnavailableMaxMs", 20_000, 0,
      86_400_000, "Give up on an origin whose name keeps failing to resolve (dns-servfail, dns-timeout, dns) this long "
          + "(at most politeness.robotsUnavailableMaxMs).");
  public static final ConfigKey NETWORK_NO_PROXY = ConfigKey.stringList("network.noProxy", List.of(),
      "Hosts fetched without the proxy: names, addresses, .suffix for a domain, or * for all.");
  public static final ConfigKey HTTP_HEADERS = ConfigKey.object("http.headers",
      "Extra request headers (name: value) sent to the seeds' origins only, e.g. Authorization for a staging site.")
      .validatedBy(ConfigKey.parsedBy(headers -> RequestHeaders.normalise((JsonObject) headers), "."))
      .maskedBy(headers -> RequestHeaders.masked((JsonObject) headers)); // nor a header's secret
  public static final ConfigKey MAX_HEADER_BYTES = ConfigKey.integer("http.maxHeaderBytes", 65_536, 1_024,
      16_777_216, "Largest response header block (status line and all headers); a larger one fails header-too-large.");
  public static final ConfigKey HTTP_CA_FILE = ConfigKey.string("http.caFile", "",
      "A PEM file of extra root certificates HTTPS trusts, besides the JVM's (a private CA, a self-signed site).");
  public static final ConfigKey HTTP_INSECURE = ConfigKey.bool("http.insecure", false,
      "Trust any HTTPS certificate, unchecked (testing only; warned at start, tlsInsecure in summary.json).");
  public static final ConfigKey MAX_OUTLINKS = ConfigKey.integer("parse.maxOutlinks", 5_000, 0, 10_000_000,
      "Links taken from one page; the rest are counted (filteredCounts.outlinks-cap), not followed.");
  public static final ConfigKey EXTRACT = ConfigKey.object("extract",
      "Named CSS selectors whose matches on each parsed page go into its record's data (scraping).")
      .validatedBy(ConfigKey.parsedBy(rules -> ExtractRules.normalise((JsonObject) rules), "."))
      .entriesFromText(ExtractRules::fromText);
  public static final ConfigKey MAX_PATH_REPEATS = ConfigKey.integer("scope.maxPathRepeats", 2, 1, 1_000,
      "A URL whose path repeats one segment more often than this (/a/a/a/ with 2) is a trap: not followed.");
  public static final ConfigKey MAX_PATH_DEPTH = ConfigKey.integer("scope.maxPathDepth", 64, 1, 10_000,
      "URLs with more path segments than this are not followed.");

  public static final ConfigKey WARC_ENABLED = ConfigKey.bool("warc.enabled", false,
      "Archive every HTTP exchange (robots.txt, sitemaps, pages) as WARC request/response records in DIR/warc/.");
  public static final ConfigKey WARC_MAX_FILE_BYTES = ConfigKey.longKey("warc.maxFileBytes", 1_000_000_000L, 65_536,
      Long.MAX_VALUE, "A WARC file is closed and the next one begun once it holds this many (compressed) bytes.");
  public static final ConfigKey SINCE = ConfigKey.string("since", "",
      "An earlier crawl's directory: pages are asked for with its ETag/Last-Modified, a 304 reuses its links; "
          + "empty = none. --since sets it.");

  public static final ConfigKey STORE_KIND = ConfigKey.choice("store.kind", Choice.keys(StoreKind.class),
      "Where the frontier lives: sqlite (DIR/crawl.db, resumable), memory (faster, not resumable) or postgres "
          + "(store.url: one crawl shared by many nodes).");
  public static final ConfigKey STORE_URL = ConfigKey.string("store.url", "",
      "For store.kind=postgres: the database, postgresql://user[:password]@host[:port]/database (the password may "
          + "instead come from PGPASSWORD or store.passwordFile).")
      .validatedBy(ConfigKey.parsedBy(url -> StoreUrls.check((String) url), " "))
      .maskedBy(url -> ProxyRoute.masked((String) url)); // shown and stored without its password
  public static final ConfigKey STORE_CRAWL = ConfigKey.string("store.crawl", "",
      "For store.kind=postgres: the crawl's name in the database; nodes with the same store.url and store.crawl "
          + "share one crawl. Empty = the --out directory's name.");
  public static final ConfigKey STORE_PASSWORD_FILE = ConfigKey.string("store.passwordFile", "",
      "For store.kind=postgres: a file whose first line is the database password (when store.url has none).");
  public static final ConfigKey STORE_LEASE_MS = ConfigKey.integer("store.leaseMs", 30_000, 1_000, 3_600_000,
      "For store.kind=postgres: how long a node holds a host without renewing; a node that dies loses its hosts "
          + "to the others after this long (renewed every leaseMs/4).");
  public static final ConfigKey SHUTDOWN_GRACE_MS = ConfigKey.integer("shutdownGraceMs", 10_000, 0, 3_600_000,
      "On the first SIGINT/SIGTERM, how long in-flight fetches may finish before they are cut off.");

  public static final ConfigKey STATUS_PORT = ConfigKey.integer("status.port", 0, 0, 65_535,
      "Port of the live status server (/health, /status, /metrics, dashboard); 0 = off.");
  public static final ConfigKey STATUS_HOST = ConfigKey.string("status.host", "127.0.0.1",
      "Address the status server binds to; 0.0.0.0 exposes it beyond this machine (e.g. in a container).");
  public static final ConfigKey PROGRESS_INTERVAL_SEC = ConfigKey.integer("progressIntervalSec", 10, 0, 86_400,
      "When stderr is not a terminal, a progress line every this many seconds (0 = none).");

  public static final List<ConfigKey> ALL = List.of(WORKERS, QUEUE_CAPACITY, MAX_PAGES, MAX_PAGES_PER_HOST, MAX_DURATION_SEC,
      MAX_DEPTH, USER_AGENT, OUTPUT, CONNECT_TIMEOUT_MS, IDLE_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_SEC, MAX_OPEN_CONNECTIONS, DEADLINE_MS, MAX_BODY_BYTES, RETRIES,
      MIN_DELAY_MS, MAX_CONCURRENCY_PER_HOST, JITTER, ADAPTIVE, TARGET_CONCURRENCY, MAX_DELAY_MS,
      MAX_RETRY_AFTER_MS, MAX_CRAWL_DELAY_MS, CRAWL_DELAY_OVER_CAP, ROBOTS_CACHE_MS, ROBOTS_CACHE_ENTRIES,
      ROBOTS_CACHE_BYTES,
      ROBOTS_401_403,
      ROBOTS_RETRY_MS, ROBOTS_UNAVAILABLE_MAX_MS, SCOPE_HOSTS, SCOPE_INCLUDE, SCOPE_EXCLUDE, MAX_URL_LENGTH,
      SESSION_ID_PARAMS, SITEMAPS_ENABLED, SITEMAPS_MAX_URLS, HOSTS_FILE, BLOCK_PRIVATE, NETWORK_ALLOW, ALLOWED_PORTS,
      NETWORK_PROXY, NETWORK_NO_PROXY, DNS_SERVERS, DNS_TIMEOUT_MS, DNS_CACHE_MIN_TTL_SEC, DNS_CACHE_MAX_TTL_SEC,
      DNS_CACHE_NEGATIVE_TTL_SEC, DNS_UNAVAILABLE_MAX_MS,
      HTTP_HEADERS, MAX_HEADER_BYTES, HTTP_CA_FILE, HTTP_INSECURE, MAX_OUTLINKS, EXTRACT, MAX_PATH_REPEATS, MAX_PATH_DEPTH, WARC_ENABLED,
      WARC_MAX_FILE_BYTES, SINCE, STORE_KIND, STORE_URL, STORE_CRAWL, STORE_PASSWORD_FILE, STORE_LEASE_MS,
      SHUTDOWN_GRACE_MS,
      STATUS_PORT, STATUS_HOST, PROGRESS_INTERVAL_SEC);

  private static final Map<String, ConfigKey> BY_PATH = new LinkedHashMap<>();

  static {
    for (ConfigKey key : ALL) {
      BY_PATH.put(key.path(), key);
    }
  }

  private ConfigSchema() {
  }

  public static ConfigKey find(String path) {
    return BY_PATH.get(path);
  }

  /** The object key that {@code path} names an entry of ({@code extract.NAME}), or null. */
  public static ConfigKey objectKeyOf(String path) {
    return ALL.stream().filter(k -> k.type() == ConfigKey.Type.OBJECT && path.startsWith(k.path() + "."))
        .findFirst().orElse(null);
  }

  /** True when some key lives below {@code prefix.} (so {@code prefix} names a section). */
  public static boolean isSection(String prefix) {
    String dotted = prefix + ".";
    return ALL.stream().anyMatch(k -> k.path().startsWith(dotted));
  }

  /** The key whose path is closest to a misspelt one, for "did you mean" hints; null if none is close. */
  public static String closest(String path) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ConfigKey key : ALL) {
      int d = distance(path.toLowerCase(java.util.Locale.ROOT), key.path().toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = key.path();
      }
    }
    return bestDistance <= Math.max(2, path.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
