package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.frontier.FrontierStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FrontierStore contract on crawl.db, and how a resume compares configs. */
class SqliteFrontierStoreTest extends FrontierStoreContract {
  @Override
  FrontierStore store(Vertx vertx, Path dir, int budget) {
    return new SqliteFrontierStore(vertx, dir, new JsonObject().put("k", 1), false, budget);
  }

  @Override
  boolean keepsRecords() {
    return true;
  }

  @Test
  void aKeyANewerBuildAddedIsNoChangeAtItsDefaultAndIsOneWhenSet() {
    JsonObject now = CrawlConfig.defaults().effective();
    JsonObject before = now.copy();
    before.remove("extract"); // a crawl started by a build without the key
    assertEquals(List.of(), SqliteFrontierStore.differingKeys(before, now));
    JsonObject withRule = now.copy().put("extract", new JsonObject().put("h", new JsonObject().put("css", "h1")));
    assertEquals(1, SqliteFrontierStore.differingKeys(before, withRule).size());
    assertTrue(SqliteFrontierStore.differingKeys(before, withRule).get(0).startsWith("extract "));
  }
}
