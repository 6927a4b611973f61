package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.caFile is read at config load: a file that is missing or holds no certificate exits 2, naming both. */
class CaFileCliTest {

  private static int run(ByteArrayOutputStream err, String... args) {
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return Main.commandLine().execute(args);
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void aCaFileThatIsNoCertificateExitsTwo(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("roots.pem"), "not a certificate");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(err, "crawl", "-s", "http.caFile=" + junk, "--seed", "https://127.0.0.1:9/",
        "--out", dir.resolve("out").toString());
    assertEquals(2, code);
    String said = err.toString(StandardCharsets.UTF_8).strip();
    assertTrue(said.startsWith("http.caFile: " + junk + " "), said);
    assertTrue(!Files.exists(dir.resolve("out")), "nothing written for a refused config");
  }

  @Test
  void aMissingCaFileExitsTwo(@TempDir Path dir) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path missing = dir.resolve("missing.pem");
    int code = run(err, "crawl", "-s", "http.caFile=" + missing, "--seed", "https://127.0.0.1:9/",
        "--out", dir.resolve("out").toString());
    assertEquals(2, code);
    assertEquals("http.caFile: " + missing + " not found or not readable",
        err.toString(StandardCharsets.UTF_8).strip());
  }
}
