package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vertxcrawler.demo.DemoSite;
import dev.vertxcrawler.testing.Chromium;
import dev.vertxcrawler.testing.CrawlHarness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * report.html and the live dashboard in a real headless Chromium (Debian's chromium and chromium-driver,
 * which .ci/run installs): counts, sorting, filtering, crawled text inert, no console errors, no requests
 * beyond the page itself. Screenshots go to target/screenshots. Without Chromium the test is skipped on a
 * developer machine but fails in CI (CI=true), where it must run.
 */
@ExtendWith(VertxExtension.class)
class BrowserIT {
  private WebDriver driver;

  @BeforeEach
  void browser(@TempDir Path profile) {
    driver = Chromium.start(profile);
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  /** The bundled demo site crawled to {@code maxDepth}, and its report (with the site's port as demoPort). */
  private static JsonObject demoReport(Vertx vertx, Path out, int maxDepth) throws Exception {
    int port = await(new DemoSite(vertx).start());
    await(CrawlHarness.crawl(vertx, CrawlHarness.config("maxDepth=" + maxDepth), out,
        "http://127.0.0.1:" + port + "/"));
    return ReportQueries.load(out, true).put("demoPort", String.valueOf(port));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  private void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  private void assertNoAlertNoConsoleErrorsNoRequests() {
    try {
      driver.switchTo().alert();
      fail("an alert ran: crawled content was executed");
    } catch (NoAlertPresentException expected) {
      // inert
    }
    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertTrue(severe.isEmpty(), "console errors: " + severe);
    Object resources = ((JavascriptExecutor) driver).executeScript(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
    return_ok(resources);
  }

  private static void return_ok(Object resources) {
    List<?> names = (List<?>) resources;
    assertTrue(names.stream().allMatch(n -> String.valueOf(n).contains("/status")),
        "requests beyond the page (and the dashboard's /status): " + names);
  }

  @Test
  void reportHtmlFromDiskShowsTheRightCountsSortsFiltersAndOpensDetail(Vertx vertx, @TempDir Path out)
      throws Exception {
    JsonObject report = demoReport(vertx, out, 10);
    Path file = HtmlReport.write(out, report);
    driver.get(file.toUri().toString());
    assertEquals("129", text("#card-pages b"));
    assertEquals("8", text("#card-brokentargets b"));
    assertEquals("8 of 8 rows", text("#broken-table-count"));
    assertEquals("129 of 129 rows", text("#pages-table-count"));
    assertEquals(100, driver.findElements(By.cssSelector("#pages-table tbody tr")).size(), "paged, not one DOM");
    // Sort by bytes (numbers sort largest first on the first click).
    driver.findElement(By.cssSelector("#pages-table th[data-col=bytes]")).click();
    long largest = report.getJsonArray("largest").getJsonObject(0).getLong("bytes");
    assertEquals(String.valueOf(largest), text("#pages-table tbody tr:first-child td:nth-child(6)"));
    // Filter.
    driver.findElement(By.id("pages-table-filter")).sendKeys("removed.html");
    assertEquals("1 of 129 rows", text("#pages-table-count"));
    driver.findElement(By.cssSelector("#pages-table tbody tr")).click();
    assertTrue(text("#detail").contains("Linked from (4)"), text("#detail"));
    screenshot("report-demo");
    assertNoAlertNoConsoleErrorsNoRequests();
  }

  @Test
  void aRecrawlsChangesSectionShowsItsCountsAndListsAndKeepsUrlsInert(Vertx vertx, @TempDir Path out)
      throws Exception {
    JsonObject report = demoReport(vertx, out, 1);
    String port = report.getString("demoPort");
    io.vertx.core.json.JsonArray gone = new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("url", "javascript:alert(1)").put("now", "<img src=x onerror=alert(2)>"));
    for (int i = 1; i < 100; i++) {
      gone.add(new JsonObject().put("url", "http://127.0.0.1:" + port + "/gone/" + i).put("now", "404"));
    }
    report.put("changes", new JsonObject().put("since", "/crawls/earlier")
        .put("changed", new JsonObject().put("count", 3).put("urls", new io.vertx.core.json.JsonArray()
            .add("http://127.0.0.1:" + port + "/a").add("http://127.0.0.1:" + port + "/b")
            .add("http://127.0.0.1:" + port + "/c")))
        .put("unchanged", 40)
        .put("new", new JsonObject().put("count", 1).put("urls", new io.vertx.core.json.JsonArray()
            .add("http://127.0.0.1:" + port + "/n")))
        .put("gone", new JsonObject().put("count", 150).put("urls", gone)));
    driver.get(HtmlReport.write(out, report).toUri().toString());
    assertEquals("Changes since /crawls/earlier", text("#changes h2"));
    assertEquals("3", text("#card-changes-changed b"));
    assertEquals("40", text("#card-changes-unchanged b"));
    assertEquals("1", text("#card-changes-new b"));
    assertEquals("150", text("#card-changes-gone b"));
    assertEquals("3 of 3 rows", text("#changes-changed-count"));
    assertEquals("100 of 100 rows", text("#changes-gone-count"));
    assertTrue(text("#changes").contains("first 100 of 150"), text("#changes"));
    assertEquals(0, driver.findElements(By.cssSelector("#changes a[href^='javascript']")).size());
    assertEquals(0, driver.findElements(By.cssSelector("main img")).size(), "no img element was created");
    screenshot("report-changes");
    assertNoAlertNoConsoleErrorsNoRequests();
  }

  @Test
  void hostileTitlesAndJavascriptLinksAreInertInReportHtml(Vertx vertx, @TempDir Path out) throws Exception {
    Path file = await(ReportIT.hostileReport(vertx, out));
    driver.get(file.toUri().toString());
    String pages = text("#pages-table");
    assertTrue(pages.contains(ReportIT.SCRIPT_TITLE), "the title is shown as text: " + pages);
    assertTrue(pages.contains(ReportIT.IMG_TITLE), pages);
    assertEquals(0, driver.findElements(By.cssSelector("main img")).size(), "no img element was created");
    assertEquals(0, driver.findElements(By.cssSelector("a[href^='javascript']")).size());
    screenshot("report-hostile");
    assertNoAlertNoConsoleErrorsNoRequests();
  }

  @Test
  void theLiveDashboardShowsStatusAndKeepsCrawledTextInert(Vertx vertx) throws Exception {
    JsonObject status = new JsonObject().put("finishReason", null).put("elapsedSeconds", 3.0)
        .put("pages", new JsonObject().put("fetched", 42).put("failed", 3).put("skipped", 1))
        .put("pagesPerSecond", 14.0).put("queueDepth", 2).put("queueCapacity", 10).put("inFlight", 4)
        .put("frontierQueued", 17).put("hostsWaiting", 1).put("errors", 3)
        .put("hostCounts", new JsonObject().put("active", 2).put("waiting", 5).put("done", 9))
        .put("memoryPerHostBytes", 3072)
        .put("hosts", new JsonArray().add(new JsonObject().put("origin", "http://a.example").put("fetched", 42)
            .put("failed", 3).put("queued", 17).put("delayMs", 1000).put("robots", "fresh")))
        .put("recent", new JsonArray().add(new JsonObject().put("url", "http://a.example/x").put("status", 200)
            .put("elapsedMs", 5).put("title", ReportIT.IMG_TITLE)));
    StatusSource source = new StatusSource() {
      @Override
      public Future<Void> ping() {
        return Future.succeededFuture();
      }

      @Override
      public Future<JsonObject> status() {
        return Future.succeededFuture(status);
      }
    };
    int port = await(new StatusServer(vertx, source, null, line -> { }).listen("127.0.0.1", 0));
    driver.get("http://127.0.0.1:" + port + "/");
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#card-fetched b"))
        .isEmpty());
    assertEquals("42", text("#card-fetched b"));
    assertEquals("17", text("#card-frontier b"));
    assertEquals("2", text("#card-hosts-active b"));
    assertEquals("5", text("#card-hosts-waiting b"));
    assertEquals("9", text("#card-hosts-done b"));
    assertEquals("3.0", text("#card-memory-per-host b"));
    assertTrue(text("#hosts-table").contains("http://a.example"));
    assertTrue(text("#recent-table").contains(ReportIT.IMG_TITLE));
    assertEquals(0, driver.findElements(By.cssSelector("main img")).size());
    screenshot("dashboard");
    assertNoAlertNoConsoleErrorsNoRequests();
  }
}
