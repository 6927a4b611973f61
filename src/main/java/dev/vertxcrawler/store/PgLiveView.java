package dev.vertxcrawler.store;

import dev.vertxcrawler.config.StoreConfig;
import dev.vertxcrawler.config.StoreKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A shared crawl as it runs, read from its PostgreSQL database through the reactive client (on the event loop,
 * never waiting): every node's last heartbeat, the crawl's URLs by state, and one row per host. What the cluster
 * dashboard shows; it writes nothing.
 */
public final class PgLiveView {
  /** One node of the crawl: its name, how long ago it was last heard of, and what it said then. */
  public record NodeRow(String node, long heartbeatAgeMs, JsonObject status) {
  }

  /** The crawl now: whether it exists yet, its end, its page URLs by state, and its nodes. */
  public record Sample(boolean started, String finishReason, long known, long queued, long inFlight,
      List<NodeRow> nodes) {
    /** URLs with an outcome: fetched, failed or skipped. */
    public long done() {
      return known - queued - inFlight;
    }
  }

  /** One host of the crawl: who holds it now (null: nobody), its URLs by state, and its politeness state. */
  public record HostRow(String origin, String holder, long fetched, long failed, long skipped, long queued,
      long delayMs, long waitMs, String giveUp) {
  }

  /** Pages only: robots.txt and sitemap URLs are not what "how far along" counts. */
  private static final int PAGE = dev.vertxcrawler.frontier.CrawlTask.Kind.PAGE.ordinal();
  private static final String CRAWL = "SELECT id, finished_at IS NOT NULL AS finished, finish_reason FROM crawls "
      + "WHERE name = $1";
  private static final String NODES = "SELECT node, greatest(0, extract(epoch FROM now() - seen_at) * 1000)::bigint "
      + "AS age_ms, status FROM nodes WHERE crawl_id = $1 ORDER BY node";
  private static final String COUNTS = "SELECT count(*) AS known, "
      + "count(*) FILTER (WHERE state = " + PgFrontierStore.QUEUED + ") AS queued, "
      + "count(*) FILTER (WHERE state = " + PgFrontierStore.IN_FLIGHT + ") AS in_flight FROM urls WHERE crawl_id = $1 AND kind = " + PAGE;
  // One pass over the crawl's URLs grouped by host, joined to the hosts and to the node whose live lease holds each.
  private static final String HOSTS = "SELECT h.origin, n.node AS holder, coalesce(u.fetched, 0) AS fetched, "
      + "coalesce(u.failed, 0) AS failed, coalesce(u.skipped, 0) AS skipped, coalesce(u.queued, 0) AS queued, "
      + "h.delay_ms, greatest(0, ceil(extract(epoch FROM h.next_fetch_at - now()) * 1000))::bigint AS wait_ms, "
      + "h.give_up FROM hosts h "
      + "LEFT JOIN nodes n ON n.crawl_id = h.crawl_id AND n.run_id = h.lease_owner AND h.lease_until > now() "
      + "LEFT JOIN (SELECT origin, count(*) FILTER (WHERE state = " + UrlTable.State.DONE.ordinal() + ") AS fetched, "
      + "count(*) FILTER (WHERE state = " + UrlTable.State.FAILED.ordinal() + ") AS failed, "
      + "count(*) FILTER (WHERE state = " + UrlTable.State.SKIPPED.ordinal() + ") AS skipped, "
      + "count(*) FILTER (WHERE state <= " + PgFrontierStore.IN_FLIGHT + ") AS queued "
      + "FROM urls WHERE crawl_id = $1 AND kind = " + PAGE + " GROUP BY origin) u ON u.origin = h.origin "
      + "WHERE h.crawl_id = $1";

  private final Pool pool;
  private final String crawl;
  private final String where;
  private Long crawlId; // known once the crawl exists

  /** @param url the database ({@code store.url}; the password from it or PGPASSWORD), @param crawl the crawl's name */
  public PgLiveView(Vertx vertx, String url, String crawl) {
    try {
      dev.vertxcrawler.config.StoreUrls.check(url);
    } catch (IllegalArgumentException e) {
      throw new StoreException("--store " + e.getMessage());
    }
    StoreConfig store = new StoreConfig(StoreKind.POSTGRES, url, crawl, "", 30_000);
    this.where = PgConnect.where(store);
    this.crawl = crawl;
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(PgConnect.options(store, System::getenv)).using(vertx).build();
  }

  /** The database as it may be shown (password masked). */
  public String where() {
    return where;
  }

  /** Completes once the database answered (a wrong address or password fails here, said in one line). */
  public Future<Void> check() {
    return pool.query("SELECT 1").execute().<Void>mapEmpty()
        .recover(e -> Future.failedFuture(PgConnect.explain(e, where)));
  }

  public Future<Sample> sample() {
    return id().compose(id -> {
      if (id == null) {
        return Future.succeededFuture(new Sample(false, null, 0, 0, 0, List.of()));
      }
      return pool.preparedQuery(CRAWL).execute(Tuple.of(crawl)).compose(crawlRows -> {
        Row c = crawlRows.iterator().next();
        String finish = c.getBoolean("finished") ? c.getString("finish_reason") : null;
        return pool.preparedQuery(NODES).execute(Tuple.of(id)).compose(nodeRows -> {
          List<NodeRow> nodes = new ArrayList<>();
          nodeRows.forEach(r -> nodes.add(new NodeRow(r.getString("node"), r.getLong("age_ms"),
              r.getJsonObject("status"))));
          return pool.preparedQuery(COUNTS).execute(Tuple.of(id)).map(counts -> {
            Row n = counts.iterator().next();
            return new Sample(true, finish, n.getLong("known"), n.getLong("queued"), n.getLong("in_flight"), nodes);
          });
        });
      });
    });
  }

  public Future<List<HostRow>> hosts() {
    return id().compose(id -> {
      if (id == null) {
        return Future.succeededFuture(List.<HostRow>of());
      }
      return pool.preparedQuery(HOSTS).execute(Tuple.of(id)).map(rows -> {
        List<HostRow> hosts = new ArrayList<>(rows.size());
        rows.forEach(r -> hosts.add(new HostRow(r.getString("origin"), r.getString("holder"), r.getLong("fetched"),
            r.getLong("failed"), r.getLong("skipped"), r.getLong("queued"), r.getLong("delay_ms"),
            r.getLong("wait_ms") == null ? 0 : r.getLong("wait_ms"), r.getString("give_up"))));
        return hosts;
      });
    });
  }

  public Future<Void> close() {
    return pool.close();
  }

  /** The crawl's id, or null while no node has started it. */
  private Future<Long> id() {
    if (crawlId != null) {
      return Future.succeededFuture(crawlId);
    }
    return pool.query("SELECT to_regclass('crawls') IS NOT NULL AS present").execute().compose(schema -> {
      if (!schema.iterator().next().getBoolean("present")) {
        return Future.succeededFuture(null);
      }
      return pool.preparedQuery(CRAWL).execute(Tuple.of(crawl)).map(rows -> {
        if (rows.size() > 0) {
          crawlId = rows.iterator().next().getLong("id");
        }
        return crawlId;
      });
    });
  }
}
