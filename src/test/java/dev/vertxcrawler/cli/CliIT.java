package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line running whole crawls in-process (CliTest holds its quick answers to a user's mistakes). */
class CliIT {

  private record Run(int code, String err) {
  }

  private static Run run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute(args);
      return new Run(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void aTimeBoxedDemoCrawlResumesOnTheSamePortUntilItFinishesWithNothingFailed(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("demo");
    java.util.List<String> reasons = new java.util.ArrayList<>();
    for (int run = 0; run < 10 && !reasons.contains("finished"); run++) {
      Run result = run("demo", "--out", out.toString(), "--quiet", "-s", "maxDurationSec=2");
      assertEquals(0, result.code(), result.err());
      reasons.add(new io.vertx.core.json.JsonObject(Files.readString(out.resolve("summary.json")))
          .getString("finishReason"));
    }
    assertEquals("maxDuration", reasons.get(0), reasons.toString());
    assertEquals("finished", reasons.get(reasons.size() - 1), reasons.toString());
    io.vertx.core.json.JsonObject summary = new io.vertx.core.json.JsonObject(
        Files.readString(out.resolve("summary.json")));
    assertEquals(0L, summary.getJsonObject("pages").getLong("failed"),
        "each resumed run served the site where its queued URLs point: " + summary.getJsonObject("errorCounts"));
  }
}
