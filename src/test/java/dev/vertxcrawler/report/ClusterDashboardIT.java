package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.store.PgLiveView;
import dev.vertxcrawler.testing.Chromium;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.PostgresServer;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The cluster dashboard ({@code serve --store}'s /live) in a real headless Chromium while three nodes share one
 * crawl through a real PostgreSQL: every node shows up with pages per second above zero, the host table pages
 * and sorts, the crawl ends at 100 %, and /metrics has one series per node. Sites answer after a delay so that
 * the crawl lasts long enough to be watched.
 */
@ExtendWith(VertxExtension.class)
class ClusterDashboardIT {
  private static final int HOSTS = 24;
  private static final int PAGES_PER_HOST = 60;
  private static PostgresServer pg;
  private WebDriver driver;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.shared();
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void threeNodesShowOnTheDashboardWithTheirPagesPerSecondAndTheCrawlEndsAtOneHundredPercent(Vertx vertx,
      @TempDir Path dir, @TempDir Path profile) throws Exception {
    driver = Chromium.start(profile);
    List<Future<TestServer>> servers = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++) {
      servers.add(TestServer.start(vertx, req -> {
        req.pause();
        vertx.setTimer(30, t -> {
          req.resume();
          SyntheticSite.handle(req, PAGES_PER_HOST);
        });
      }));
    }
    await(Future.all(servers));
    String[] seeds = servers.stream().map(f -> f.result().url("/p/0")).toArray(String[]::new);
    String crawl = "dashboard-" + System.nanoTime();
    PgLiveView view = new PgLiveView(vertx, pg.url("crawls"), crawl);
    ClusterLive live = new ClusterLive(vertx, view, crawl, () -> System.nanoTime() / 1_000_000);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    live.bindMetrics(registry);
    vertx.runOnContext(v -> live.start());
    int port = await(ReportServer.shared(vertx, pg.url("crawls"), crawl, live, registry, line -> { })
        .listen("127.0.0.1", 0));

    // A lease of 4 s: a heartbeat every second, so pages/s is fresh on the dashboard.
    CrawlConfig node = CrawlHarness.config("store.kind=postgres", "store.url=" + pg.url("crawls"),
        "store.crawl=" + crawl, "store.leaseMs=4000", "politeness.minDelayMs=250");
    Future<CompositeFuture> crawls = Future.all(CrawlHarness.crawl(vertx, node, dir.resolve("a"), seeds),
        CrawlHarness.crawl(vertx, node, dir.resolve("b"), seeds),
        CrawlHarness.crawl(vertx, node, dir.resolve("c"), seeds));

    driver.get("http://127.0.0.1:" + port + "/live");
    // Three nodes at once, each with pages per second above zero.
    try {
      new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> {
        List<List<String>> rows = nodeRows();
        return rows.size() == 3 && rows.stream().allMatch(r -> "running".equals(r.get(1))
            && Double.parseDouble(r.get(2)) > 0);
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      String summaries = "";
      try {
        CompositeFuture all = await(crawls);
        for (int i = 0; i < 3; i++) {
          CrawlHarness.Result r = all.resultAt(i);
          summaries += " node " + i + ": " + r.summary().getString("finishReason") + " " + r.pages().size()
              + " pages " + r.summary().getDouble("elapsedSeconds") + " s;";
        }
      } catch (Exception ignored) {
        summaries = ignored.toString();
      }
      throw new AssertionError("the dashboard's nodes: " + nodeRows() + "; " + text("#updated") + "; "
          + text("#cards") + summaries, e);
    }
    Path shots = Path.of("target", "screenshots");
    java.nio.file.Files.createDirectories(shots);
    java.nio.file.Files.write(shots.resolve("cluster-dashboard.png"),
        ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    assertTrue(Double.parseDouble(text("#card-rate b")) > 0, "the crawl's pages/s: " + text("#card-rate b"));
    assertTrue(text("#nodes-table").contains(dir.resolve("a").toString()), "nodes by name: " + text("#nodes-table"));

    // The host table: every host, a page at a time, sortable.
    new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> text("#hosts-range").endsWith("of " + HOSTS + " hosts"));
    driver.findElement(By.cssSelector("#hosts-table th[data-sort=origin]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "sortable sorted-asc".equals(
        d.findElement(By.cssSelector("#hosts-table th[data-sort=origin]")).getAttribute("class")));
    String first = seeds[0].replace("/p/0", "");
    List<String> origins = new ArrayList<>();
    for (String seed : seeds) {
      origins.add(seed.replace("/p/0", ""));
    }
    origins.sort(null);
    new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> origins.get(0).equals(
        d.findElement(By.cssSelector("#hosts-table tbody tr td")).getText()));
    assertTrue(first.startsWith("http://127.0.0.1:"));

    CompositeFuture done = await(crawls);
    long pages = 0;
    for (int i = 0; i < 3; i++) {
      CrawlHarness.Result r = done.resultAt(i);
      assertEquals("finished", r.summary().getString("finishReason"));
      pages += r.pages().size();
    }
    assertEquals((long) HOSTS * PAGES_PER_HOST, pages, "every page once, between the nodes");
    // The end: 100 %, nothing left, every node finished.
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> text("#progress-text").startsWith(
        HOSTS * PAGES_PER_HOST + " of " + HOSTS * PAGES_PER_HOST + " URLs known (100.0 %)"));
    // Totals and mixes are the nodes' heartbeats summed: the last one (written as each node stops) reaches the
    // dashboard with the next sample, up to SAMPLE_MS after the URL counts said 100 %.
    JsonObject json = untilLive(vertx, port, j -> j.getJsonObject("totals").getLong("fetched") == (long) HOSTS * PAGES_PER_HOST);
    assertEquals((long) HOSTS * PAGES_PER_HOST, json.getJsonObject("totals").getLong("fetched"));
    assertEquals((long) HOSTS * PAGES_PER_HOST, json.getJsonObject("statusMix").getLong("200"));
    String metrics = await(WebClient.create(vertx).get(port, "127.0.0.1", "/metrics").send()).bodyAsString();
    for (String n : List.of("a", "b", "c")) {
      assertTrue(metrics.contains("crawler_cluster_node_pages_fetched{crawl=\"" + crawl + "\",node=\""),
          "per-node series in /metrics");
      assertTrue(metrics.contains(dir.resolve(n) + "\"}"), "node " + n + " in /metrics");
    }
    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertTrue(severe.isEmpty(), "console errors: " + severe);
    Object resources = ((JavascriptExecutor) driver).executeScript(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
    for (Object r : (List<?>) resources) {
      String name = String.valueOf(r);
      assertTrue(name.contains("/live.json") || name.contains("/hosts.json"), "a request beyond the page: " + name);
    }
  }

  /** The node table's cells, read in one go (the table is redrawn every poll). */
  @SuppressWarnings("unchecked")
  private List<List<String>> nodeRows() {
    return (List<List<String>>) ((JavascriptExecutor) driver).executeScript("return Array.from("
        + "document.querySelectorAll('#nodes-table tbody tr')).map(function (tr) { return Array.from(tr.cells)"
        + ".map(function (td) { return td.textContent; }); });");
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** /live.json once it satisfies the condition, polled every 200 ms for at most 10 s (then the last one). */
  private static JsonObject untilLive(Vertx vertx, int port, java.util.function.Predicate<JsonObject> condition)
      throws Exception {
    WebClient client = WebClient.create(vertx);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonObject json = await(client.get(port, "127.0.0.1", "/live.json").send()).bodyAsJsonObject();
      if (condition.test(json) || System.nanoTime() > deadline) {
        return json;
      }
      await(Future.future(p -> vertx.setTimer(200, t -> p.complete())));
    }
  }

  /** At most two minutes: a stalled node fails the test instead of hanging it (the crawl takes about 20 s). */
  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.MINUTES);
  }
}
