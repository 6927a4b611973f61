package dev.vertxcrawler.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.store.WarcArchive;
import dev.vertxcrawler.testing.ChildCrawl;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.HostileSite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The crawler against a hostile web ({@link HostileSite}): one crawl, by the real CLI in a child JVM with
 * {@code -Xmx256m}, over bombs, malformed HTTP, lying lengths, drips, binary mislabelled as HTML, broken
 * charsets, crawler traps, hostile robots.txt files and SSRF bait in every spelling. Each test asserts one
 * case's recorded outcome; the crawl as a whole must finish, in bounded time, and the canary on 127.0.0.2
 * must receive nothing.
 */
@ExtendWith(VertxExtension.class)
class HostileWebIT {
  static final long DEADLINE_MS = 2_000;
  static final long CRAWL_LIMIT_S = 90;

  @TempDir
  static Path dir;
  static HostileSite site;
  static List<JsonObject> pages;
  static JsonObject summary;
  static int exitCode;
  static long crawlMillis;

  @BeforeAll
  static void crawlTheHostileWebUnder256MiB(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.2 canary.test\n");
    Path config = dir.resolve("config.json");
    Files.writeString(config, new JsonObject()
        .put("workers", 8).put("maxPages", 0).put("maxDepth", 30)
        .put("http", new JsonObject().put("deadlineMs", DEADLINE_MS).put("idleTimeoutMs", 1_500)
            .put("connectTimeoutMs", 1_000).put("maxBodyBytes", 1_048_576).put("retries", 0)
            .put("maxHeaderBytes", 16_384))
        .put("politeness", new JsonObject().put("minDelayMs", 0).put("maxConcurrencyPerHost", 4).put("jitter", 0)
            .put("robotsUnavailableMaxMs", 1_500).put("robotsRetryMs", 300).put("maxCrawlDelayMs", 100))
        .put("scope", new JsonObject().put("hosts", "any").put("exclude", new JsonArray().add("/excluded/")))
        .put("sitemaps", new JsonObject().put("enabled", false))
        .put("network", new JsonObject().put("hostsFile", hosts.toString()))
        .put("warc", new JsonObject().put("enabled", true)) // the archive must stand the hostile web too
        .encodePrettily());
    site = new HostileSite(vertx);
    site.start().compose(started -> vertx.executeBlocking(() -> {
      List<String> args = new ArrayList<>(List.of("crawl", "--config", config.toString(), "--out",
          dir.resolve("out").toString(), "--seeds-dir", dir.toString(), "--quiet"));
      for (String seed : site.seeds()) {
        args.add("--seed");
        args.add(seed);
      }
      long start = System.nanoTime();
      Process child = ChildCrawl.start(dir.resolve("crawl.log"), List.of("-Xmx256m"), args.toArray(String[]::new));
      if (!child.waitFor(CRAWL_LIMIT_S, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new AssertionError("the crawl did not finish within " + CRAWL_LIMIT_S + " s:\n"
            + Files.readString(dir.resolve("crawl.log")));
      }
      crawlMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      exitCode = child.exitValue();
      pages = CrawlHarness.pages(dir.resolve("out"));
      summary = CrawlHarness.summary(dir.resolve("out"));
      return null;
    }, false)).onComplete(ctx.succeedingThenComplete());
  }

  // ---- the crawl as a whole ---------------------------------------------------------------------------

  @Test
  void theCrawlFinishesUnder256MiBInBoundedTime() throws Exception {
    String log = Files.readString(dir.resolve("crawl.log"));
    assertEquals(0, exitCode, log);
    assertEquals("finished", summary.getString("finishReason"));
    assertFalse(log.contains("OutOfMemoryError"), log);
    assertTrue(crawlMillis < CRAWL_LIMIT_S * 1000);
  }

  @Test
  void theCanaryOn127002ReceivesNothing() {
    assertEquals(List.of(), site.canaryRequests);
  }

  @Test
  void noFetchOutlastsTheDeadline() {
    for (JsonObject page : pages) {
      assertTrue(page.getLong("elapsedMs") <= DEADLINE_MS + 1_000, page.encode());
    }
  }

  @Test
  void theWarcArchiveReadsBackWholeWithEveryFetchedPageAndNoBodyOverTheCap() throws Exception {
    JsonObject warc = summary.getJsonObject("warc");
    assertEquals(0L, warc.getLong("failed"), "no record lost: " + warc);
    long records = 0;
    java.util.Set<String> archived = new java.util.HashSet<>();
    long largest = 0;
    try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("out").resolve(
        WarcArchive.DIR))) {
      for (Path file : files.sorted().toList()) {
        try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(file)) {
          for (org.netpreserve.jwarc.WarcRecord record : reader) {
            records++;
            if (record instanceof org.netpreserve.jwarc.WarcResponse response) {
              archived.add(response.target());
              largest = Math.max(largest, response.http().body().stream().readAllBytes().length);
            }
          }
        }
      }
    }
    assertEquals(warc.getLong("records"), records, "every record parses");
    for (JsonObject page : pages) {
      if ("fetched".equals(page.getString("outcome"))) {
        assertTrue(archived.contains(page.getString("url")), "archived: " + page.getString("url"));
      }
    }
    assertTrue(largest <= 1_048_576 + 64 * 1024, "a body is archived up to the cap and its slack: " + largest);
  }

  // ---- bytes and time -----------------------------------------------------------------------------------

  @Test
  void aGzipBombStopsAtTheDecodedCap() {
    assertFailed("/gzip-bomb", "too-large");
    assertEquals(1_048_576, page("/gzip-bomb").getLong("bytes"), "counted in decoded bytes, up to the cap");
  }

  @Test
  void aDeflateBombStopsAtTheDecodedCap() {
    assertFailed("/deflate-bomb", "too-large");
  }

  @Test
  void rawDeflateWithoutZlibWrapperDecodes() {
    assertEquals("raw deflate", fetched("/deflate-raw").getString("title"));
  }

  @Test
  void gzipPagesDecodeAndTheirLinksAreFollowed() {
    assertEquals("gzipped", fetched("/gzip-ok").getString("title"));
    assertNotNull(fetched("/gzip-link"));
  }

  @Test
  void anEncodingThatWasNotRequestedIsRefusedNotDecoded() {
    assertFailed("/br", "unsupported-encoding");
  }

  @Test
  void aCorruptGzipBodyFailsAsDecode() {
    assertFailed("/gzip-corrupt", "decode");
  }

  @Test
  void aGzipStreamCutShortFailsAsTruncated() {
    assertFailed("/gzip-truncated", "truncated");
  }

  @Test
  void aServerDrippingOneByteAtATimeIsCutOffByTheDeadline() {
    assertFailed("/drip", "timeout");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    assertFailed("/silent", "timeout");
  }

  @Test
  void aContentLengthOverTheCapFailsAtOnce() {
    assertFailed("/huge-length", "too-large");
  }

  // ---- malformed HTTP (raw sockets) -------------------------------------------------------------------

  @Test
  void anOversizedHeaderFails() {
    assertFailed(raw("/raw/big-header"), "header-too-large");
  }

  @Test
  void tooManyHeadersFail() {
    assertFailed(raw("/raw/many-headers"), "header-too-large");
  }

  @Test
  void aGarbageStatusLineFailsAsProtocol() {
    assertFailed(raw("/raw/garbage-status"), "protocol");
  }

  @Test
  void aNonHttpAnswerFailsAsProtocol() {
    assertFailed(raw("/raw/not-http"), "protocol");
  }

  @Test
  void anOverlongStatusLineFails() {
    assertTrue(List.of("protocol", "header-too-large").contains(failed(raw("/raw/long-status")).getString("error")));
  }

  @Test
  void aContentLengthLongerThanTheBodyFailsAsTruncated() {
    assertFailed(raw("/raw/cl-short"), "truncated");
  }

  @Test
  void aContentLengthShorterThanTheBodyKeepsOnlyTheDeclaredBytes() {
    assertEquals(5, fetched(raw("/raw/cl-long")).getLong("bytes"));
  }

  @Test
  void aTruncatedChunkedBodyFailsAsTruncated() {
    assertFailed(raw("/raw/chunked-truncated"), "truncated");
  }

  @Test
  void aBadChunkSizeFailsAsProtocol() {
    assertFailed(raw("/raw/bad-chunk-size"), "protocol");
  }

  @Test
  void aConnectionResetFails() {
    assertTrue(List.of("reset", "truncated").contains(failed(raw("/raw/reset")).getString("error")));
  }

  @Test
  void aConnectionClosedWithoutAnswerFails() {
    assertNotNull(failed(raw("/raw/empty")).getString("error"));
  }

  // ---- content -------------------------------------------------------------------------------------------

  @Test
  void aPngLabelledHtmlIsNotParsed() {
    assertEquals("not-html", fetched("/png-as-html").getString("error"));
    assertNull(page("/from-png"), "links inside binary bytes are not followed");
  }

  @Test
  void aPdfLabelledHtmlIsNotParsed() {
    assertEquals("not-html", fetched("/pdf-as-html").getString("error"));
    assertNull(page("/from-pdf"));
  }

  @Test
  void aByteOrderMarkWinsOverTheContentTypeCharset() {
    assertEquals("h\u00e9llo w\u00f6rld", fetched("/bom-utf16").getString("title"));
  }

  @Test
  void anUnknownCharsetNameFallsBackWithoutError() {
    assertEquals("still parsed", fetched("/unknown-charset").getString("title"));
  }

  @Test
  void aMetaCharsetIsHonouredWhenTheHeaderHasNone() {
    assertEquals("\u041f\u0440\u0438\u0432\u0435\u0442", fetched("/meta-charset").getString("title"));
  }

  @Test
  void deeplyNestedHtmlParsesWithoutStackOverflow() {
    assertEquals("deep", fetched("/deep").getString("title"));
    assertNotNull(fetched("/deep-found"), "the link at the bottom of 50 000 nested divs is found");
  }

  @Test
  void nulBytesParse() {
    assertTrue(fetched("/nul").getString("title").startsWith("nul"));
  }

  @Test
  void outlinksPerPageAreCappedAndTheRestCounted() {
    assertEquals(20_000, fetched("/farm").getInteger("links"));
    assertEquals(15_000, filtered("outlinks-cap"));
  }

  // ---- traps ----------------------------------------------------------------------------------------------

  @Test
  void repeatedPathSegmentsAreATrap() {
    assertNotNull(fetched("/trap/"));
    assertNotNull(fetched("/trap/trap/"));
    assertNull(page("/trap/trap/trap/"), "the third repeat is beyond scope.maxPathRepeats = 2");
    assertTrue(filtered("path-repeats") >= 1);
  }

  @Test
  void overlyDeepPathsAreNotFollowed() {
    assertTrue(filtered("path-depth") >= 1);
  }

  @Test
  void overlongUrlsAreNotFollowed() {
    assertTrue(filtered("url-length") >= 1);
  }

  @Test
  void sessionIdsAreStrippedSoOnePageIsFetchedOnce() {
    assertEquals(1, pages.stream().filter(p -> p.getString("url").equals(site.main("/s"))).count());
    assertTrue(pages.stream().noneMatch(p -> p.getString("url").toLowerCase().contains("sessid")
        || p.getString("url").toLowerCase().contains("jsessionid") || p.getString("url").contains("sid=")));
  }

  @Test
  void anEndlessCalendarIsBoundedByDepth() {
    long months = pages.stream().filter(p -> p.getString("url").contains("/cal?m=")).count();
    assertTrue(months >= 10 && months <= 31, months + " calendar pages");
  }

  @Test
  void aMetaRefreshToItselfIsNotLooped() {
    assertEquals(1, pages.stream().filter(p -> p.getString("url").equals(site.main("/refresh-self"))).count());
  }

  @Test
  void aMetaRefreshToAnotherPageIsFollowed() {
    assertNotNull(fetched("/refreshed"));
  }

  // ---- the address guard ------------------------------------------------------------------------------

  @Test
  void aLinkToAnotherLoopbackAddressIsBlocked() {
    assertSkipped("http://127.0.0.2:" + site.canaryPort() + "/linked", "blocked-address");
  }

  @Test
  void aRedirectToAPrivateAddressIsBlocked() {
    assertEquals(302, fetched("/redirect-canary").getInteger("status"));
    assertSkipped("http://127.0.0.2:" + site.canaryPort() + "/redirected", "blocked-address");
  }

  @Test
  void theCloudMetadataAddressIsBlocked() {
    assertSkipped("http://169.254.169.254/latest/meta-data/", "blocked-address");
  }

  @Test
  void hexDecimalAndShortIpv4SpellingsAreNormalisedAndBlocked() {
    for (String path : List.of("/hex", "/decimal", "/short")) {
      assertSkipped("http://127.0.0.2:" + site.canaryPort() + path, "blocked-address");
    }
  }

  @Test
  void anIpv4MappedIpv6AddressIsBlocked() {
    JsonObject mapped = pages.stream().filter(p -> p.getString("url").endsWith("/mapped")).findFirst().orElse(null);
    assertNotNull(mapped, "the mapped-address link is recorded");
    assertEquals("skipped", mapped.getString("outcome"));
    assertEquals("blocked-address", mapped.getString("error"));
  }

  @Test
  void aHostNameResolvingToAPrivateAddressIsBlocked() {
    assertSkipped("http://canary.test:" + site.canaryPort() + "/named", "blocked-address");
  }

  @Test
  void privateCgnatAndUniqueLocalAddressesAreBlockedWithoutAConnection() {
    assertSkipped("http://10.0.0.1/admin", "blocked-address");
    assertSkipped("http://100.64.0.1/", "blocked-address");
    assertSkipped("http://[fd00:0:0:0:0:0:0:1]/", "blocked-address");
  }

  @Test
  void onlyHttpAndHttpsAreFollowed() {
    assertTrue(pages.stream().noneMatch(p -> !p.getString("url").startsWith("http")));
    assertTrue(filtered("scheme") >= 5);
  }

  // ---- hostile robots.txt --------------------------------------------------------------------------------

  @Test
  void robotsAnswering5xxForeverGivesTheHostUp() {
    JsonObject root = pageAt(site.origin("robots-5xx") + "/");
    assertEquals("skipped", root.getString("outcome"));
    assertEquals("robots-unavailable", root.getString("error"));
  }

  @Test
  void robotsRedirectingToAPrivateAddressIsNotFollowed() {
    assertEquals("fetched", pageAt(site.origin("robots-redirect") + "/").getString("outcome"));
  }

  @Test
  void only500KibOfRobotsTxtIsRead() {
    assertEquals("robots", pageAt(site.origin("robots-600k") + "/early").getString("error"), "a rule at the start");
    assertEquals("fetched", pageAt(site.origin("robots-600k") + "/late").getString("outcome"),
        "a rule past 500 KiB is ignored");
  }

  @Test
  void anHtmlPageServedAsRobotsTxtDisallowsNothing() {
    assertEquals("fetched", pageAt(site.origin("robots-html") + "/page").getString("outcome"));
  }

  @Test
  void aCrawlDelayOfADayIsCapped() {
    assertEquals("fetched", pageAt(site.origin("robots-delay") + "/page").getString("outcome"));
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  private static String raw(String path) {
    return site.raw().url(path);
  }

  private static JsonObject page(String pathOrUrl) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : site.main(pathOrUrl);
    return pages.stream().filter(p -> p.getString("url").equals(url)).findFirst().orElse(null);
  }

  private static JsonObject pageAt(String url) {
    JsonObject page = page(url);
    assertNotNull(page, url + " is recorded");
    return page;
  }

  private static JsonObject fetched(String pathOrUrl) {
    JsonObject page = pageAt(pathOrUrl.startsWith("http") ? pathOrUrl : site.main(pathOrUrl));
    assertEquals("fetched", page.getString("outcome"), page.encode());
    return page;
  }

  private static JsonObject failed(String pathOrUrl) {
    JsonObject page = pageAt(pathOrUrl.startsWith("http") ? pathOrUrl : site.main(pathOrUrl));
    assertEquals("failed", page.getString("outcome"), page.encode());
    return page;
  }

  private static void assertFailed(String pathOrUrl, String error) {
    assertEquals(error, failed(pathOrUrl).getString("error"), page(pathOrUrl).encode());
  }

  private static void assertSkipped(String url, String error) {
    JsonObject page = pageAt(url);
    assertEquals("skipped", page.getString("outcome"), page.encode());
    assertEquals(error, page.getString("error"), page.encode());
  }

  private static long filtered(String reason) {
    return summary.getJsonObject("filteredCounts").getLong(reason, 0L);
  }
}
