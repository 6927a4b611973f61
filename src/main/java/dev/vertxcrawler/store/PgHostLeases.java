package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.HostLeases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Host leases in the {@code hosts} table. A host is claimed when its {@code ready_at} has passed by the database's
 * clock ({@code FOR UPDATE SKIP LOCKED}: two nodes never wait on or take the same row); while held its
 * {@code ready_at} is the lease's end, so a node that dies frees its hosts when their leases run out, and the
 * taker queues again the URLs left in flight. Each claim bumps the host's epoch: a completion commits only under
 * the epoch it was leased with ({@link PgCompletions}), so a node that was paused past its lease records nothing.
 * Leases are renewed every {@code leaseMs / 4}; a renewal that does not return a host says it was taken over.
 * Event-loop only.
 */
final class PgHostLeases implements HostLeases {
  /** Claims count at most this many queued URLs per host: enough to size windows, cheap on a huge host. */
  static final int COUNT_CAP = 10_000;

  // A claimed host whose lease_owner is still set was held by a node whose lease ran out: a takeover.
  private static final String CLAIM = "WITH c AS (SELECT origin, lease_owner AS was_owner FROM hosts WHERE crawl_id = $1 "
      + "AND ready_at <= now() ORDER BY ready_at LIMIT $3 FOR UPDATE SKIP LOCKED) "
      + "UPDATE hosts h SET lease_owner = $2, lease_epoch = h.lease_epoch + 1, "
      + "lease_until = now() + $4 * interval '1 millisecond', ready_at = now() + $4 * interval '1 millisecond' "
      + "FROM c WHERE h.crawl_id = $1 AND h.origin = c.origin "
      + "RETURNING h.origin, h.lease_epoch, h.delay_ms, h.floor_ms, c.was_owner IS NOT NULL AS taken_over, "
      + "greatest(0, ceil(extract(epoch FROM h.next_fetch_at - now()) * 1000))::bigint AS wait_ms";
  private static final String REQUEUE_TAKEN = "UPDATE urls SET state = " + PgFrontierStore.QUEUED
      + " WHERE crawl_id = $1 AND state = " + PgFrontierStore.IN_FLIGHT + " AND origin = ANY($2)";
  private static final String COUNT_QUEUED = "SELECT o.origin, (SELECT count(*) FROM (SELECT 1 FROM urls u "
      + "WHERE u.crawl_id = $1 AND u.origin = o.origin AND u.state = " + PgFrontierStore.QUEUED + " LIMIT "
      + COUNT_CAP + ") x) AS n FROM unnest($2::text[]) AS o(origin)";
  // Each an ordered LIMIT 1 along its partial index: the first entry, however many rows the crawl has (a bare
  // EXISTS may be planned as a scan of the table when the statistics say the rows are common).
  private static final String LEFT = "SELECT "
      + "(SELECT 1 FROM urls WHERE crawl_id = $1 AND state = " + PgFrontierStore.QUEUED
      + " ORDER BY origin, id LIMIT 1) IS NOT NULL AS queued, "
      + "(SELECT 1 FROM urls WHERE crawl_id = $1 AND state = " + PgFrontierStore.IN_FLIGHT
      + " ORDER BY origin LIMIT 1) IS NOT NULL AS in_flight, "
      + "(SELECT 1 FROM hosts WHERE crawl_id = $1 AND ready_at IS NOT NULL ORDER BY ready_at LIMIT 1) IS NOT NULL "
      + "AS pending";
  // A host released just as another node queued a URL for it can be left at rest with work: found here, when
  // nothing else is pending. The one query that scans hosts at rest; it runs only then.
  private static final String WAKE_STRANDED = "UPDATE hosts h SET ready_at = now() WHERE h.crawl_id = $1 "
      + "AND h.ready_at IS NULL AND EXISTS (SELECT 1 FROM urls u WHERE u.crawl_id = $1 AND u.origin = h.origin "
      + "AND u.state <= " + PgFrontierStore.IN_FLIGHT + ")";
  private static final String RELEASE = "WITH mine AS (SELECT origin FROM hosts WHERE crawl_id = $1 AND origin = $2 "
      + "AND lease_owner = $3 AND lease_epoch = $4 FOR UPDATE), "
      + "rq AS (UPDATE urls SET state = " + PgFrontierStore.QUEUED + " WHERE crawl_id = $1 AND origin = $2 AND state = "
      + PgFrontierStore.IN_FLIGHT + " AND EXISTS (SELECT 1 FROM mine) RETURNING 1) "
      // A node that stops releases its hosts without their delay state (-1): what was saved stays for the next.
      + "UPDATE hosts SET lease_owner = NULL, lease_until = NULL, "
      + "delay_ms = CASE WHEN $6 >= 0 THEN $6 ELSE delay_ms END, floor_ms = CASE WHEN $7 >= 0 THEN $7 ELSE floor_ms END, "
      + "next_fetch_at = now() + $5 * interval '1 millisecond', "
      + "ready_at = CASE WHEN EXISTS (SELECT 1 FROM rq) OR EXISTS (SELECT 1 FROM urls WHERE crawl_id = $1 "
      + "AND origin = $2 AND state = " + PgFrontierStore.QUEUED + ") THEN now() + $5 * interval '1 millisecond' END "
      + "WHERE crawl_id = $1 AND origin IN (SELECT origin FROM mine)";
  private static final String RENEW = "UPDATE hosts SET lease_until = now() + $3 * interval '1 millisecond', "
      + "ready_at = now() + $3 * interval '1 millisecond' WHERE crawl_id = $1 AND lease_owner = $2 RETURNING origin";
  private static final String HEARTBEAT = "INSERT INTO nodes (crawl_id, node, run_id, status) VALUES ($1, $2, $3, $4) "
      + "ON CONFLICT (crawl_id, node) DO UPDATE SET run_id = EXCLUDED.run_id, seen_at = now(), status = EXCLUDED.status";

  /** The crawl on every live node, from their heartbeats (a node is live when seen within a lease). */
  private static final String CRAWL_STATUS = "SELECT count(*) AS nodes, "
      + "coalesce(sum((status->'pages'->>'fetched')::bigint), 0) AS fetched, "
      + "coalesce(sum((status->'pages'->>'failed')::bigint), 0) AS failed, "
      + "coalesce(sum((status->'pages'->>'skipped')::bigint), 0) AS skipped, "
      + "coalesce(sum((status->>'hostsHeld')::bigint), 0) AS held, "
      + "count(*) FILTER (WHERE coalesce(status->>'state', 'running') = 'running') AS running, "
      + "(SELECT count(*) FROM hosts WHERE crawl_id = $1 AND ready_at IS NOT NULL) AS with_work "
      + "FROM nodes WHERE crawl_id = $1 AND seen_at > now() - $2 * interval '1 millisecond'";

  /** A held host: the epoch of its lease, and when (monotonic ms) this node learnt it holds it. */
  private record Held(long epoch, long claimedAt) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final PgRetry retry;
  private final long crawlId;
  private final String node;
  private final String runId;
  private final int leaseMs;
  private Supplier<JsonObject> status;
  private JsonObject crawl = new JsonObject();
  private final Map<String, Held> held = new HashMap<>();
  private Consumer<String> onLost = origin -> { };
  private Runnable onLive = () -> { };
  private long renewedSentAt;
  private long timer = -1;
  private long lostCount;
  private long takenOverCount;
  private long running; // nodes of the crawl running, and its hosts with work, at the last heartbeat
  private long withWork;
  private boolean claiming;

  /**
   * @param runId  this run's lease owner: unique per process, so that a node restarted under the same name does not
   *               mistake its earlier run's leases for its own
   */
  PgHostLeases(Vertx vertx, Pool pool, PgRetry retry, long crawlId, String node, String runId, int leaseMs) {
    this.vertx = vertx;
    this.pool = pool;
    this.retry = retry;
    this.crawlId = crawlId;
    this.node = node;
    this.runId = runId;
    this.leaseMs = leaseMs;
    this.status = JsonObject::new;
    this.renewedSentAt = now();
  }

  /** Starts renewing every leaseMs / 4. */
  void start() {
    timer = vertx.setPeriodic(Math.max(1, leaseMs / 4), id -> renew());
    renew();
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  String runId() {
    return runId;
  }

  long lostCount() {
    return lostCount;
  }

  /** The epoch {@code origin} is held under, or -1 when this node does not hold it. */
  long epoch(String origin) {
    Held h = held.get(origin);
    return h == null ? -1 : h.epoch();
  }

  /** Hosts held now, for the status view. */
  Set<String> heldOrigins() {
    return new HashSet<>(held.keySet());
  }

  /** Whether this node works by claims (a crawl), so that a host it does not hold is not its to touch. */
  boolean claiming() {
    return claiming;
  }

  @Override
  public Future<Claims> claim(int max) {
    claiming = true;
    return retry.call(() -> pool.withTransaction(conn -> claimIn(conn, max)).map(this::hold));
  }

  /** A host a claim took, with the epoch it is held under. */
  private record Won(Claimed host, long epoch, boolean takenOver) {
  }

  /** What a claim found in its transaction: the hosts it took, or none and whether the crawl is over. */
  private record ClaimAnswer(List<Won> won, boolean finished) {
  }

  /**
   * The claimed hosts count as held from when the claim committed, not before: a renewal sent before the commit
   * does not see them as this node's, and must not be taken to say they were lost (see {@link #renew}).
   */
  private Claims hold(ClaimAnswer claimed) {
    long at = now();
    List<Claimed> hosts = new ArrayList<>(claimed.won().size());
    for (Won won : claimed.won()) {
      held.put(won.host().origin(), new Held(won.epoch(), at));
      if (won.takenOver()) {
        takenOverCount++;
      }
      hosts.add(won.host());
    }
    return new Claims(hosts, claimed.finished());
  }

  private Future<ClaimAnswer> claimIn(SqlConnection conn, int max) {
    return conn.preparedQuery(CLAIM).execute(Tuple.of(crawlId, runId, max, leaseMs)).compose(rows -> {
      if (rows.size() == 0) {
        return left(conn).map(finished -> new ClaimAnswer(List.of(), finished));
      }
      Map<String, Row> claimed = new HashMap<>();
      rows.forEach(row -> claimed.put(row.getString("origin"), row));
      String[] origins = claimed.keySet().toArray(String[]::new);
      return conn.preparedQuery(REQUEUE_TAKEN).execute(Tuple.tuple().addValue(crawlId).addValue(origins))
          .compose(r -> conn.preparedQuery(COUNT_QUEUED).execute(Tuple.tuple().addValue(crawlId).addValue(origins)))
          .map(counts -> {
            List<Won> won = new ArrayList<>();
            for (Row count : counts) {
              Row row = claimed.get(count.getString("origin"));
              won.add(new Won(new Claimed(row.getString("origin"), count.getLong("n"), row.getLong("wait_ms"),
                  row.getLong("delay_ms"), row.getLong("floor_ms")), row.getLong("lease_epoch"),
                  row.getBoolean("taken_over")));
            }
            return new ClaimAnswer(won, false);
          });
    });
  }

  /** Nothing to claim: whether anything is left on any node, waking hosts left at rest with work. */
  private Future<Boolean> left(SqlConnection conn) {
    return conn.preparedQuery(LEFT).execute(Tuple.of(crawlId)).compose(rows -> {
      Row row = rows.iterator().next();
      boolean queued = row.getBoolean("queued");
      boolean inFlight = row.getBoolean("in_flight");
      if (!queued && !inFlight) {
        return Future.succeededFuture(true);
      }
      if (row.getBoolean("pending")) {
        return Future.succeededFuture(false);
      }
      return conn.preparedQuery(WAKE_STRANDED).execute(Tuple.of(crawlId)).map(false);
    });
  }

  @Override
  public Future<Void> release(String origin, long waitMs, long delayMs, long floorMs) {
    Held h = held.remove(origin);
    if (h == null) {
      return Future.succeededFuture();
    }
    return retry.call(() -> pool.preparedQuery(RELEASE)
        .execute(Tuple.of(crawlId, origin, runId, h.epoch(), Math.max(0, waitMs), delayMs, floorMs))).mapEmpty();
  }

  /** Every held host back, its in-flight URLs queued again (the node stops). */
  Future<Void> releaseAll(long delayMs) {
    List<Future<Void>> released = new ArrayList<>();
    for (String origin : new ArrayList<>(held.keySet())) {
      released.add(release(origin, delayMs, -1, -1).recover(err -> Future.succeededFuture()));
    }
    return Future.join(released).mapEmpty();
  }

  @Override
  public boolean holds(String origin) {
    return held.containsKey(origin);
  }

  @Override
  public int held() {
    return held.size();
  }

  @Override
  public int fairShare() {
    if (running <= 1) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.min(Integer.MAX_VALUE, (withWork + running - 1) / running + 1);
  }

  @Override
  public boolean live() {
    // A lease lasts leaseMs from when its renewal was sent (the database's now() is later); a quarter is kept in
    // hand so that a request started at the end still finishes inside the lease.
    return now() - renewedSentAt < leaseMs * 3L / 4;
  }

  @Override
  public void onLost(Consumer<String> lost) {
    this.onLost = lost;
  }

  @Override
  public void onLive(Runnable live) {
    this.onLive = live;
  }

  @Override
  public void reportStatus(Supplier<JsonObject> status) {
    this.status = status;
  }

  @Override
  public JsonObject status() {
    return new JsonObject().put("hostsHeld", held.size()).put("leasesLost", lostCount)
        .put("leasesTakenOver", takenOverCount)
        .put("storeReachable", !retry.troubled()).put("leasesLive", live()).put("crawl", crawl.copy());
  }

  /** The node's last word when it stops: its final counts and state, so that it shows as ended, not lost. */
  Future<Void> lastHeartbeat() {
    JsonObject heartbeat = status.get().put("hostsHeld", 0).put("leasesLost", lostCount)
        .put("leasesTakenOver", takenOverCount).put("leaseMs", leaseMs);
    return pool.preparedQuery(HEARTBEAT).execute(Tuple.of(crawlId, node, runId, heartbeat)).<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void renew() {
    long sentAt = now();
    JsonObject heartbeat = status.get().put("hostsHeld", held.size()).put("leasesLost", lostCount)
        .put("leasesTakenOver", takenOverCount).put("leaseMs", leaseMs);
    pool.preparedQuery(RENEW).execute(Tuple.of(crawlId, runId, leaseMs))
        .compose(rows -> pool.preparedQuery(HEARTBEAT).execute(Tuple.of(crawlId, node, runId, heartbeat))
            .compose(v -> pool.preparedQuery(CRAWL_STATUS).execute(Tuple.of(crawlId, leaseMs)))
            .map(totals -> {
              Row t = totals.iterator().next();
              crawl = new JsonObject().put("nodesLive", t.getLong("nodes")).put("fetched", t.getLong("fetched"))
                  .put("failed", t.getLong("failed")).put("skipped", t.getLong("skipped"))
                  .put("hostsHeld", t.getLong("held"));
              running = t.getLong("running");
              withWork = t.getLong("with_work");
              return rows;
            }))
        .onSuccess(rows -> {
          Set<String> renewed = new HashSet<>();
          rows.forEach(row -> renewed.add(row.getString("origin")));
          // Only hosts claimed before this renewal was sent can be judged by it: a claim that committed after its
          // snapshot is not in its answer.
          List<String> lost = new ArrayList<>();
          held.forEach((origin, h) -> {
            if (h.claimedAt() < sentAt && !renewed.contains(origin)) {
              lost.add(origin);
            }
          });
          lost.forEach(origin -> {
            held.remove(origin);
            lostCount++;
            onLost.accept(origin);
          });
          boolean wasDead = !live();
          renewedSentAt = Math.max(renewedSentAt, sentAt);
          retry.succeeded();
          if (wasDead) {
            onLive.run();
          }
        })
        .onFailure(retry::failed);
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
