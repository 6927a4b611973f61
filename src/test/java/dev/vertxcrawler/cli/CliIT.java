package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line running whole crawls in-process (CliTest holds its quick answers to a user's mistakes). */
class CliIT {

  @Test
  void aTimeBoxedDemoCrawlResumesOnTheSamePortUntilItFinishesWithNothingFailed(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("demo");
    List<String> reasons = new ArrayList<>();
    for (int run = 0; run < 10 && !reasons.contains("finished"); run++) {
      CliTest.Run result = CliTest.run("demo", "--out", out.toString(), "--quiet", "-s", "maxDurationSec=2");
      assertEquals(0, result.code(), result.err());
      reasons.add(new JsonObject(Files.readString(out.resolve("summary.json")))
          .getString("finishReason"));
    }
    assertEquals("maxDuration", reasons.get(0), reasons.toString());
    assertEquals("finished", reasons.get(reasons.size() - 1), reasons.toString());
    io.vertx.core.json.JsonObject summary = new JsonObject(
        Files.readString(out.resolve("summary.json")));
    assertEquals(0L, summary.getJsonObject("pages").getLong("failed"),
        "each resumed run served the site where its queued URLs point: " + summary.getJsonObject("errorCounts"));
  }
}
