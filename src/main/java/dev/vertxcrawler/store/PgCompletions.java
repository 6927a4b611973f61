package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FrontierStore.Admitted;
import dev.vertxcrawler.frontier.FrontierStore.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import dev.vertxcrawler.frontier.HostLostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Group commit on PostgreSQL: one group transaction at a time; the completions that arrive while it runs make
 * the next group (up to {@link #MAX_GROUP}). A group is four statements whatever its size — the URLs' states,
 * the page records, the admission of every URL found, the links rows — the first three pipelined in one round
 * trip, so a busy crawl pays one WAL flush and a couple of round trips per group, not per page. Each caller's
 * future completes after its own commit, or fails with {@link HostLostException} when its host was taken over
 * (fencing). A group that fails for a passing reason (the database restarting) is committed again after a backoff:
 * every statement is idempotent, so a group whose commit went through but whose answer was lost changes nothing
 * the second time. One Vert.x context only.
 */
final class PgCompletions {
  static final int MAX_GROUP = 64;

  /** One page's completion; {@code epoch}: of the host lease it was leased under, -1 when none. */
  record Completion(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered, long epoch) {
  }

  /** The admission of a group's discovered URLs, within its transaction. */
  interface Admitter {
    Future<PgFrontierStore.Verdicts> admit(SqlClient client, List<CrawlTask> candidates);
  }

  private record Pending(Completion completion, Promise<Admitted> promise) {
  }

  private final Pool pool;
  private final PgRetry retry;
  private final long crawlId;
  private final String node;
  private final String owner;
  private final Admitter admitter;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private boolean running;
  private Promise<Void> drained;

  /**
   * @param owner the lease owner completions are fenced by (this run's id)
   * @param retry a group that fails for a passing reason is committed again, unchanged
   */
  PgCompletions(Pool pool, PgRetry retry, long crawlId, String node, String owner, Admitter admitter) {
    this.pool = pool;
    this.retry = retry;
    this.crawlId = crawlId;
    this.node = node;
    this.owner = owner;
    this.admitter = admitter;
  }

  Future<Admitted> submit(Completion completion) {
    Promise<Admitted> promise = Promise.promise();
    pending.add(new Pending(completion, promise));
    if (!running) {
      next();
    }
    return promise.future();
  }

  /** Completes once nothing is pending or committing. */
  Future<Void> drained() {
    if (!running) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  private void next() {
    if (pending.isEmpty()) {
      running = false;
      if (drained != null) {
        drained.complete();
        drained = null;
      }
      return;
    }
    running = true;
    List<Pending> group = new ArrayList<>();
    while (!pending.isEmpty() && group.size() < MAX_GROUP) {
      group.add(pending.poll());
    }
    List<Completion> completions = group.stream().map(Pending::completion).toList();
    retry.call(() -> pool.withTransaction(conn -> fenced(conn, completions)))
        .onComplete(ar -> {
          for (int i = 0; i < group.size(); i++) {
            Promise<Admitted> promise = group.get(i).promise();
            if (ar.failed()) {
              promise.fail(ar.cause());
            } else if (ar.result().get(i) == null) {
              promise.fail(new HostLostException(completions.get(i).task().origin()));
            } else {
              promise.complete(ar.result().get(i));
            }
          }
          next();
        });
  }

  /**
   * Fencing: the hosts of the group's leased completions are locked (shared) and their epochs checked first; a
   * completion whose host this node no longer holds under its epoch is left out (null in the answer). The lock
   * keeps a takeover from committing between the check and this commit.
   */
  private Future<List<Admitted>> fenced(SqlConnection conn, List<Completion> group) {
    List<String> origins = group.stream().filter(c -> c.epoch() >= 0).map(c -> c.task().origin()).distinct()
        .sorted().toList();
    if (origins.isEmpty()) {
      return commit(conn, group);
    }
    return conn.preparedQuery("SELECT origin, lease_epoch FROM hosts WHERE crawl_id = $1 AND lease_owner = $2 "
            + "AND origin = ANY($3) ORDER BY origin FOR SHARE")
        .execute(Tuple.tuple().addValue(crawlId).addValue(owner).addValue(origins.toArray(String[]::new)))
        .compose(rows -> {
          Map<String, Long> epochs = new HashMap<>();
          rows.forEach(row -> epochs.put(row.getString("origin"), row.getLong("lease_epoch")));
          List<Completion> kept = new ArrayList<>();
          for (Completion c : group) {
            if (c.epoch() < 0 || Long.valueOf(c.epoch()).equals(epochs.get(c.task().origin()))) {
              kept.add(c);
            }
          }
          if (kept.isEmpty()) {
            return Future.succeededFuture(java.util.Collections.<Admitted>nCopies(group.size(), null));
          }
          return commit(conn, kept).map(answers -> {
            List<Admitted> all = new ArrayList<>(group.size());
            int k = 0;
            for (Completion c : group) {
              all.add(k < kept.size() && kept.get(k) == c ? answers.get(k++) : null);
            }
            return all;
          });
        });
  }

  private Future<List<Admitted>> commit(SqlConnection conn, List<Completion> group) {
    Long[] ids = new Long[group.size()];
    Integer[] states = new Integer[group.size()];
    List<Long> pageIds = new ArrayList<>();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      Completion c = group.get(i);
      ids[i] = c.task().id();
      states[i] = UrlTable.State.of(c.outcome()).ordinal();
      if (c.record() != null) {
        pageIds.add(c.task().id());
        records.add(c.record());
      }
    }
    Future<?> stated = conn.preparedQuery("UPDATE urls SET state = s.state FROM unnest($1::bigint[], $2::int[]) "
        + "AS s(id, state) WHERE urls.id = s.id").execute(Tuple.tuple().addValue(ids).addValue(states));
    Future<?> recorded = pageIds.isEmpty() ? Future.succeededFuture()
        : conn.preparedQuery("INSERT INTO pages (crawl_id, url_id, node, record) SELECT $1, p.url_id, $2, p.record "
            + "FROM unnest($3::bigint[], $4::text[]) WITH ORDINALITY AS p(url_id, record, ord) ORDER BY p.ord "
            + "ON CONFLICT (url_id) DO NOTHING")
            .execute(Tuple.tuple().addValue(crawlId).addValue(node).addValue(pageIds.toArray(Long[]::new))
                .addValue(records.toArray(String[]::new)));
    // Every page's discovered URLs in one admission; each page gets back its own share of the answer.
    List<CrawlTask> all = new ArrayList<>();
    int[] ends = new int[group.size()];
    for (int i = 0; i < group.size(); i++) {
      all.addAll(group.get(i).discovered());
      ends[i] = all.size();
    }
    if (all.isEmpty()) {
      return Future.all(stated, recorded).map(done -> noneFor(group));
    }
    Future<PgFrontierStore.Verdicts> admitted = admitter.admit(conn, all);
    return Future.all(stated, recorded, admitted)
        .compose(done -> links(conn, group, ends, admitted.result()))
        .map(v -> {
          List<Admitted> perPage = new ArrayList<>(group.size());
          for (int i = 0; i < group.size(); i++) {
            perPage.add(admitted.result().admitted(i == 0 ? 0 : ends[i - 1], ends[i]));
          }
          return perPage;
        });
  }

  /** The links rows: each page's targets' ids, in its order. */
  private Future<Void> links(SqlConnection conn, List<Completion> group, int[] ends, PgFrontierStore.Verdicts verdicts) {
    List<Long> from = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Buffer> blobs = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      List<Long> ids = verdicts.linkIds(i == 0 ? 0 : ends[i - 1], ends[i]);
      if (!ids.isEmpty()) {
        from.add(group.get(i).task().id());
        counts.add(ids.size());
        blobs.add(Buffer.buffer(PageLinks.encode(ids)));
      }
    }
    if (from.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("INSERT INTO links (from_id, crawl_id, n, to_ids) SELECT l.from_id, $1, l.n, l.to_ids "
            + "FROM unnest($2::bigint[], $3::int[], $4::bytea[]) AS l(from_id, n, to_ids) "
            + "ON CONFLICT (from_id) DO NOTHING")
        .execute(Tuple.tuple().addValue(crawlId).addValue(from.toArray(Long[]::new))
            .addValue(counts.toArray(Integer[]::new)).addValue(blobs.toArray(Buffer[]::new)))
        .mapEmpty();
  }

  private static List<Admitted> noneFor(List<Completion> group) {
    List<Admitted> none = new ArrayList<>(group.size());
    group.forEach(c -> none.add(Admitted.NONE));
    return none;
  }

}
