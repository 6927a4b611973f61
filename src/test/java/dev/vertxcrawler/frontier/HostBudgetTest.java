package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-host budget both frontier stores apply on admission. */
class HostBudgetTest {

  @ParameterizedTest(name = "max {0}, {1} stored, {2} already admitted, a {3}: full {4}")
  @CsvSource({
      // max, restored, admitted, kind, full
      "0, 0, 0, PAGE, false", // 0 = unlimited
      "0, 100, 100, PAGE, false",
      "1, 0, 0, PAGE, false",
      "1, 0, 1, PAGE, true",
      "2, 1, 0, PAGE, false",
      "2, 1, 1, PAGE, true", // a resumed crawl's stored pages count
      "2, 2, 0, PAGE, true",
      "2, 5, 0, PAGE, true", // over the budget (a resume with a smaller one): still full
      "1, 3, 3, SITEMAP, false", // sitemaps never count
  })
  void aPageIsRefusedOnceItsOriginHoldsTheBudget(int max, long restored, int admitted, CrawlTask.Kind kind,
      boolean full) {
    HostBudget budget = new HostBudget(max);
    budget.restore(Map.of("http://a.example", restored));
    for (int i = 0; i < admitted; i++) {
      budget.admitted(task("http://a.example/" + i, CrawlTask.Kind.PAGE));
    }
    assertEquals(full, budget.isFull(task("http://a.example/next", kind)));
    assertEquals(false, budget.isFull(task("http://b.example/next", kind)), "another origin has its own budget");
  }

  @org.junit.jupiter.api.Test
  void anUnlimitedBudgetKeepsNoCountPerOriginSoABroadCrawlPaysNothingForIt() {
    HostBudget unlimited = new HostBudget(0);
    unlimited.restore(Map.of("http://a.example", 5L));
    for (int i = 0; i < 1_000; i++) {
      unlimited.admitted(task("http://h" + i + ".example/", CrawlTask.Kind.PAGE));
    }
    unlimited.returned(task("http://h1.example/", CrawlTask.Kind.PAGE));
    assertEquals(0, unlimited.originsCounted());
    assertEquals(false, unlimited.limited());
    HostBudget one = new HostBudget(1);
    one.admitted(task("http://a.example/", CrawlTask.Kind.PAGE));
    assertEquals(1, one.originsCounted(), "a budget counts");
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 3"})
  void sitemapsAdmittedSpendNoBudget(int max, int sitemaps) {
    HostBudget budget = new HostBudget(max);
    for (int i = 0; i < sitemaps; i++) {
      budget.admitted(task("http://a.example/sitemap" + i + ".xml", CrawlTask.Kind.SITEMAP));
    }
    assertEquals(false, budget.isFull(task("http://a.example/", CrawlTask.Kind.PAGE)));
  }

  private static CrawlTask task(String url, CrawlTask.Kind kind) {
    return new CrawlTask(url, url.substring(0, url.indexOf('/', 8)), 1, null, 0, kind);
  }
}
