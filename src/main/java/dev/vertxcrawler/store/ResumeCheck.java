package dev.vertxcrawler.store;

import dev.vertxcrawler.config.CrawlConfig;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Whether an existing crawl may go on: not finished, and started with the same config (unless allowed). */
final class ResumeCheck {
  /** Keys that may change between runs of one crawl: where it writes and how it is watched or stopped. */
  private static final Set<String> OPERATIONAL = Set.of("output", "status.port", "status.host",
      "progressIntervalSec", "shutdownGraceMs", "maxDurationSec",
      // a node of a shared crawl may reach its database by another name, with its password from another file
      "store.url", "store.passwordFile");

  private ResumeCheck() {
  }

  /**
   * Refuses a finished crawl or a changed config with a {@link StoreException}; with {@code configChangedOk},
   * records the new config instead.
   */
  static void check(Path dir, CrawlMeta meta, JsonObject config, boolean configChangedOk) throws SQLException {
    if (meta.get(CrawlMeta.FINISHED) != null) {
      throw new StoreException(dir + ": that crawl already finished (" + meta.get(CrawlMeta.FINISH_REASON)
          + ") — choose another --out");
    }
    String stored = meta.get(CrawlMeta.CONFIG);
    if (stored != null && !configChangedOk) {
      List<String> differing = differingKeys(new JsonObject(stored), config);
      if (!differing.isEmpty()) {
        throw new StoreException(dir + ": the crawl was started with a different config (" + String.join(", ",
            differing) + ") — rerun with the same config, or add --config-changed-ok to resume with this one");
      }
    }
    if (configChangedOk) {
      meta.put(CrawlMeta.CONFIG, config.encode());
    }
  }

  /**
   * Keys whose values differ, ignoring the operational ones, and keys a newer build added that the crawl's
   * stored config lacks while they hold their default (the crawl ran with that behaviour).
   */
  static List<String> differingKeys(JsonObject before, JsonObject now) {
    JsonObject defaults = CrawlConfig.defaults().effective();
    List<String> keys = new ArrayList<>();
    Set<String> all = new TreeSet<>(before.fieldNames());
    all.addAll(now.fieldNames());
    for (String key : all) {
      String was = Json.encode(before.containsKey(key) ? before.getValue(key) : defaults.getValue(key));
      String is = Json.encode(now.getValue(key));
      if (!OPERATIONAL.contains(key) && !was.equals(is)) {
        keys.add(key + " " + before.getValue(key) + " → " + now.getValue(key));
      }
    }
    return keys;
  }
}
