package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostBudget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded frontier store: {@code DIR/crawl.db}, SQLite through sqlite-jdbc in WAL mode. Every call runs
 * on one ordered worker thread ({@link StoreThread}) — never on the event loop. A page's completion (the URL's
 * new state, its page record, the URLs found on it and its links) is committed atomically, together with the
 * other completions that queued up meanwhile ({@link GroupCommitter}).
 *
 * <p>Durability: a leased URL stays queued on disk until its completion commits ({@link SqliteLeases} keeps
 * the leases in memory), so a crash re-fetches at most what was leased and loses nothing. A lock file
 * ({@link CrawlDirLock}) keeps a second crawler off the same directory.
 */
public final class SqliteFrontierStore implements FrontierStore {
  public static final String DB_FILE = "crawl.db";
  public static final String LOCK_FILE = CrawlDirLock.FILE;
  public static final int SCHEMA_VERSION = StoreSchema.VERSION;
  /**
   * For readers of a whole crawl (reports): a temporary table named {@code pages}, which shadows the stored one
   * on that connection, with every report column extracted from the records once — a dozen report queries then
   * read plain columns instead of each parsing every record's JSON again.
   */
  public static final String PAGES_SNAPSHOT = StoreSchema.PAGES_SNAPSHOT;

  private final Path dir;
  private final JsonObject config;
  private final boolean configChangedOk;
  private final StoreThread thread;
  private final HostBudget budget; // store thread only: restored on open, then spent by the admitter
  private final GroupCommitter<Completion, Admitted> committer;
  private final SqliteLeases leases = new SqliteLeases(); // store thread only
  // Store thread only: set by open, cleared when the store closes.
  private Connection db;
  private CrawlDirLock lock;
  private UrlTable urls;
  private UrlAdmitter admitter;
  private PageTable pages;
  private HostTable hosts;
  private CrawlMeta meta;

  /** One page's completion, committed with its group. */
  private record Completion(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered) {
  }

  /**
   * @param config the crawl's effective config (every key); a resume with a different one is refused
   *               unless {@code configChangedOk}
   */
  public SqliteFrontierStore(Vertx vertx, Path dir, JsonObject config, boolean configChangedOk, int maxPagesPerHost) {
    this.dir = dir;
    this.config = config;
    this.configChangedOk = configChangedOk;
    this.budget = new HostBudget(maxPagesPerHost);
    this.thread = new StoreThread(vertx, dir);
    this.committer = new GroupCommitter<>(vertx, thread, this::commitGroup);
  }

  @Override
  public Future<Opened> open() {
    return thread.run(this::openBlocking);
  }

  private Opened openBlocking() throws Exception {
    Files.createDirectories(dir);
    lock = CrawlDirLock.acquire(dir);
    Path file = dir.resolve(DB_FILE);
    boolean existed = Files.exists(file) && Files.size(file) > 0;
    try {
      db = Jdbc.openWriter(file);
      meta = new CrawlMeta(db);
      if (existed) {
        long version = StoreSchema.checkVersion(db, file);
        ResumeCheck.check(dir, meta, config, configChangedOk);
        StoreSchema.migrate(db, version); // only once every check has passed: a refused directory is left untouched
      } else {
        Jdbc.inTransaction(db, () -> {
          StoreSchema.create(db);
          meta.started(config);
          return null;
        });
      }
      urls = new UrlTable(db);
      pages = new PageTable(db);
      hosts = new HostTable(db);
    } catch (SQLException e) {
      closeQuietly();
      throw StoreOpenErrors.explain(e, file, dir);
    } catch (Exception e) {
      closeQuietly();
      throw e;
    }
    long requeued = existed ? urls.requeueInFlight() : 0;
    if (budget.limited()) {
      budget.restore(urls.pagesPerOrigin()); // a scan of the crawl's URLs: only when there is a budget
    }
    admitter = new UrlAdmitter(urls, budget);
    Map<String, Long> queuedPerOrigin = urls.queuedPerOrigin();
    long queued = queuedPerOrigin.values().stream().mapToLong(Long::longValue).sum();
    return new Opened(existed, queued, urls.finished(), requeued, queuedPerOrigin, hosts.loadAll(), meta.counters(),
        urls.seedOrigins());
  }

  @Override
  public Future<Admitted> admit(List<CrawlTask> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(Admitted.NONE);
    }
    return thread.run(() -> Jdbc.inTransaction(db, () -> admitter.admit(candidates, null)));
  }

  @Override
  public Future<List<CrawlTask>> lease(String origin, int max) {
    return thread.run(() -> leases.lease(urls, origin, max));
  }

  @Override
  public Future<Admitted> complete(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered) {
    return committer.submit(new Completion(task, outcome, record, discovered));
  }

  /** Store thread: one transaction for the whole group. */
  private List<Admitted> commitGroup(List<Completion> group) throws Exception {
    try {
      List<Admitted> results = Jdbc.inTransaction(db, () -> {
        List<Admitted> admitted = new ArrayList<>(group.size());
        for (Completion c : group) {
          admitted.add(completeBlocking(c));
        }
        return admitted;
      });
      group.forEach(c -> leases.completed(c.task()));
      return results;
    } catch (Exception e) {
      admitter.forget(); // it may name rows the rollback removed
      throw e;
    }
  }

  private Admitted completeBlocking(Completion c) throws SQLException {
    long id = c.task().id();
    urls.setState(id, UrlTable.State.of(c.outcome()));
    if (c.record() != null) {
      pages.insertPage(id, c.record());
    }
    if (c.discovered().isEmpty()) {
      return Admitted.NONE;
    }
    List<Long> targets = new ArrayList<>();
    Admitted admitted = admitter.admit(c.discovered(), targets);
    pages.insertLinks(id, targets);
    return admitted;
  }

  @Override
  public Future<Void> saveHost(HostSnapshot host) {
    return thread.run(() -> {
      hosts.save(host);
      return null;
    });
  }

  @Override
  public Future<Optional<HostSnapshot>> loadHost(String origin) {
    return thread.run(() -> hosts.load(origin)); // on the store thread, after every save queued before it
  }

  @Override
  public Future<Void> saveCounters(JsonObject counters) {
    return thread.run(() -> {
      meta.saveCounters(counters);
      return null;
    });
  }

  @Override
  public Future<Void> close(FinishReason reason, JsonObject summary) {
    return thread.closeAfter(thread.run(() -> {
      if (db == null) {
        return null;
      }
      Jdbc.inTransaction(db, () -> {
        urls.requeueInFlight();
        meta.stopped(reason, summary);
        return null;
      });
      closeQuietly();
      return null;
    }));
  }

  @Override
  public Future<Void> forEachPage(Consumer<JsonObject> consumer) {
    return thread.run(() -> {
      pages.forEach(consumer);
      return null;
    });
  }

  /** See {@link ResumeCheck#differingKeys}; kept here for the store's tests. */
  static List<String> differingKeys(JsonObject before, JsonObject now) {
    return ResumeCheck.differingKeys(before, now);
  }

  private void closeQuietly() {
    Jdbc.close(db);
    db = null;
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
