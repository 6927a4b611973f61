package dev.vertxcrawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ConfigKey;
import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.ConfigSchema;
import dev.vertxcrawler.config.CrawlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps README.md's config table and the top-level config.json true to the code's defaults. */
class DocsTest {
  @Test
  void everyConfigKeyHasARowInTheReadmeWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (ConfigKey key : ConfigSchema.ALL) {
      String row = "| `" + key.path() + "` | `" + shown(key.defaultValue()) + "` |";
      assertTrue(readme.contains(row), "README.md lacks the row starting " + row);
    }
  }

  @Test
  void theTopLevelConfigJsonIsValidAndHoldsTheDefaults() {
    CrawlConfig fromFile = ConfigLoader.load(Path.of("config.json"), List.of());
    assertEquals(CrawlConfig.defaults(), fromFile);
  }

  private static String shown(Object value) {
    if (value instanceof List<?> list) {
      return new io.vertx.core.json.JsonArray(list).encode();
    }
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
