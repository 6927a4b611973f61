package dev.vertxcrawler.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The PostgreSQL store's tables and their versioned migrations. {@code schema_migrations} lists the versions
 * applied; {@link #migrate} applies the missing ones in order, each in the caller's transaction, under an
 * advisory lock so that nodes starting together migrate once. A database a newer build migrated is refused.
 *
 * <p>Many crawls share one database: every row carries its crawl's id. URLs are unique per crawl by an md5 of
 * the canonical URL (a fixed 16-byte key, whatever the URL's length) and their kind.
 */
final class PgSchema {
  /** One migration: its version and its statements, run in order. */
  record Migration(int version, List<String> statements) {
  }

  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, List.of(
          "CREATE TABLE crawls (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, "
              + "config jsonb NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, "
              + "finish_reason text, summary jsonb, counters jsonb NOT NULL DEFAULT '{}')",
          "CREATE TABLE urls (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
              + "crawl_id bigint NOT NULL REFERENCES crawls ON DELETE CASCADE, url_hash uuid NOT NULL, "
              + "kind smallint NOT NULL, url text NOT NULL, origin text NOT NULL, depth integer NOT NULL, "
              + "referrer text, state smallint NOT NULL, UNIQUE (crawl_id, url_hash, kind))",
          // Only queued URLs are indexed for leasing, as in crawl.db: a leased URL leaves the index.
          "CREATE INDEX urls_queue ON urls (crawl_id, origin, id) WHERE state = 0",
          "CREATE TABLE pages (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
              + "crawl_id bigint NOT NULL REFERENCES crawls ON DELETE CASCADE, url_id bigint NOT NULL UNIQUE, "
              + "node text NOT NULL, record text NOT NULL)",
          "CREATE INDEX pages_by_crawl ON pages (crawl_id, seq)",
          // One row per page, its targets' ids as varints (PageLinks), as in crawl.db.
          "CREATE TABLE links (from_id bigint PRIMARY KEY, crawl_id bigint NOT NULL REFERENCES crawls ON DELETE CASCADE, "
              + "n integer NOT NULL, to_ids bytea NOT NULL)",
          "CREATE TABLE hosts (crawl_id bigint NOT NULL REFERENCES crawls ON DELETE CASCADE, origin text NOT NULL, "
              + "robots bytea, robots_expires bigint NOT NULL, give_up text, delay_ms bigint NOT NULL, "
              + "floor_ms bigint NOT NULL, PRIMARY KEY (crawl_id, origin))")),
      // Host leases: nodes share a crawl by claiming hosts. ready_at is when a host may next be claimed: its next
      // fetch time when free, its lease's end when held, NULL when it has nothing queued (then it is in no index).
      new Migration(2, List.of(
          "ALTER TABLE hosts ALTER COLUMN robots_expires SET DEFAULT 0, ALTER COLUMN delay_ms SET DEFAULT -1, "
              + "ALTER COLUMN floor_ms SET DEFAULT -1, ADD COLUMN ready_at timestamptz DEFAULT now(), "
              + "ADD COLUMN next_fetch_at timestamptz, ADD COLUMN lease_owner text, ADD COLUMN lease_until timestamptz, "
              + "ADD COLUMN lease_epoch bigint NOT NULL DEFAULT 0, "
              // rows before this version were all saved robots.txt answers; rows made by an admission are not
              + "ADD COLUMN robots_saved boolean NOT NULL DEFAULT true",
          "ALTER TABLE hosts ALTER COLUMN robots_saved SET DEFAULT false",
          "CREATE INDEX hosts_ready ON hosts (crawl_id, ready_at) WHERE ready_at IS NOT NULL",
          "CREATE INDEX hosts_leased ON hosts (crawl_id, lease_owner) WHERE lease_owner IS NOT NULL",
          // In-flight URLs are few (the windows): found fast when a host is taken over or the crawl's end is asked.
          "CREATE INDEX urls_in_flight ON urls (crawl_id, origin) WHERE state = 1",
          // One row per node of a crawl: its current run (the lease owner), its heartbeat, its counters.
          "CREATE TABLE nodes (crawl_id bigint NOT NULL REFERENCES crawls ON DELETE CASCADE, node text NOT NULL, "
              + "run_id text NOT NULL, seen_at timestamptz NOT NULL DEFAULT now(), status jsonb NOT NULL DEFAULT '{}', "
              + "counters jsonb NOT NULL DEFAULT '{}', PRIMARY KEY (crawl_id, node))",
          "CREATE INDEX pages_by_node ON pages (crawl_id, node, seq)")));

  static final int VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  /** Any 64-bit number, the same in every build: the key of the advisory lock migrations run under. */
  private static final long MIGRATION_LOCK = 0x7663_7261_776c_6572L; // "vcrawler"

  private PgSchema() {
  }

  /**
   * In the caller's transaction: creates {@code schema_migrations} if missing, refuses a newer schema, applies
   * what is missing. Completes with the version the database was at before (0 for an empty database).
   */
  static Future<Integer> migrate(SqlConnection conn, String where) {
    return conn.query("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")").execute()
        // Not CREATE TABLE IF NOT EXISTS: the server's notice that it exists would be logged at every start.
        .compose(v -> conn.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").execute())
        .compose(rows -> rows.iterator().next().getBoolean("present") ? Future.succeededFuture()
            : conn.query("CREATE TABLE schema_migrations (version integer PRIMARY KEY, "
                + "applied_at timestamptz NOT NULL DEFAULT now())").execute())
        .compose(v -> conn.query("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").execute())
        .compose(rows -> {
          Row row = rows.iterator().next();
          int found = row.getInteger("v");
          if (found > VERSION) {
            return Future.failedFuture(new StoreException(where + ": its crawl schema is version " + found
                + ", written by a newer vertx-crawler; this build knows up to " + VERSION
                + " — upgrade vertx-crawler, or use another database"));
          }
          Future<Void> chain = Future.succeededFuture();
          for (Migration m : MIGRATIONS) {
            if (m.version() > found) {
              for (String sql : m.statements()) {
                chain = chain.compose(v -> conn.query(sql).execute().mapEmpty());
              }
              chain = chain.compose(v -> conn.query("INSERT INTO schema_migrations (version) VALUES ("
                  + m.version() + ")").execute().mapEmpty());
            }
          }
          return chain.map(found);
        });
  }
}
