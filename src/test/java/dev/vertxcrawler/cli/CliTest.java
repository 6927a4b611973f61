package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to a user's mistakes: exit 2, one clear line, no stack trace. */
class CliTest {

  /** One in-process run of the command line: its exit code and what it wrote to stderr. */
  record Run(int code, String err) {
  }

  static Run run(String... args) {
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
  void aNegativeValueInTheConfigFileExitsTwoNamingTheKeyPath(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"politeness\": {\"minDelayMs\": -5}}");
    Run run = run("crawl", "--config", config.toString(), "--seed", "http://127.0.0.1:9/", "--out",
        dir.resolve("out").toString());
    assertEquals(2, run.code());
    assertEquals(config + ": politeness.minDelayMs must be >= 0, got -5", run.err().strip());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written for a refused config");
  }

  @Test
  void anUnknownKeyExitsTwo(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"http\": {\"maxBodyByte\": 5}}");
    Run run = run("crawl", "--config", config.toString(), "--seed", "http://127.0.0.1:9/");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("unknown key http.maxBodyByte — did you mean http.maxBodyBytes?"), run.err());
  }

  @Test
  void aWrongTypeOverrideExitsTwo() {
    Run run = run("crawl", "-s", "workers=four", "--seed", "http://127.0.0.1:9/");
    assertEquals(2, run.code());
    assertEquals("-s: workers must be a whole number, got \"four\" (a string)", run.err().strip());
  }

  @Test
  void aMissingSeedFileExitsTwo(@TempDir Path dir) {
    Run run = run("crawl", "--seeds", dir.resolve("nope.txt").toString(), "--seeds-dir", dir.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("nope.txt: seed file not found or not readable"), run.err());
  }

  @Test
  void noSeedsAtAllExitsTwo(@TempDir Path dir) {
    Run run = run("crawl", "--seeds-dir", dir.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("no seeds"), run.err());
  }

  @Test
  void seedFilesWithoutAnyUrlExitTwoAndWriteNothing(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("only-comments.txt"), "# https://docs.example.org/\n\n   \n");
    Run run = run("crawl", "--seeds-dir", dir.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("hold no URL"), run.err());
    assertTrue(!Files.exists(dir.resolve("out")), "no output directory for a crawl that cannot start");
  }

  @Test
  void anOutputDirectoryHoldingACrawlIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("pages.jsonl"), "{}\n");
    Run run = run("crawl", "--seed", "http://127.0.0.1:9/", "--out", dir.toString(), "--seeds-dir", dir.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("holds a crawl without a store"), run.err());
    assertEquals("{}\n", Files.readString(dir.resolve("pages.jsonl")), "nothing lost");
  }

  @Test
  void aSinceDirectoryWithoutACrawlExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
    Path earlier = Files.createDirectory(dir.resolve("earlier"));
    Path out = dir.resolve("out");
    Run run = run("crawl", "--seed", "http://127.0.0.1:9/", "--out", out.toString(), "--since", earlier.toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("since: " + earlier + " holds no readable crawl.db — give the output directory "
        + "of an earlier crawl"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aSinceDirectoryThatIsTheOutputItselfExitsTwo(@TempDir Path dir) {
    Run run = run("crawl", "--seed", "http://127.0.0.1:9/", "--out", dir.toString(), "--since", dir + "/.");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().startsWith("since: " + dir + " is the output directory itself"), run.err());
  }

  @Test
  void aReportSinceADirectoryWithoutACrawlExitsTwo(@TempDir Path dir) {
    Run run = run("report", dir.toString(), "--since", dir.resolve("nothing").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("--since " + dir.resolve("nothing") + ": no readable crawl.db there — give the directory of an "
        + "earlier crawl", run.err().strip());
  }

  @Test
  void theConfigCommandPrintsTheEffectiveConfigWithSecretsMaskedAndRefusesMistakes(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"workers\": 8}");
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    Run ok;
    try {
      ok = run("config", "--config", config.toString(), "-s", "http.headers.Authorization=Bearer s3cret",
          "-s", "network.proxy=http://u:pw@127.0.0.1:3128");
    } finally {
      System.setOut(original);
    }
    assertEquals(0, ok.code(), ok.err());
    io.vertx.core.json.JsonObject effective =
        new io.vertx.core.json.JsonObject(printed.toString(StandardCharsets.UTF_8));
    assertEquals(8, effective.getInteger("workers"));
    assertEquals(1000, effective.getInteger("politeness.minDelayMs"), "defaults included");
    assertEquals("***", effective.getJsonObject("http.headers").getString("Authorization"));
    assertFalse(printed.toString(StandardCharsets.UTF_8).contains("s3cret"));
    assertFalse(printed.toString(StandardCharsets.UTF_8).contains(":pw@"));
    Run bad = run("config", "-s", "workers=0");
    assertEquals(2, bad.code());
    assertEquals("-s: workers must be >= 1, got 0", bad.err().strip());
  }

  @Test
  void anUnknownOptionExitsTwo() {
    assertEquals(2, run("crawl", "--no-such-option").code());
  }
}
