package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertxcrawler.store.PgLiveView.HostRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPageTest {
  private static final List<HostRow> HOSTS = hosts(50_000);

  private static List<HostRow> hosts(int n) {
    List<HostRow> hosts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      hosts.add(new HostRow(String.format("http://h%05d.test", i), i % 3 == 0 ? "node-a" : null, i % 1000, i % 7,
          i % 11, i % 13, 1000 + i % 500, i == 4242 ? 3_600_000 : 0, i == 7 ? "robots.txt unavailable" : null));
    }
    return hosts;
  }

  private static JsonArray rows(JsonObject page) {
    return page.getJsonArray("rows");
  }

  @Test
  void theBusiestComeFirstByDefaultAndOnlyOnePageIsSent() {
    JsonObject page = HostPage.of(HOSTS, new HostPage.Query(HostPage.Sort.of(null), false, "", 0, 50));
    assertEquals(50_000, page.getInteger("total"));
    assertEquals(50_000, page.getInteger("matched"));
    assertEquals(50, rows(page).size());
    assertEquals(999L, rows(page).getJsonObject(0).getLong("fetched"));
    assertEquals("http://h00999.test", rows(page).getJsonObject(0).getString("origin"), "ties by origin");
  }

  @Test
  void pagesFollowOneAnotherWithoutGapsOrRepeats() {
    HostPage.Query first = new HostPage.Query(HostPage.Sort.ORIGIN, true, "", 0, 100);
    HostPage.Query second = new HostPage.Query(HostPage.Sort.ORIGIN, true, "", 100, 100);
    assertEquals("http://h00099.test", rows(HostPage.of(HOSTS, first)).getJsonObject(99).getString("origin"));
    assertEquals("http://h00100.test", rows(HostPage.of(HOSTS, second)).getJsonObject(0).getString("origin"));
    JsonObject last = HostPage.of(HOSTS, new HostPage.Query(HostPage.Sort.ORIGIN, true, "", 49_990, 100));
    assertEquals(10, rows(last).size());
  }

  @Test
  void theMostHeldBackComeFirstWhenSortedByBlocked() {
    JsonObject page = HostPage.of(HOSTS, new HostPage.Query(HostPage.Sort.BLOCKED, false, "", 0, 1));
    assertEquals("http://h04242.test", rows(page).getJsonObject(0).getString("origin"));
  }

  @Test
  void aFilterMatchesPartOfTheOriginAnyCase() {
    JsonObject page = HostPage.of(HOSTS, new HostPage.Query(HostPage.Sort.FETCHED, false, "H0424", 0, 50));
    assertEquals(10, page.getInteger("matched"));
    assertEquals(50_000, page.getInteger("total"));
  }

  @Test
  void aLimitIsCappedAndAnUnknownSortFallsBackToFetched() {
    HostPage.Query q = new HostPage.Query(HostPage.Sort.of("nonsense"), false, null, -5, 1_000_000);
    assertEquals(HostPage.Sort.FETCHED, q.sort());
    assertEquals(0, q.offset());
    assertEquals(HostPage.MAX_LIMIT, q.limit());
  }
}
