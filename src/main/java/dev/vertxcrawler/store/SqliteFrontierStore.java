package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FrontierStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * The embedded frontier store: {@code DIR/crawl.db}, SQLite through sqlite-jdbc in WAL mode. Every call runs
 * on one ordered worker thread — never on the event loop. A page's completion (the URL's new state, its page
 * record, the URLs found on it and its links) is committed atomically, together with the other completions
 * that queued up meanwhile (group commit).
 *
 * <p>Durability: a URL is leased (state in-flight) before its request is sent; on open, in-flight URLs go
 * back to queued, so a crash re-fetches at most what was in flight and loses nothing. A lock file keeps a
 * second crawler off the same directory.
 */
public final class SqliteFrontierStore implements FrontierStore {
  public static final String DB_FILE = "crawl.db";
  public static final String LOCK_FILE = "crawl.lock";
  public static final int SCHEMA_VERSION = 3;
  /** pages column → the page record's key it is computed from. */
  private static final Map<String, String> PAGE_COLUMNS = PageField.STORED.stream()
      .collect(Collectors.toMap(PageField::column, PageField::json, (a, b) -> a, LinkedHashMap::new));

  /**
   * For readers of a whole crawl (reports): a temporary table named {@code pages}, which shadows the stored one
   * on that connection, with every report column extracted from the records once — a dozen report queries then
   * read plain columns instead of each parsing every record's JSON again.
   */
  public static final String PAGES_SNAPSHOT = "CREATE TEMP TABLE pages AS SELECT seq, url_id, "
      + String.join(", ", PAGE_COLUMNS.keySet()) + ", " + PageField.LOCATION.extract() + " AS "
      + PageField.LOCATION.column() + ", " + PageField.CHANGED.extract() + " AS " + PageField.CHANGED.column()
      + " FROM main.pages";

  private static final int QUEUED = 0;
  private static final int IN_FLIGHT = 1;
  private static final int DONE = 2;
  private static final int FAILED = 3;
  private static final int SKIPPED = 4;

  private final Vertx vertx;
  private final Path dir;
  private final JsonObject config;
  private final boolean configChangedOk;
  private final int maxPagesPerHost;
  private final WorkerExecutor executor;
  private final Map<String, Long> pagesPerOrigin = new HashMap<>(); // store thread only
  /**
   * Ids of recently seen URLs (store thread only): pages of one site repeat the same navigation links, and
   * a hit spares a query. Bounded, so memory does not grow with the frontier.
   */
  private final Map<String, Long> recentIds = new java.util.LinkedHashMap<>(1 << 16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > RECENT_IDS;
    }
  };
  private static final int RECENT_IDS = 50_000;
  private Connection db;
  private volatile boolean closing; // event loop: no call is queued behind close()
  private FileChannel lockChannel;
  private FileLock lock;
  private PreparedStatement findUrl;
  private PreparedStatement insertUrl;
  private PreparedStatement setState;
  private PreparedStatement insertPage;
  private PreparedStatement insertLinks;

  /**
   * @param config the crawl's effective config (every key); a resume with a different one is refused
   *               unless {@code configChangedOk}
   */
  public SqliteFrontierStore(Vertx vertx, Path dir, JsonObject config, boolean configChangedOk, int maxPagesPerHost) {
    this.vertx = vertx;
    this.dir = dir;
    this.config = config;
    this.configChangedOk = configChangedOk;
    this.maxPagesPerHost = maxPagesPerHost;
    this.executor = vertx.createSharedWorkerExecutor("crawl-store-" + dir.toAbsolutePath(), 1);
  }

  private <T> Future<T> onStoreThread(Callable<T> work) {
    if (closing) {
      return Future.failedFuture(new StoreException(dir + ": the crawl store is closed"));
    }
    return executor.executeBlocking(work, true);
  }

  @Override
  public Future<Opened> open() {
    return onStoreThread(this::openBlocking);
  }

  private Opened openBlocking() throws Exception {
    Files.createDirectories(dir);
    lockDirectory();
    Path file = dir.resolve(DB_FILE);
    boolean existed = Files.exists(file) && Files.size(file) > 0;
    try {
      // Ids come from RETURNING; with generated keys on, sqlite-jdbc runs a regex and a "SELECT
      // last_insert_rowid()" after every INSERT (1 % of a throughput crawl's CPU).
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setGetGeneratedKeys(false);
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), sqlite.toProperties());
      try (Statement st = db.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
        st.execute("PRAGMA busy_timeout=2000");
      }
      if (existed) {
        checkExisting(file);
      } else {
        createSchema();
      }
    } catch (SQLException e) {
      closeQuietly();
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("NOTADB") || msg.contains("not a database") || msg.contains("CORRUPT")
          || msg.contains("malformed")) {
        throw new StoreException(file + ": not a readable crawl database (corrupt or truncated?) — "
            + "choose another --out; nothing was changed", e);
      }
      if (msg.contains("BUSY") || msg.contains("locked")) {
        throw new StoreException(file + ": locked by another process — is another crawler using " + dir + "?", e);
      }
      throw e;
    } catch (StoreException e) {
      closeQuietly();
      throw e;
    }
    prepare();
    long requeued = existed ? requeueInFlight() : 0;
    Map<String, Long> queuedPerOrigin = new TreeMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT origin, count(*) FROM urls WHERE state = 0 GROUP BY origin")) {
      while (rs.next()) {
        queuedPerOrigin.put(rs.getString(1), rs.getLong(2));
      }
    }
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT origin, count(*) FROM urls WHERE kind = 0 GROUP BY origin")) {
      while (rs.next()) {
        pagesPerOrigin.put(rs.getString(1), rs.getLong(2));
      }
    }
    long queued = queuedPerOrigin.values().stream().mapToLong(Long::longValue).sum();
    long done = scalar("SELECT count(*) FROM urls WHERE state >= 2");
    List<String> seedOrigins = new ArrayList<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT DISTINCT origin FROM urls WHERE depth = 0 AND referrer IS NULL")) {
      while (rs.next()) {
        seedOrigins.add(rs.getString(1));
      }
    }
    return new Opened(existed, queued, done, requeued, queuedPerOrigin, loadHosts(), counters(), seedOrigins);
  }

  private void lockDirectory() throws IOException {
    lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new StoreException(dir + " is in use by another crawler (" + LOCK_FILE + " is locked) — "
          + "wait for it to stop or choose another --out");
    }
  }

  private void createSchema() throws SQLException {
    try (Statement st = db.createStatement()) {
      db.setAutoCommit(false);
      st.execute("CREATE TABLE crawl (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      st.execute("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT NOT NULL, kind INTEGER NOT NULL, "
          + "origin TEXT NOT NULL, depth INTEGER NOT NULL, referrer TEXT, state INTEGER NOT NULL, "
          + "UNIQUE (url, kind))");
      // Only queued URLs are indexed for leasing: a URL leaves the index once leased, and its later state
      // changes (done, failed) touch no index at all.
      st.execute("CREATE INDEX urls_queue ON urls (origin, id) WHERE state = 0");
      // A page is written as its record alone; the columns the reports query are computed from it on read
      // (virtual generated columns), so a commit binds two values instead of fourteen.
      st.execute("CREATE TABLE pages (seq INTEGER PRIMARY KEY, url_id INTEGER NOT NULL UNIQUE, record TEXT NOT NULL, "
          + PAGE_COLUMNS.entrySet().stream()
              .map(c -> c.getKey() + " GENERATED ALWAYS AS (json_extract(record, '$." + c.getValue() + "')) VIRTUAL")
              .collect(Collectors.joining(", ")) + ")");
      // No secondary index on pages: every report query reads the whole table anyway, and each index would
      // cost a random B-tree write per page during the crawl.
      st.execute(LINKS_TABLE);
      st.execute("CREATE TABLE hosts (origin TEXT PRIMARY KEY, robots BLOB, robots_expires INTEGER, give_up TEXT, "
          + "delay_ms INTEGER, floor_ms INTEGER)");
      st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
      putMeta("config", config.encode());
      putMeta("started", java.time.Instant.now().toString());
      db.commit();
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** One row per page: its links' target ids as varints ({@link PageLinks}), not a row per link. */
  private static final String LINKS_TABLE =
      "CREATE TABLE links (from_id INTEGER PRIMARY KEY, n INTEGER NOT NULL, to_ids BLOB NOT NULL)";

  private void checkExisting(Path file) throws SQLException {
    long version = scalar("PRAGMA user_version");
    if (version != SCHEMA_VERSION && version != 2) {
      throw new StoreException(file + ": written with store schema version " + version + ", this build reads "
          + SCHEMA_VERSION + " — use a matching vertx-crawler or choose another --out");
    }
    String finishReason = meta("finishReason");
    if (meta("finished") != null) {
      throw new StoreException(dir + ": that crawl already finished (" + finishReason + ") — choose another --out");
    }
    String stored = meta("config");
    if (stored != null && !configChangedOk) {
      List<String> differing = differingKeys(new JsonObject(stored), config);
      if (!differing.isEmpty()) {
        throw new StoreException(dir + ": the crawl was started with a different config (" + String.join(", ",
            differing) + ") — rerun with the same config, or add --config-changed-ok to resume with this one");
      }
    }
    if (configChangedOk) {
      putMeta("config", config.encode());
    }
    if (version == 2) { // only once every check has passed: a refused directory is left untouched
      migrateLinksFromVersion2();
    }
  }

  /** Version 2 kept a row per link; a crawl started with it resumes after its links are regrouped per page. */
  private void migrateLinksFromVersion2() throws SQLException {
    db.setAutoCommit(false);
    try (Statement st = db.createStatement()) {
      st.execute(LINKS_TABLE.replace("TABLE links", "TABLE links_v3"));
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO links_v3 (from_id, n, to_ids) VALUES (?, ?, ?)");
          ResultSet rs = st.executeQuery("SELECT from_id, to_id FROM links ORDER BY from_id, rowid")) {
        long from = -1;
        List<Long> targets = new ArrayList<>();
        while (true) {
          boolean more = rs.next();
          if ((!more || rs.getLong(1) != from) && !targets.isEmpty()) {
            insert.setLong(1, from);
            insert.setInt(2, targets.size());
            insert.setBytes(3, PageLinks.encode(targets));
            insert.executeUpdate();
            targets.clear();
          }
          if (!more) {
            break;
          }
          from = rs.getLong(1);
          targets.add(rs.getLong(2));
        }
      }
      st.execute("DROP TABLE links");
      st.execute("ALTER TABLE links_v3 RENAME TO links");
      st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** Keys that may change between runs of one crawl: where it writes and how it is watched or stopped. */
  private static final java.util.Set<String> OPERATIONAL = java.util.Set.of("output", "status.port", "status.host",
      "progressIntervalSec", "shutdownGraceMs", "maxDurationSec");

  /**
   * Keys whose values differ, ignoring the operational ones, and keys a newer build added that the crawl's
   * stored config lacks while they hold their default (the crawl ran with that behaviour).
   */
  static List<String> differingKeys(JsonObject before, JsonObject now) {
    JsonObject defaults = dev.vertxcrawler.config.CrawlConfig.defaults().effective();
    List<String> keys = new ArrayList<>();
    java.util.Set<String> all = new java.util.TreeSet<>(before.fieldNames());
    all.addAll(now.fieldNames());
    for (String key : all) {
      String was = io.vertx.core.json.Json.encode(before.containsKey(key) ? before.getValue(key)
          : defaults.getValue(key));
      String is = io.vertx.core.json.Json.encode(now.getValue(key));
      if (!OPERATIONAL.contains(key) && !was.equals(is)) {
        keys.add(key + " " + before.getValue(key) + " → " + now.getValue(key));
      }
    }
    return keys;
  }

  private void prepare() throws SQLException {
    findUrl = db.prepareStatement("SELECT id FROM urls WHERE url = ? AND kind = ?");
    insertUrl = db.prepareStatement("INSERT INTO urls (url, kind, origin, depth, referrer, state) "
        + "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (url, kind) DO NOTHING RETURNING id");
    setState = db.prepareStatement("UPDATE urls SET state = ? WHERE id = ?");
    insertPage = db.prepareStatement("INSERT OR REPLACE INTO pages (url_id, record) VALUES (?, ?)");
    insertLinks = db.prepareStatement("INSERT OR REPLACE INTO links (from_id, n, to_ids) VALUES (?, ?, ?)");
  }

  private long requeueInFlight() throws SQLException {
    try (Statement st = db.createStatement()) {
      return st.executeUpdate("UPDATE urls SET state = 0 WHERE state = 1");
    }
  }

  @Override
  public Future<Admitted> admit(List<CrawlTask> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(Admitted.NONE);
    }
    return onStoreThread(() -> inTransaction(() -> admitBlocking(candidates, null)));
  }

  /** Inserts new URLs; with {@code linkIds}, also collects the id of every candidate (new or not). */
  private Admitted admitBlocking(List<CrawlTask> candidates, List<Long> linkIds) throws SQLException {
    Map<String, Long> queued = new LinkedHashMap<>();
    long duplicates = 0;
    long overBudget = 0;
    for (CrawlTask c : candidates) {
      String key = c.isPage() ? c.url() : c.kind().ordinal() + c.url(); // no concatenation per link
      Long known = recentIds.get(key);
      boolean atBudget = c.isPage() && maxPagesPerHost > 0
          && pagesPerOrigin.getOrDefault(c.origin(), 0L) >= maxPagesPerHost;
      if (known == null && atBudget) {
        known = findId(c); // over budget: only a URL already stored may still be linked to
      }
      if (known == null && !atBudget) {
        Long inserted = insert(c);
        if (inserted != null) {
          recentIds.put(key, inserted);
          if (linkIds != null) {
            linkIds.add(inserted);
          }
          if (c.isPage()) {
            pagesPerOrigin.merge(c.origin(), 1L, Long::sum);
          }
          queued.merge(c.origin(), 1L, Long::sum);
          continue;
        }
        known = findId(c);
      }
      if (known != null) {
        recentIds.put(key, known);
        duplicates++;
        if (linkIds != null) {
          linkIds.add(known);
        }
      } else {
        overBudget++;
      }
    }
    return new Admitted(queued, duplicates, overBudget);
  }

  /** The new row's id, or null when the URL was already stored (one statement either way). */
  private Long insert(CrawlTask c) throws SQLException {
    insertUrl.setString(1, c.url());
    insertUrl.setInt(2, c.kind().ordinal());
    insertUrl.setString(3, c.origin());
    insertUrl.setInt(4, c.depth());
    insertUrl.setString(5, c.referrer());
    try (ResultSet rs = insertUrl.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private Long findId(CrawlTask c) throws SQLException {
    findUrl.setString(1, c.url());
    findUrl.setInt(2, c.kind().ordinal());
    try (ResultSet rs = findUrl.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  @Override
  public Future<List<CrawlTask>> lease(String origin, int max) {
    return onStoreThread(() -> inTransaction(() -> {
      List<CrawlTask> tasks = new ArrayList<>();
      try (PreparedStatement select = db.prepareStatement(
          "SELECT id, url, depth, referrer, kind FROM urls WHERE origin = ? AND state = 0 ORDER BY id LIMIT ?")) {
        select.setString(1, origin);
        select.setInt(2, max);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            tasks.add(new CrawlTask(rs.getString(2), origin, rs.getInt(3), rs.getString(4), 0,
                CrawlTask.Kind.values()[rs.getInt(5)], rs.getLong(1)));
          }
        }
      }
      for (CrawlTask task : tasks) {
        setState.setInt(1, IN_FLIGHT);
        setState.setLong(2, task.id());
        setState.executeUpdate();
      }
      return tasks;
    }));
  }

  /**
   * Group commit: completions that arrive while the store thread is busy wait in {@link #pendingCompletions}
   * and the next drain commits up to {@link #MAX_GROUP} of them in one transaction. Each caller's future still
   * completes only after its own row is committed, so the durability contract is unchanged, but a busy crawl
   * pays one WAL sync and one write of each touched index page per group instead of per page.
   */
  @Override
  public Future<Admitted> complete(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered) {
    if (closing) {
      return Future.failedFuture(new StoreException(dir + ": the crawl store is closed"));
    }
    Promise<Admitted> promise = Promise.promise();
    pendingCompletions.add(new Completion(task, outcome, record, discovered, vertx.getOrCreateContext(), promise));
    if (drainScheduled.compareAndSet(false, true)) {
      onStoreThread(this::commitGroup).onFailure(e -> { // the drain never ran: answer what waits for it
        drainScheduled.set(false);
        Completion waiting;
        while ((waiting = pendingCompletions.poll()) != null) {
          waiting.answer(null, e);
        }
      });
    }
    return promise.future();
  }

  /** One page's completion; its caller is answered on its own context, not on the store thread. */
  private record Completion(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered,
      io.vertx.core.Context caller, Promise<Admitted> promise) {
    void answer(Admitted admitted, Throwable failure) {
      caller.runOnContext(v -> {
        if (failure != null) {
          promise.fail(failure);
        } else {
          promise.complete(admitted);
        }
      });
    }
  }

  private static final int MAX_GROUP = 64;
  private final java.util.concurrent.ConcurrentLinkedQueue<Completion> pendingCompletions =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicBoolean drainScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Store thread: commits what is pending, a group at a time, then answers each caller. */
  private Void commitGroup() {
    drainScheduled.set(false); // from here on a new completion schedules the next drain
    List<Completion> group = new ArrayList<>();
    Completion next;
    while ((next = pendingCompletions.poll()) != null) {
      group.add(next);
      if (group.size() == MAX_GROUP) {
        commit(group);
        group = new ArrayList<>();
      }
    }
    if (!group.isEmpty()) {
      commit(group);
    }
    return null;
  }

  private void commit(List<Completion> group) {
    List<Admitted> results = new ArrayList<>(group.size());
    try {
      inTransaction(() -> {
        for (Completion c : group) {
          results.add(completeBlocking(c));
        }
        return null;
      });
    } catch (Exception e) {
      recentIds.clear(); // it may name rows the rollback removed
      group.forEach(c -> c.answer(null, e));
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).answer(results.get(i), null);
    }
  }

  private Admitted completeBlocking(Completion c) throws SQLException {
    setState.setInt(1, switch (c.outcome()) {
      case DONE -> DONE;
      case FAILED -> FAILED;
      case SKIPPED -> SKIPPED;
    });
    setState.setLong(2, c.task().id());
    setState.executeUpdate();
    if (c.record() != null) {
      insertPage(c.task().id(), c.record());
    }
    List<Long> targets = new ArrayList<>();
    Admitted admitted = c.discovered().isEmpty() ? Admitted.NONE : admitBlocking(c.discovered(), targets);
    if (!targets.isEmpty()) {
      insertLinks.setLong(1, c.task().id());
      insertLinks.setInt(2, targets.size());
      insertLinks.setBytes(3, PageLinks.encode(targets));
      insertLinks.executeUpdate();
    }
    return admitted;
  }

  private void insertPage(long urlId, String record) throws SQLException {
    insertPage.setLong(1, urlId);
    insertPage.setString(2, record);
    insertPage.executeUpdate();
  }

  @Override
  public Future<Void> saveHost(HostSnapshot host) {
    return onStoreThread(() -> {
      try (PreparedStatement st = db.prepareStatement("INSERT OR REPLACE INTO hosts (origin, robots, robots_expires, "
          + "give_up, delay_ms, floor_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
        st.setString(1, host.origin());
        st.setBytes(2, host.robotsRules());
        st.setLong(3, host.robotsExpiresAt());
        st.setString(4, host.giveUpReason());
        st.setLong(5, host.delayMs());
        st.setLong(6, host.floorMs());
        st.executeUpdate();
      }
      return null;
    });
  }

  private Map<String, HostSnapshot> loadHosts() throws SQLException {
    Map<String, HostSnapshot> hosts = new HashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT origin, robots, robots_expires, give_up, delay_ms, floor_ms FROM hosts")) {
      while (rs.next()) {
        hosts.put(rs.getString(1), new HostSnapshot(rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getString(4),
            rs.getLong(5), rs.getLong(6)));
      }
    }
    return hosts;
  }

  @Override
  public Future<Void> saveCounters(JsonObject counters) {
    return onStoreThread(() -> {
      putMeta("counters", counters.encode());
      return null;
    });
  }

  private JsonObject counters() throws SQLException {
    String json = meta("counters");
    return json == null ? new JsonObject() : new JsonObject(json);
  }

  @Override
  public Future<Void> close(String finishReason, JsonObject summary) {
    Future<Void> closed = this.<Void>onStoreThread(() -> {
      if (db == null) {
        return null;
      }
      inTransaction(() -> {
        requeueInFlight();
        putMeta("finishReason", finishReason);
        putMeta("summary", summary.encode());
        if ("finished".equals(finishReason) || "maxPages".equals(finishReason)) {
          putMeta("finished", java.time.Instant.now().toString());
        }
        return null;
      });
      closeQuietly();
      return null;
    });
    closing = true;
    return closed.andThen(ar -> executor.close());
  }

  @Override
  public Future<Void> forEachPage(Consumer<JsonObject> consumer) {
    return onStoreThread(() -> {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT record FROM pages ORDER BY seq")) {
        while (rs.next()) {
          consumer.accept(new JsonObject(rs.getString(1)));
        }
      }
      return null;
    });
  }

  private <T> T inTransaction(Callable<T> work) throws Exception {
    db.setAutoCommit(false);
    try {
      T result = work.call();
      db.commit();
      return result;
    } catch (Exception e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  private void putMeta(String key, String value) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("INSERT OR REPLACE INTO crawl (key, value) VALUES (?, ?)")) {
      st.setString(1, key);
      st.setString(2, value);
      st.executeUpdate();
    }
  }

  private String meta(String key) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("SELECT value FROM crawl WHERE key = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Closes a connection whose work is over (at the end, or after a failed open): an error has nothing to lose. */
  static void close(Connection connection) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // nothing left to save
    }
  }

  private long scalar(String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void closeQuietly() {
    close(db);
    db = null;
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }
}
