package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  static final String HOSTILE = "</script><!-- & \u2028\u2029 \"q\" é 漢";

  @Test
  void theStreamedJsonEscapesWhatCouldEndTheScriptElementInKeysAndValuesAndStillParsesBack() throws IOException {
    JsonObject report = new JsonObject().put("title", HOSTILE).put(HOSTILE, new JsonArray().add(HOSTILE).add(42));
    StringWriter out = new StringWriter();
    HtmlReport.writeScriptSafeJson(report, out);
    String json = out.toString();
    for (String raw : new String[] {"<", ">", "&", "\u2028", "\u2029"}) {
      assertFalse(json.contains(raw), raw + " left raw in " + json);
    }
    assertTrue(json.contains("\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"), json);
    assertEquals(report, new JsonObject(json));
  }

  @Test
  void theWrittenFileIsTheRenderedPage(@TempDir Path dir) throws IOException {
    JsonObject report = new JsonObject().put("title", HOSTILE);
    Path file = HtmlReport.write(dir, report);
    assertEquals(HtmlReport.render(report), Files.readString(file));
    assertFalse(Files.exists(dir.resolve(HtmlReport.FILE + ".tmp")));
  }
}
