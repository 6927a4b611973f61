package dev.vertxcrawler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  @Test
  void anEmptyObjectGivesEveryDefault() {
    CrawlConfig config = ConfigLoader.fromJson("{}", "config.json", List.of());
    assertEquals(CrawlConfig.defaults(), config);
    assertEquals(4, config.workers());
    assertEquals(1000, config.queueCapacity());
    assertEquals(1000, config.maxPages());
    assertEquals(3, config.maxDepth());
    assertEquals(1000, config.politeness().minDelayMs());
    assertEquals(1, config.politeness().maxConcurrencyPerHost());
    assertEquals(10L * 1024 * 1024, config.http().maxBodyBytes());
  }

  @Test
  void nestedKeysAndOverridesApply() {
    CrawlConfig config = ConfigLoader.fromJson("{\"workers\": 8, \"politeness\": {\"minDelayMs\": 250}}",
        "config.json", List.of("politeness.minDelayMs=0", "http.maxBodyBytes=2048", "userAgent=bot/1 (+x)"));
    assertEquals(8, config.workers());
    assertEquals(0, config.politeness().minDelayMs());
    assertEquals(2048, config.http().maxBodyBytes());
    assertEquals("bot/1 (+x)", config.userAgent());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"politeness": {"minDelayMs": -5}}      | config.json: politeness.minDelayMs must be >= 0, got -5
      {"politeness": {"minDelay": 5}}         | config.json: unknown key politeness.minDelay — did you mean politeness.minDelayMs?
      {"wrokers": 5}                          | config.json: unknown key wrokers — did you mean workers?
      {"workers": "8"}                        | config.json: workers must be a whole number, got "8" (a string)
      {"workers": 2.5}                        | config.json: workers must be a whole number, got 2.5
      {"workers": 0}                          | config.json: workers must be >= 1, got 0
      {"http": 5}                             | config.json: http must be an object, got 5
      {"userAgent": 5}                        | config.json: userAgent must be a string, got 5
      [1, 2]                                  | config.json: must hold a JSON object ({...}), got a list
      {"network": {"allowedPorts": [80, 0]}}  | config.json: network.allowedPorts[1] must be a port number 1-65535, got "0"
      {"network": {"allow": ["10.0.0.0/40"]}} | config.json: network.allow[0] is not a CIDR block (e.g. 10.0.0.0/8): 10.0.0.0/40
      {"network": {"proxy": "socks5://h:1080"}} | config.json: network.proxy must be http://[user:password@]host:port (an HTTP proxy; https:// URLs go through it with CONNECT), got "socks5://h:1080"
      {"extract": ["h1"]}                     | config.json: extract must be an object, got a list
      {"extract": {"t": {"css": "h1", "all": 1}}} | config.json: extract.t.all: must be true or false, got 1
      {"http": {"headers": {"Host": "x"}}}    | config.json: http.headers.Host: is set by the crawler itself and cannot be given (User-Agent: use userAgent; a proxy's credentials: network.proxy)
      {"http": {"headers": {"X-A": 5}}}       | config.json: http.headers.X-A: must be a string, got 5
      {"http": {"headers": {"X A": "v"}}}     | config.json: http.headers.X A: is not a header name (letters, digits and RFC 9110's token characters, no spaces)
      {"http": {"headers": []}}               | config.json: http.headers must be an object, got a list
      {"scope": {"exclude": ["ok", "a("]}}    | config.json: scope.exclude[1] is not a valid regular expression: a(
      {"scope": {"include": ["a", 5]}}        | config.json: scope.include[1] must be a string, got 5
      {"network": {"allowedPorts": ["80", true]}} | config.json: network.allowedPorts[1] must be a string, got true (a boolean)
      """)
  void mistakesNameTheFileAndTheKeyPath(String json, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromJson(json, "config.json", List.of()));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] -s {0}")
  @CsvSource(delimiter = '|', textBlock = """
      politeness.minDelayMs=-5 | -s: politeness.minDelayMs must be >= 0, got -5
      workers=many             | -s: workers must be a whole number, got "many" (a string)
      nosuch.key=1             | -s: unknown key nosuch.key — see the config table in docs/configuration.md
      workers                  | -s workers: expected key.path=value, e.g. -s politeness.minDelayMs=500
      extract.a b=h1           | -s: extract.a b: a name is 1-64 letters, digits, _ or - (it becomes a key of each record's data and a CSV column)
      extract.t={css          | -s extract.t: is not a valid JSON object — write a CSS selector, or '{"css": "img", "attr": "abs:src", "all": true}'
      http.headers.Accept-Encoding=br | -s: http.headers.Accept-Encoding: is set by the crawler itself and cannot be given (User-Agent: use userAgent; a proxy's credentials: network.proxy)
      network.allowedPorts=80,70000 | -s: network.allowedPorts[1] must be a port number 1-65535, got "70000"
      network.proxy=ftp://h:1  | -s: network.proxy must be http://[user:password@]host:port (an HTTP proxy; https:// URLs go through it with CONNECT), got "ftp://h:1"
      """)
  void overrideMistakesNameTheKeyPath(String override, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromJson("{}", "x", List.of(override)));
    assertEquals(message, e.getMessage());
  }

  @Test
  void invalidJsonSaysSo() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.fromJson("{\"workers\": 4,", "config.json", List.of()));
    assertEquals(true, e.getMessage().startsWith("config.json: is not valid JSON"), e.getMessage());
  }

  @Test
  void extractRulesComeFromTheFileAndFromOverridesWhichAddToThem() {
    CrawlConfig config = ConfigLoader.fromJson("{\"extract\": {\"title\": \"h1\"}}", "config.json",
        List.of("extract.price=span.price", "extract.images={\"css\": \"img\", \"attr\": \"abs:src\", \"all\": true}"));
    assertEquals(new io.vertx.core.json.JsonObject()
        .put("title", new io.vertx.core.json.JsonObject().put("css", "h1").putNull("attr").put("all", false))
        .put("price", new io.vertx.core.json.JsonObject().put("css", "span.price").putNull("attr").put("all", false))
        .put("images", new io.vertx.core.json.JsonObject().put("css", "img").put("attr", "abs:src").put("all", true)),
        config.extract());
    assertEquals(config.extract(), config.effective().getJsonObject("extract"), "part of the config a resume checks");
  }

  @Test
  void anInvalidSelectorIsRefusedBeforeTheCrawlWithTheRuleNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.fromJson("{\"extract\": {\"price\": \"span[\"}}", "config.json", List.of()));
    assertEquals(true, e.getMessage().startsWith("config.json: extract.price.css: \"span[\" is not a valid CSS selector"),
        e.getMessage());
  }

  @Test
  void headersComeFromTheFileAndOverridesAndTheirSecretsAreMaskedInTheStoredConfig() {
    CrawlConfig config = ConfigLoader.fromJson("{\"http\": {\"headers\": {\"X-Team\": \"docs\"}}}", "config.json",
        List.of("http.headers.Authorization=Bearer s3cret", "http.headers.Cookie=session=abc"));
    assertEquals(java.util.Map.of("X-Team", "docs", "Authorization", "Bearer s3cret", "Cookie", "session=abc"),
        config.http().headers());
    assertEquals(new io.vertx.core.json.JsonObject().put("X-Team", "docs").put("Authorization", "***")
        .put("Cookie", "***"), config.effective().getJsonObject("http.headers"));
  }

  @Test
  void aHeaderValueWithALineBreakIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromJson(
        "{\"http\": {\"headers\": {\"X-A\": \"a\\r\\nHost: evil\"}}}", "config.json", List.of()));
    assertEquals("config.json: http.headers.X-A: must be at most 8192 characters without line breaks or control "
        + "characters", e.getMessage());
  }

  @Test
  void portsMayBeWrittenAsNumbersOrStrings() {
    CrawlConfig config = ConfigLoader.fromJson("{\"network\": {\"allowedPorts\": [80, \"443\"]}}", "config.json", List.of());
    assertEquals(List.of(80, 443), config.network().allowedPorts());
  }

  @Test
  void theResolverDefaultsToTheSystemsServersWithBoundedCaching() {
    NetworkConfig.Resolver resolver = CrawlConfig.defaults().network().resolver();
    assertEquals(List.of(), resolver.servers());
    assertEquals(5_000, resolver.timeoutMs());
    assertEquals(0, resolver.cacheMinTtlSec());
    assertEquals(60, resolver.cacheMaxTtlSec());
    assertEquals(0, resolver.cacheNegativeTtlSec());
    assertEquals(20_000, resolver.unavailableMaxMs());
    assertEquals("", resolver.hostsFile());
  }

  @Test
  void dnsServersTakeAnAddressWithAnOptionalPort() {
    CrawlConfig config = ConfigLoader.fromJson(
        "{\"network\": {\"dnsServers\": [\"10.0.0.2\", \"127.0.0.1:5353\", \"::1\", \"[::1]:5300\"], \"hostsFile\": \"h\"}}",
        "config.json", List.of("network.dnsTimeoutMs=750"));
    NetworkConfig.Resolver resolver = config.network().resolver();
    assertEquals(List.of(new java.net.InetSocketAddress("10.0.0.2", 53), new java.net.InetSocketAddress("127.0.0.1", 5353),
        new java.net.InetSocketAddress("::1", 53), new java.net.InetSocketAddress("::1", 5300)), resolver.servers());
    assertEquals(750, resolver.timeoutMs());
    assertEquals("h", resolver.hostsFile());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      network.dnsServers=127.0.0.1:70000 | -s: network.dnsServers[0] must be an IP address with an optional :port (a DNS server is not looked up by name; IPv6 with a port as [::1]:53), got "127.0.0.1:70000"
      network.dnsServers=1.1.1.1,dns.google | -s: network.dnsServers[1] must be an IP address with an optional :port (a DNS server is not looked up by name; IPv6 with a port as [::1]:53), got "dns.google"
      network.dnsServers=10.0.0.1:dns | -s: network.dnsServers[0] must be an IP address with an optional :port (a DNS server is not looked up by name; IPv6 with a port as [::1]:53), got "10.0.0.1:dns"
      network.dnsTimeoutMs=0 | -s: network.dnsTimeoutMs must be >= 1, got 0
      network.dnsCacheMaxTtlSec=-1 | -s: network.dnsCacheMaxTtlSec must be >= 0, got -1
      network.dnsCacheMinTtlSec=7200 | network.dnsCacheMinTtlSec (7200) is above network.dnsCacheMaxTtlSec (60) — lower the one or raise the other
      """)
  void resolverMistakesNameTheKey(String override, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromJson("{}", "x", List.of(override)));
    assertEquals(message, e.getMessage());
  }
}
