#!/usr/bin/env bash
# lease-explain.sh — the query plans of the shared frontier's hot statements on a large crawl (issue 22: leasing
# ready hosts must stay logarithmic). Starts a throwaway PostgreSQL 15 (bench_pg_start), lets the crawler create
# its schema (a one-URL crawl with store.kind=postgres), then fills one synthetic crawl with HOSTS hosts and URLS
# URLs (generate_series: 80 % of the hosts at rest, 10 % held, 10 % ready; one URL in ten queued, one in
# 5 000 in flight, the rest done), ANALYZEs, and prints EXPLAIN (ANALYZE, BUFFERS) of, each in a rolled-back transaction:
#   claim        PgHostLeases.CLAIM         (ready hosts, FOR UPDATE SKIP LOCKED)
#   lease        PgFrontierStore.LEASE_HELD (a window of one held host's queued URLs)
#   requeue      PgHostLeases.REQUEUE_TAKEN (a taken-over host's in-flight URLs)
#   end check    PgHostLeases.LEFT          (anything queued or in flight anywhere?)
#   renew        PgHostLeases.RENEW         (one node's leases)
# The statements are copied from those classes (keep them in step). Prints each plan, its execution time and
# the buffers it touched; a plan is logarithmic when it is index scans with a LIMIT and its buffers stay a handful
# as URLS grows (run with URLS=100000000 HOSTS=10000000 to see 10^8: about 25 GB of disk).
#
# Usage: bench/lease-explain.sh        Env: URLS=10000000 HOSTS=1000000 VC_JAR=path KEEP_TMP=1
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
URLS=${URLS:-10000000}
HOSTS=${HOSTS:-1000000}

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
bench_jar_plan
bench_install_missing "${need[@]}"
bench_jar_build
bench_tmp
bench_pg_start

log "creating the schema with a one-URL crawl"
env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" crawl --seed "http://127.0.0.1:9/" --out "$TMP/schema" --quiet \
  --seeds-dir /nonexistent -s maxDurationSec=2 -s store.kind=postgres -s "store.url=$PG_URL" -s store.crawl=schema \
  >"$TMP/schema.log" 2>&1 || die "the schema crawl failed: $(tail -3 "$TMP/schema.log")"

log "filling crawl 'big': $HOSTS hosts, $URLS URLs"
start=$SECONDS
CRAWL=$(bench_psql "INSERT INTO crawls (name, config) VALUES ('big', '{}') RETURNING id" | head -1)
bench_psql "INSERT INTO hosts (crawl_id, origin, ready_at, lease_owner, lease_until, lease_epoch)
  SELECT $CRAWL, 'http://h' || i || '.test', CASE WHEN i % 10 = 0 THEN now() - interval '1 s'
    WHEN i % 10 = 1 THEN now() + interval '30 s' END,
    CASE WHEN i % 10 = 1 THEN 'node-' || (i % 50) END, CASE WHEN i % 10 = 1 THEN now() + interval '30 s' END, 1
  FROM generate_series(1, $HOSTS) AS i" >/dev/null
bench_psql "INSERT INTO urls (crawl_id, url_hash, kind, url, origin, depth, referrer, state)
  SELECT $CRAWL, md5(u)::uuid, 0, u, o, 1, NULL, CASE WHEN (i / $HOSTS) % 20 = 5 AND i % 50 = 7 THEN 1 WHEN (i / $HOSTS) % 20 = 3 THEN 0 ELSE 2 END
  FROM (SELECT i, 'http://h' || (i % $HOSTS + 1) || '.test' AS o,
               'http://h' || (i % $HOSTS + 1) || '.test/page/' || i AS u FROM generate_series(1, $URLS) AS i) s" >/dev/null
bench_psql "ANALYZE" >/dev/null
log "filled in $((SECONDS - start)) s; $(bench_psql "SELECT pg_size_pretty(pg_database_size('crawls'))")"

HELD=$(bench_psql "SELECT origin || '|' || lease_owner || '|' || lease_epoch FROM hosts WHERE crawl_id = $CRAWL AND lease_owner IS NOT NULL LIMIT 1")
IFS='|' read -r HELD_ORIGIN HELD_OWNER HELD_EPOCH <<<"$HELD"

explain() {
  local title=$1 sql=$2
  printf '\n### %s\n\n```\n' "$title"
  bench_psql "BEGIN; EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $sql; ROLLBACK" | grep -v '^BEGIN$\|^ROLLBACK$'
  printf '```\n'
}

printf '## Plans on one crawl of %s URLs over %s hosts (PostgreSQL 15)\n' "$URLS" "$HOSTS"
explain "claim: 8 ready hosts" "WITH c AS (SELECT origin FROM hosts WHERE crawl_id = $CRAWL AND ready_at <= now()
  ORDER BY ready_at LIMIT 8 FOR UPDATE SKIP LOCKED)
  UPDATE hosts h SET lease_owner = 'me', lease_epoch = h.lease_epoch + 1,
  lease_until = now() + 30000 * interval '1 millisecond', ready_at = now() + 30000 * interval '1 millisecond'
  FROM c WHERE h.crawl_id = $CRAWL AND h.origin = c.origin RETURNING h.origin"
explain "lease: a window of 16 of a held host's queued URLs" "UPDATE urls SET state = 1 WHERE id IN (SELECT id FROM urls
  WHERE crawl_id = $CRAWL AND origin = '$HELD_ORIGIN' AND state = 0 AND EXISTS (SELECT 1 FROM hosts h WHERE
  h.crawl_id = $CRAWL AND h.origin = '$HELD_ORIGIN' AND h.lease_owner = '$HELD_OWNER' AND h.lease_epoch = $HELD_EPOCH)
  ORDER BY id LIMIT 16 FOR UPDATE SKIP LOCKED) RETURNING id"
explain "requeue: a taken-over host's in-flight URLs" "UPDATE urls SET state = 0 WHERE crawl_id = $CRAWL AND state = 1
  AND origin = ANY(ARRAY['$HELD_ORIGIN', 'http://h8.test'])"
explain "end check: anything queued or in flight, any host pending" "SELECT
  (SELECT 1 FROM urls WHERE crawl_id = $CRAWL AND state = 0 ORDER BY origin, id LIMIT 1) IS NOT NULL AS queued,
  (SELECT 1 FROM urls WHERE crawl_id = $CRAWL AND state = 1 ORDER BY origin LIMIT 1) IS NOT NULL AS in_flight,
  (SELECT 1 FROM hosts WHERE crawl_id = $CRAWL AND ready_at IS NOT NULL ORDER BY ready_at LIMIT 1) IS NOT NULL AS pending"
explain "renew: one node's leases ($((HOSTS / 10 / 5)) hosts held)" "UPDATE hosts SET lease_until = now() + 30000 * interval '1 millisecond',
  ready_at = now() + 30000 * interval '1 millisecond' WHERE crawl_id = $CRAWL AND lease_owner = 'node-11' RETURNING origin"
