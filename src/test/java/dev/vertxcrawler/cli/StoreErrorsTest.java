package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.store.SqliteFrontierStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * A crawl directory the store cannot use is refused before any fetch: exit 2, one line saying why and what
 * to do, and the directory untouched. The seed points at a closed port: a run that got past the checks would
 * still finish quickly (and exit 0), so each assertion on exit 2 is meaningful.
 */
class StoreErrorsTest {
  private static final String SEED = "http://127.0.0.1:9/";
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private record Run(int code, String err) {
  }

  private static Run crawl(Path dir, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("crawl", "--seed", SEED, "--out", dir.toString(),
        "--seeds-dir", dir.resolve("no-seeds").toString(), "--quiet", "-s", "politeness.minDelayMs=0", "-s", "politeness.robotsUnavailableMaxMs=0"));
    args.addAll(List.of(extra));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute(args.toArray(String[]::new));
      return new Run(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  /** An unfinished crawl's store, as a crawl with {@code overrides} would have left it after SIGTERM. */
  private void unfinishedStore(Path dir, String... overrides) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of("politeness.robotsUnavailableMaxMs=0"));
    all.addAll(List.of(overrides));
    JsonObject config = ConfigLoader.fromJson("{}", "x", all).effective();
    SqliteFrontierStore store = new SqliteFrontierStore(vertx, dir, config, false, 0);
    store.open().compose(o -> store.close(FinishReason.SHUTDOWN, new JsonObject())).toCompletionStage().toCompletableFuture()
        .get();
  }

  @Test
  void aCorruptDatabaseIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
    byte[] garbage = "this is not a database at all, just some text that happens to be here".repeat(100)
        .getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(SqliteFrontierStore.DB_FILE), garbage);
    Run run = crawl(dir);
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("not a readable crawl database"), run.err());
    assertArrayEquals(garbage, Files.readAllBytes(dir.resolve(SqliteFrontierStore.DB_FILE)), "touched nothing");
  }

  @Test
  void aTruncatedDatabaseIsRefused(@TempDir Path dir) throws Exception {
    unfinishedStore(dir, "politeness.minDelayMs=0");
    Path db = dir.resolve(SqliteFrontierStore.DB_FILE);
    byte[] whole = Files.readAllBytes(db);
    Files.write(db, java.util.Arrays.copyOf(whole, 1500));
    Run run = crawl(dir);
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("not a readable crawl database"), run.err());
  }

  @Test
  void aDatabaseFromAnotherSchemaVersionIsRefused(@TempDir Path dir) throws Exception {
    unfinishedStore(dir, "politeness.minDelayMs=0");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteFrontierStore.DB_FILE));
        Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    Run run = crawl(dir);
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("schema version 99, this build reads " + SqliteFrontierStore.SCHEMA_VERSION), run.err());
  }

  @Test
  void aDirectoryInUseByAnotherCrawlerIsRefused(@TempDir Path dir) throws Exception {
    unfinishedStore(dir, "politeness.minDelayMs=0");
    try (FileChannel channel = FileChannel.open(dir.resolve(SqliteFrontierStore.LOCK_FILE), StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      Run run = crawl(dir);
      assertEquals(2, run.code(), run.err());
      assertTrue(run.err().contains("in use by another crawler"), run.err());
      assertTrue(held.isValid());
    }
  }

  @Test
  void aDifferentConfigIsRefusedNamingTheKeysUnlessAllowed(@TempDir Path dir) throws Exception {
    unfinishedStore(dir, "politeness.minDelayMs=0", "maxDepth=7");
    Run refused = crawl(dir);
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("maxDepth 7 → 3"), refused.err());
    Run allowed = crawl(dir, "--config-changed-ok");
    assertEquals(0, allowed.code(), allowed.err());
  }

  @Test
  void aFinishedCrawlIsRefused(@TempDir Path dir) {
    assertEquals(0, crawl(dir).code());
    Run again = crawl(dir);
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("already finished"), again.err());
  }
}
