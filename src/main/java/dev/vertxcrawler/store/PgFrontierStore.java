package dev.vertxcrawler.store;

import dev.vertxcrawler.config.StoreConfig;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostBudget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The frontier store on PostgreSQL ({@code store.kind=postgres}), through Vert.x's non-blocking client: no JDBC,
 * no worker thread, the event loop never waits. The same contract as crawl.db: a URL is leased (in flight)
 * before its request goes out; a page's completion — the URL's new state, its record, the URLs found on it,
 * its links — commits in one transaction, grouped with the completions that queued meanwhile
 * ({@link PgCompletions}); statements of one transaction are pipelined on its connection.
 *
 * <p>Many nodes share one crawl: each works only on the hosts it holds by lease ({@link PgHostLeases}); its
 * completions are fenced by the lease's epoch. A call that fails for a passing reason (the database restarting)
 * is made again after a backoff ({@link PgRetry}), said once on stderr. Used from one Vert.x context (the crawl's
 * event loop).
 */
public final class PgFrontierStore implements FrontierStore {
  /** URL states, as in crawl.db. */
  static final int QUEUED = UrlTable.State.QUEUED.ordinal();
  static final int IN_FLIGHT = UrlTable.State.IN_FLIGHT.ordinal();

  /** Admits candidates; package-private so that its generic plan is tested (PgFrontierStoreIT). */
  static final String ADMIT = "WITH c AS (SELECT * FROM unnest($2::text[], $3::int[], $4::text[], "
      + "$5::int[], $6::text[], $7::bool[]) WITH ORDINALITY AS c(url, kind, origin, depth, referrer, ok, ord)), "
      + "ins AS (INSERT INTO urls (crawl_id, url_hash, kind, url, origin, depth, referrer, state) "
      + "SELECT $1, md5(url)::uuid, kind, url, origin, depth, referrer, " + QUEUED + " FROM c WHERE ok ORDER BY ord "
      + "ON CONFLICT (crawl_id, url_hash, kind) DO NOTHING RETURNING id, url_hash, kind, origin), "
      // A host with new URLs can be claimed: a new row is ready now; a host at rest (nothing was queued) wakes at
      // its next fetch time. A held host's row is not touched (no lock waits on another node's lease).
      + "new_hosts AS (INSERT INTO hosts (crawl_id, origin) SELECT DISTINCT $1::bigint, origin FROM ins ORDER BY origin "
      + "ON CONFLICT (crawl_id, origin) DO NOTHING), "
      // Both lookups below go by a whole key — origin = ANY for the hosts, and a known URL's id by a subquery run per
      // candidate (only when the insert did not return one) — so that even the generic plan a prepared statement
      // settles on while the crawl's tables are small reads a few index entries: as a join, that plan scanned
      // every URL of the crawl by crawl_id on each admission (PgFrontierStoreIT checks the plan).
      + "woken AS (UPDATE hosts h SET ready_at = greatest(now(), h.next_fetch_at) WHERE h.crawl_id = $1 "
      + "AND h.origin = ANY (ARRAY(SELECT DISTINCT origin FROM ins)) AND h.ready_at IS NULL) "
      + "SELECT c.ord, coalesce(ins.id, (SELECT k.id FROM urls k WHERE k.crawl_id = $1 "
      + "AND k.url_hash = md5(c.url)::uuid AND k.kind = c.kind)) AS id, ins.id IS NOT NULL AS inserted FROM c "
      + "LEFT JOIN ins ON ins.url_hash = md5(c.url)::uuid AND ins.kind = c.kind ORDER BY c.ord";
  private static final String LEASE = "UPDATE urls SET state = " + IN_FLIGHT + " WHERE id IN (SELECT id FROM urls "
      + "WHERE crawl_id = $1 AND origin = $2 AND state = " + QUEUED + " ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) "
      + "RETURNING id, url, depth, referrer, kind";
  private static final String LEASE_HELD = "UPDATE urls SET state = " + IN_FLIGHT + " WHERE id IN (SELECT id FROM urls "
      + "WHERE crawl_id = $1 AND origin = $2 AND state = " + QUEUED + " AND EXISTS (SELECT 1 FROM hosts h WHERE "
      + "h.crawl_id = $1 AND h.origin = $2 AND h.lease_owner = $4 AND h.lease_epoch = $5) "
      + "ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id, url, depth, referrer, kind";
  private static final String SAVE_HOST = "INSERT INTO hosts (crawl_id, origin, robots, robots_expires, give_up, "
      + "delay_ms, floor_ms, robots_saved) VALUES ($1, $2, $3, $4, $5, $6, $7, true) ON CONFLICT (crawl_id, origin) "
      + "DO UPDATE SET robots_saved = true, robots = EXCLUDED.robots, robots_expires = EXCLUDED.robots_expires, give_up = EXCLUDED.give_up, "
      + "delay_ms = EXCLUDED.delay_ms, floor_ms = EXCLUDED.floor_ms";
  private static final String HOST_COLUMNS = "origin, robots, robots_expires, give_up, delay_ms, floor_ms";
  private static final int PAGE_BATCH = 1_000;
  private static final String REQUEUE_UNHELD = "UPDATE urls SET state = " + QUEUED + " WHERE crawl_id = $1 AND state = "
      + IN_FLIGHT + " AND NOT EXISTS (SELECT 1 FROM hosts h WHERE h.crawl_id = $1 AND h.origin = urls.origin "
      + "AND h.lease_until > now())";

  private final Vertx vertx;
  private final StoreConfig storeConfig;
  private final String crawlName;
  private final String node;
  private final JsonObject config;
  private final boolean configChangedOk;
  private final HostBudget budget;
  private final String where;
  private final String runId = java.util.UUID.randomUUID().toString();
  private Pool pool;
  private PgRetry retry;
  private PgHostLeases leases;
  private boolean open;
  private long crawlId;
  private PgCompletions completions;

  /**
   * @param crawlName the crawl's name in the database ({@link StoreConfig#crawlName})
   * @param node      this node's name, recorded with each of its pages
   * @param config    the crawl's effective config; a node with a different one is refused unless
   *                  {@code configChangedOk}
   */
  public PgFrontierStore(Vertx vertx, StoreConfig storeConfig, String crawlName, String node, JsonObject config,
      boolean configChangedOk, int maxPagesPerHost) {
    this.vertx = vertx;
    this.storeConfig = storeConfig;
    this.crawlName = crawlName;
    this.node = node;
    this.config = config;
    this.configChangedOk = configChangedOk;
    this.budget = new HostBudget(maxPagesPerHost);
    this.where = PgConnect.where(storeConfig);
  }

  @Override
  public Future<Opened> open() {
    PgConnectOptions options;
    try {
      options = PgConnect.options(storeConfig, System::getenv);
    } catch (StoreException e) {
      return Future.failedFuture(e);
    }
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options).using(vertx).build();
    return pool.withTransaction(conn -> PgSchema.migrate(conn, where).compose(v -> joinCrawl(conn)))
        .compose(resumed -> pool.withTransaction(conn -> opened(conn, resumed)))
        .onSuccess(opened -> {
          open = true;
          retry = new PgRetry(vertx, () -> open,
              err -> System.err.println("vertx-crawler: " + where + " unreachable (" + PgConnect.explain(err, where)
                  .getMessage() + "): no new hosts are taken, results are kept; retrying"),
              () -> System.err.println("vertx-crawler: " + where + " reachable again: carrying on"));
          leases = new PgHostLeases(vertx, pool, retry, crawlId, node, runId, storeConfig.leaseMs());
          leases.start();
          completions = new PgCompletions(pool, retry, crawlId, node, runId, this::admitIn);
        })
        .recover(err -> closePool().transform(v -> Future.failedFuture(PgConnect.explain(err, where))));
  }

  @Override
  public Optional<dev.vertxcrawler.frontier.HostLeases> hostLeases() {
    return Optional.ofNullable(leases);
  }

  /** Whether the database is being retried (unreachable) now, for the status view. */
  public boolean unreachable() {
    return retry != null && retry.troubled();
  }

  /** Creates the crawl, or joins it after checking it is not finished and runs with the same config. */
  private Future<Boolean> joinCrawl(SqlConnection conn) {
    return conn.preparedQuery("INSERT INTO crawls (name, config) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING "
            + "RETURNING id").execute(Tuple.of(crawlName, config))
        .compose(inserted -> {
          if (inserted.size() > 0) {
            crawlId = inserted.iterator().next().getLong("id");
            return Future.succeededFuture(false);
          }
          return conn.preparedQuery("SELECT id, config, finish_reason, finished_at IS NOT NULL AS done, summary "
              + "FROM crawls WHERE name = $1").execute(Tuple.of(crawlName)).compose(rows -> {
                Row row = rows.iterator().next();
                crawlId = row.getLong("id");
                if (row.getBoolean("done")) {
                  JsonObject summary = row.getJsonObject("summary") == null ? new JsonObject()
                      : row.getJsonObject("summary");
                  summary.put("finishReason", row.getString("finish_reason"));
                  return Future.failedFuture(new CrawlAlreadyFinished(where + ": crawl '" + crawlName + "'", summary));
                }
                List<String> differing = ResumeCheck.differingKeys(row.getJsonObject("config"), config);
                if (!differing.isEmpty() && !configChangedOk) {
                  return Future.failedFuture(new StoreException(where + ": crawl '" + crawlName + "' runs with a "
                      + "different config (" + String.join(", ", differing) + ") — start this node with the same "
                      + "config, or add --config-changed-ok to record this one"));
                }
                Future<?> recorded = differing.isEmpty() ? Future.succeededFuture()
                    : conn.preparedQuery("UPDATE crawls SET config = $2 WHERE id = $1")
                        .execute(Tuple.of(crawlId, config));
                return recorded.map(true);
              });
        });
  }

  private Future<Opened> opened(SqlConnection conn, boolean resumed) {
    // URLs left in flight by a node that stopped: those of hosts no live lease holds (a live node's are its own).
    Future<Long> requeued = resumed ? conn.preparedQuery(REQUEUE_UNHELD).execute(Tuple.of(crawlId))
        .map(r -> (long) r.rowCount()) : Future.succeededFuture(0L);
    return requeued.compose(n -> Future.all(
            countsPerOrigin(conn, "state = " + QUEUED),
            budget.limited() ? countsPerOrigin(conn, "kind = " + CrawlTask.Kind.PAGE.ordinal()) // a scan: only then
                : Future.succeededFuture(Map.<String, Long>of()),
            conn.preparedQuery("SELECT count(*) AS n FROM urls WHERE crawl_id = $1 AND state > " + IN_FLIGHT)
                .execute(Tuple.of(crawlId)),
            conn.preparedQuery("SELECT " + HOST_COLUMNS + " FROM hosts WHERE crawl_id = $1 AND delay_ms >= 0")
                .execute(Tuple.of(crawlId)),
            conn.preparedQuery("SELECT coalesce((SELECT counters FROM nodes WHERE crawl_id = $1 AND node = $2), '{}') "
                + "AS counters").execute(Tuple.of(crawlId, node)),
            conn.preparedQuery("SELECT DISTINCT origin FROM urls WHERE crawl_id = $1 AND depth = 0 AND referrer IS NULL")
                .execute(Tuple.of(crawlId)))
        .map(all -> {
          Map<String, Long> queuedPerOrigin = all.resultAt(0);
          budget.restore(all.resultAt(1));
          long done = ((RowSet<Row>) all.resultAt(2)).iterator().next().getLong("n");
          Map<String, HostSnapshot> hosts = new HashMap<>();
          for (Row row : (RowSet<Row>) all.resultAt(3)) {
            HostSnapshot host = host(row);
            hosts.put(host.origin(), host);
          }
          JsonObject counters = ((RowSet<Row>) all.resultAt(4)).iterator().next().getJsonObject("counters");
          List<String> seeds = new ArrayList<>();
          for (Row row : (RowSet<Row>) all.resultAt(5)) {
            seeds.add(row.getString("origin"));
          }
          long queued = queuedPerOrigin.values().stream().mapToLong(Long::longValue).sum();
          return new Opened(resumed, queued, done, n, queuedPerOrigin, hosts, counters, seeds);
        }));
  }

  private Future<Map<String, Long>> countsPerOrigin(SqlClient client, String where) {
    return client.preparedQuery("SELECT origin, count(*) AS n FROM urls WHERE crawl_id = $1 AND " + where
        + " GROUP BY origin").execute(Tuple.of(crawlId)).map(rows -> {
          Map<String, Long> counts = new HashMap<>();
          rows.forEach(row -> counts.put(row.getString("origin"), row.getLong("n")));
          return counts;
        });
  }

  @Override
  public Future<Admitted> admit(List<CrawlTask> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(Admitted.NONE);
    }
    return retry.call(() -> admitIn(pool, candidates)).map(v -> v.admitted(0, candidates.size()));
  }

  /** What admission decided for each candidate, in order: new, duplicate (with the stored id) or over budget. */
  record Verdicts(List<CrawlTask> candidates, long[] ids, boolean[] fresh) {
    /** The answer for candidates {@code from} (inclusive) to {@code to}. */
    Admitted admitted(int from, int to) {
      Map<String, Long> queued = new LinkedHashMap<>();
      long duplicates = 0;
      long overBudget = 0;
      for (int i = from; i < to; i++) {
        if (fresh[i]) {
          queued.merge(candidates.get(i).origin(), 1L, Long::sum);
        } else if (ids[i] >= 0) {
          duplicates++;
        } else {
          overBudget++;
        }
      }
      return new Admitted(queued, duplicates, overBudget);
    }

    /** The ids of candidates {@code from} to {@code to} that have one (new or stored), for a links row. */
    List<Long> linkIds(int from, int to) {
      List<Long> linked = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        if (ids[i] >= 0) {
          linked.add(ids[i]);
        }
      }
      return linked;
    }
  }

  /** Dedup against the crawl's URLs and the per-host budget, then queue what is new: one statement. */
  Future<Verdicts> admitIn(SqlClient client, List<CrawlTask> candidates) {
    // The same URL twice in one statement is inserted once: the first is new, a repeat is its duplicate.
    Map<String, Integer> firstIndex = new HashMap<>();
    List<CrawlTask> distinct = new ArrayList<>();
    int[] slot = new int[candidates.size()];
    boolean[] repeat = new boolean[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      CrawlTask c = candidates.get(i);
      Integer first = firstIndex.putIfAbsent(c.kind().ordinal() + c.url(), distinct.size());
      slot[i] = first == null ? distinct.size() : first;
      repeat[i] = first != null;
      if (first == null) {
        distinct.add(c);
      }
    }
    int n = distinct.size();
    String[] urls = new String[n];
    Integer[] kinds = new Integer[n];
    String[] origins = new String[n];
    Integer[] depths = new Integer[n];
    String[] referrers = new String[n];
    Boolean[] ok = new Boolean[n];
    for (int i = 0; i < n; i++) {
      CrawlTask c = distinct.get(i);
      urls[i] = c.url();
      kinds[i] = c.kind().ordinal();
      origins[i] = c.origin();
      depths[i] = c.depth();
      referrers[i] = c.referrer();
      ok[i] = !budget.isFull(c);
      if (ok[i]) {
        budget.admitted(c); // reserved now, so that admissions in flight together cannot overspend it
      }
    }
    long[] distinctIds = new long[n];
    boolean[] inserted = new boolean[n];
    return client.preparedQuery(ADMIT)
        .execute(Tuple.tuple().addValue(crawlId).addValue(urls).addValue(kinds).addValue(origins).addValue(depths)
            .addValue(referrers).addValue(ok))
        .compose(rows -> {
          List<Integer> unseen = new ArrayList<>();
          for (Row row : rows) {
            int i = (int) (row.getLong("ord") - 1);
            Long id = row.getLong("id");
            distinctIds[i] = id == null ? -1 : id;
            inserted[i] = row.getBoolean("inserted");
            if (ok[i] && !inserted[i]) {
              budget.returned(distinct.get(i)); // a duplicate spends no budget
              if (id == null) {
                unseen.add(i);
              }
            }
          }
          return unseen.isEmpty() ? Future.succeededFuture() : lookUp(client, distinct, unseen, distinctIds);
        })
        .map(v -> {
          long[] ids = new long[candidates.size()];
          boolean[] fresh = new boolean[candidates.size()];
          for (int i = 0; i < candidates.size(); i++) {
            ids[i] = distinctIds[slot[i]];
            fresh[i] = inserted[slot[i]] && !repeat[i];
          }
          return new Verdicts(candidates, ids, fresh);
        });
  }

  /**
   * URLs another transaction inserted while the admission ran: its insert waited for that one's commit and did
   * nothing, but the statement's snapshot, taken before, cannot see the row. A new statement can. Without it such a
   * URL would count as over budget, and the link to it would be missing from the page's links.
   */
  private Future<Void> lookUp(SqlClient client, List<CrawlTask> distinct, List<Integer> unseen, long[] ids) {
    String[] urls = new String[unseen.size()];
    Integer[] kinds = new Integer[unseen.size()];
    for (int k = 0; k < unseen.size(); k++) {
      urls[k] = distinct.get(unseen.get(k)).url();
      kinds[k] = distinct.get(unseen.get(k)).kind().ordinal();
    }
    // A subquery per URL, by the whole key, as in ADMIT: a join's generic plan may scan the crawl's URLs.
    return client.preparedQuery("SELECT c.ord, (SELECT k.id FROM urls k WHERE k.crawl_id = $1 AND "
            + "k.url_hash = md5(c.url)::uuid AND k.kind = c.kind) AS id FROM unnest($2::text[], $3::int[]) "
            + "WITH ORDINALITY AS c(url, kind, ord)")
        .execute(Tuple.tuple().addValue(crawlId).addValue(urls).addValue(kinds))
        .map(rows -> {
          for (Row row : rows) {
            Long id = row.getLong("id");
            if (id != null) {
              ids[unseen.get((int) (row.getLong("ord") - 1))] = id;
            }
          }
          return null;
        });
  }

  @Override
  public Future<List<CrawlTask>> lease(String origin, int max) {
    long epoch = leases.epoch(origin);
    if (leases.claiming() && epoch < 0) {
      return Future.succeededFuture(List.of()); // taken over meanwhile: its URLs are the new holder's
    }
    // Under a host lease, only while it is still this node's: a takeover between the two is fenced at commit.
    Future<RowSet<Row>> leased = epoch < 0 ? retry.call(() -> pool.preparedQuery(LEASE).execute(Tuple.of(crawlId,
        origin, max))) : retry.call(() -> pool.preparedQuery(LEASE_HELD).execute(Tuple.of(crawlId, origin, max,
        runId, epoch)));
    return leased.map(rows -> {
      List<CrawlTask> tasks = new ArrayList<>(rows.size());
      for (Row row : rows) {
        tasks.add(new CrawlTask(row.getString("url"), origin, row.getInteger("depth"), row.getString("referrer"), 0,
            CrawlTask.Kind.values()[row.getInteger("kind")], row.getLong("id")));
      }
      tasks.sort(java.util.Comparator.comparingLong(CrawlTask::id)); // RETURNING has no order: oldest first
      return tasks;
    });
  }

  @Override
  public Future<Admitted> complete(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered) {
    if (completions == null) {
      return Future.failedFuture(new IllegalStateException("store not open"));
    }
    long epoch = leases.epoch(task.origin());
    if (leases.claiming() && epoch < 0) {
      return Future.failedFuture(new dev.vertxcrawler.frontier.HostLostException(task.origin()));
    }
    return completions.submit(new PgCompletions.Completion(task, outcome, record, discovered, epoch));
  }

  @Override
  public Future<Void> saveHost(HostSnapshot host) {
    return retry.call(() -> pool.preparedQuery(SAVE_HOST).execute(Tuple.of(crawlId, host.origin(),
            host.robotsRules() == null ? null : Buffer.buffer(host.robotsRules()), host.robotsExpiresAt(),
            host.giveUpReason(), host.delayMs(), host.floorMs())))
        .mapEmpty();
  }

  @Override
  public Future<Optional<HostSnapshot>> loadHost(String origin) {
    return retry.call(() -> pool.preparedQuery("SELECT " + HOST_COLUMNS + " FROM hosts WHERE crawl_id = $1 "
            + "AND origin = $2 AND robots_saved").execute(Tuple.of(crawlId, origin)))
        .map(rows -> rows.size() == 0 ? Optional.<HostSnapshot>empty() : Optional.of(host(rows.iterator().next())));
  }

  private static HostSnapshot host(Row row) {
    Buffer robots = row.getBuffer("robots");
    return new HostSnapshot(row.getString("origin"), robots == null ? null : robots.getBytes(),
        row.getLong("robots_expires"), row.getString("give_up"), row.getLong("delay_ms"), row.getLong("floor_ms"));
  }

  @Override
  public Future<Void> saveCounters(JsonObject counters) {
    // Per node: nodes of one crawl count their own work (the crawl's totals come from its pages).
    return retry.call(() -> pool.preparedQuery("INSERT INTO nodes (crawl_id, node, run_id, counters) VALUES ($1, $2, $3, "
        + "$4) ON CONFLICT (crawl_id, node) DO UPDATE SET counters = EXCLUDED.counters")
        .execute(Tuple.of(crawlId, node, runId, counters))).mapEmpty();
  }

  @Override
  public Future<Optional<JsonObject>> crawlTotals() {
    return retry.call(() -> pool.preparedQuery("SELECT (SELECT count(*) FROM nodes WHERE crawl_id = $1) AS nodes, "
        + "count(*) AS pages, count(*) FILTER (WHERE o = 'fetched') AS fetched, "
        + "count(*) FILTER (WHERE o = 'failed') AS failed, count(*) FILTER (WHERE o = 'skipped') AS skipped "
        + "FROM (SELECT record::jsonb->>'outcome' AS o FROM pages WHERE crawl_id = $1) p").execute(Tuple.of(crawlId)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return Optional.of(new JsonObject().put("name", crawlName).put("nodes", row.getLong("nodes"))
              .put("pages", row.getLong("pages")).put("fetched", row.getLong("fetched"))
              .put("failed", row.getLong("failed")).put("skipped", row.getLong("skipped"))
              .put("leasesLost", leases.lostCount()));
        });
  }

  @Override
  public Future<Void> close(FinishReason reason, JsonObject summary) {
    if (pool == null) {
      return Future.succeededFuture();
    }
    Future<Void> drained = completions == null ? Future.succeededFuture() : completions.drained();
    if (leases != null) {
      leases.stop();
      drained = drained.compose(v -> leases.releaseAll(0)).compose(v -> leases.lastHeartbeat());
    }
    return drained.compose(v -> pool.withTransaction(conn -> conn.preparedQuery(REQUEUE_UNHELD)
                .execute(Tuple.of(crawlId))
            .compose(r -> conn.preparedQuery("UPDATE crawls SET finish_reason = $2, summary = $3, "
                + "finished_at = CASE WHEN $4 THEN now() END WHERE id = $1")
                .execute(Tuple.of(crawlId, reason.key(), summary, reason.isFinal())))))
        .<Void>mapEmpty()
        .eventually(() -> {
          open = false;
          return closePool();
        });
  }

  @Override
  public Future<Void> forEachPage(Consumer<JsonObject> consumer) {
    return pagesAfter(0, consumer);
  }

  /** Pages in commit order, a batch at a time: no transaction held open over a large crawl. */
  private Future<Void> pagesAfter(long seq, Consumer<JsonObject> consumer) {
    // This node's pages: its pages.jsonl and its share of the totals (the crawl's are the sum over its nodes).
    return pool.preparedQuery("SELECT seq, record FROM pages WHERE crawl_id = $1 AND node = $2 AND seq > $3 "
        + "ORDER BY seq LIMIT " + PAGE_BATCH).execute(Tuple.of(crawlId, node, seq)).compose(rows -> {
          long last = seq;
          for (Row row : rows) {
            consumer.accept(new JsonObject(row.getString("record")));
            last = row.getLong("seq");
          }
          return rows.size() < PAGE_BATCH ? Future.succeededFuture() : pagesAfter(last, consumer);
        });
  }

  private Future<Void> closePool() {
    List<Future<Void>> closing = new ArrayList<>();
    if (pool != null) {
      closing.add(pool.close());
      pool = null;
    }
    return Future.join(closing).transform(ar -> Future.succeededFuture());
  }
}
