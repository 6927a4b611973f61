#!/usr/bin/env bash
# cluster-check.sh — the PostgreSQL store (issue 22), checked against real servers it starts itself: PostgreSQL
# 15 (bench_pg_start: initdb/pg_ctl on a free port, fsync on) and nginx.
#
# 1. One node on PostgreSQL vs one on SQLite, side by side: the Debian package openjdk-17-doc (the JDK 17 API
#    docs, ~10 000 pages) served by a private nginx on 127.0.0.1, crawled in throughput mode through the
#    launcher, ROUNDS times each, alternating (sqlite, postgres, sqlite, …):
#      bin/vertx-crawler crawl --seed SEED --out DIR --quiet --seeds-dir /nonexistent -s politeness.minDelayMs=0
#        -s workers=16 -s politeness.maxConcurrencyPerHost=16 -s maxDepth=1000 -s maxPages=0
#        [-s store.kind=postgres -s store.url=postgresql://crawler:***@127.0.0.1:PORT/crawls -s store.crawl=pg-N]
#    Checks: each run exits 0 with finishReason finished; the PostgreSQL runs' page sets (URL, outcome, status
#    per pages.jsonl line) equal the SQLite runs'; the database holds as many pages rows as pages.jsonl lines;
#    the median wall time on PostgreSQL is at most 1.4 x the median on SQLite. Also printed: CPU (user+sys) of
#    the crawler, the PostgreSQL server's CPU (its processes' ticks before and after), and for the last
#    PostgreSQL run the statements and the WAL bytes per page (pg_stat_statements is not needed: the server's
#    xact_commit and pg_current_wal_lsn() before and after, and pg_stat_database's tup_* counts).
# Prints a table and one PASS/FAIL line per check. Exits 0 when all pass, 1 when one fails, 2 on a setup failure.
#
# Usage: bench/cluster-check.sh
# Env:   ROUNDS=2  VC_JAR=path (default target/vertx-crawler.jar, rebuilt when missing or stale)
#        DOC_PKG=openjdk-17-doc  DOC_DIR=/usr/share/doc/$DOC_PKG  SEED_PATH=/api/index.html
#        CRAWL_TIMEOUT=900 (s per crawl)  KEEP_TMP=1 (keep the temp dir; kept anyway when a check fails, unless 0)
# Traffic stays on 127.0.0.1. Runs as root (apt-get for missing packages; the server runs as postgres).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${ROUNDS:-2}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-900}
PY=/usr/bin/python3
GTIME=/usr/bin/time

need=()
bench_doc_site
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -x "$GTIME" ] || need+=(time)
[ -x "$PY" ] || need+=(python3)
bench_jar_plan
bench_install_missing "${need[@]}"
bench_jar_build
bench_tmp
CRAWLER_PID=

PORT=$(bench_free_ports 1)
bench_doc_server "$PORT" | bench_nginx_conf 2 1024 '$msec "$request" $status'
bench_doc_serve
bench_pg_start
log "nginx on $BASE, PostgreSQL on 127.0.0.1:$PG_PORT"
export XDG_CACHE_HOME=$TMP/vc-cache   # the launcher's start-up cache: written by the first crawl, used by the rest

THROUGHPUT=(-s politeness.minDelayMs=0 -s workers=16 -s politeness.maxConcurrencyPerHost=16 -s maxDepth=1000 -s maxPages=0)

# pg_ticks : user+sys clock ticks of our cluster: the postmaster's own and its reaped children's (backends that
# exited, e.g. a crawl's pool), plus the children still running.
pg_ticks() {
  local master total pid
  master=$(head -1 "$TMP/pg/data/postmaster.pid")
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$master/stat")
  for pid in $(pgrep -P "$master" || true); do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

# crawl NAME [ARGS…] : one timed crawl into $TMP/NAME; records wall and CPU in $TMP/NAME.time.
crawl() {
  local name=$1; shift
  timeout "$CRAWL_TIMEOUT" "$GTIME" -f '%e %U %S' -o "$TMP/$name.time" env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" crawl \
    --seed "$SEED" --out "$TMP/$name" --quiet --seeds-dir /nonexistent "${THROUGHPUT[@]}" "$@" \
    >"$TMP/$name.stdout" 2>"$TMP/$name.stderr" || die "crawl $name failed: $(tail -3 "$TMP/$name.stderr")"
  grep -q '"finishReason" *: *"finished"' "$TMP/$name/summary.json" || die "crawl $name did not finish"
}

# The first crawl (untimed) writes the launcher's start-up cache, as a user's first crawl would.
crawl warmup
for r in $(seq 1 "$ROUNDS"); do
  crawl "sqlite-$r"
  ticks0=$(pg_ticks)
  stats0=$(bench_psql "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, pg_current_wal_lsn() FROM pg_stat_database WHERE datname = 'crawls'")
  crawl "pg-$r" -s store.kind=postgres -s "store.url=$PG_URL" -s "store.crawl=pg-$r"
  stats1=$(bench_psql "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, pg_current_wal_lsn() FROM pg_stat_database WHERE datname = 'crawls'")
  wal=$(bench_psql "SELECT pg_wal_lsn_diff('${stats1##*|}', '${stats0##*|}')")
  echo "$(( $(pg_ticks) - ticks0 )) $stats0 $stats1 $wal" >"$TMP/pg-$r.db"
  echo "$(bench_psql "SELECT count(*) FROM pages p JOIN crawls c ON c.id = p.crawl_id WHERE c.name = 'pg-$r'")" >"$TMP/pg-$r.rows"
done

"$PY" - "$TMP" "$ROUNDS" <<'PY'
import json, os, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
def pages(name):
    with open(os.path.join(tmp, name, "pages.jsonl")) as f:
        recs = [json.loads(l) for l in f if l.strip()]
    return recs, {(r["url"], r.get("outcome"), r.get("status")) for r in recs}
def times(name):
    e, u, s = open(os.path.join(tmp, name + ".time")).read().split()[-3:]
    return float(e), float(u) + float(s)
rows, fails = [], []
ref_recs, ref = pages("sqlite-1")
walls = {"sqlite": [], "pg": []}
for kind in ("sqlite", "pg"):
    for r in range(1, rounds + 1):
        name = f"{kind}-{r}"
        recs, got = pages(name)
        wall, cpu = times(name)
        walls[kind].append(wall)
        extra = ""
        if kind == "pg":
            ticks, c0, c1, wal = open(os.path.join(tmp, name + ".db")).read().split()
            x0, t0, _ = c0.split("|"); x1, t1, _ = c1.split("|")
            n = len(recs)
            db_rows = int(open(os.path.join(tmp, name + ".rows")).read())
            extra = (f"db CPU {int(ticks) / 100:.1f} s; per page: {(int(x1) - int(x0)) / n:.3f} commits, "
                     f"{(int(t1) - int(t0)) / n:.1f} rows written, {float(wal) / n:.0f} WAL bytes; pages rows {db_rows}")
            if db_rows != n:
                fails.append(f"{name}: {db_rows} pages rows in the database, {n} lines in pages.jsonl")
        if got != ref:
            fails.append(f"{name}: page set differs from sqlite-1 ({len(got - ref)} more, {len(ref - got)} fewer)")
        if len(recs) != len(got):
            fails.append(f"{name}: {len(recs) - len(got)} pages recorded twice")
        rows.append((name, len(recs), wall, cpu, extra))
print(f"{'run':10} {'pages':>6} {'wall s':>7} {'CPU s':>6}  database")
for name, n, wall, cpu, extra in rows:
    print(f"{name:10} {n:6} {wall:7.2f} {cpu:6.1f}  {extra}")
ms, mp = statistics.median(walls["sqlite"]), statistics.median(walls["pg"])
ratio = mp / ms
print(f"median wall: sqlite {ms:.2f} s, postgres {mp:.2f} s, ratio {ratio:.2f}")
ok = True
for f in fails:
    print("FAIL:", f); ok = False
if not fails:
    print(f"PASS: the same page set on SQLite and PostgreSQL ({len(ref)} pages), none twice, every page in the database")
if ratio <= 1.4:
    print(f"PASS: PostgreSQL's wall time at most 1.4 x SQLite's: {ratio:.2f}")
else:
    print(f"FAIL: PostgreSQL's wall time at most 1.4 x SQLite's: {ratio:.2f}"); ok = False
sys.exit(0 if ok else 1)
PY
rc=$?
[ "$rc" = 0 ] || KEEP_TMP=${KEEP_TMP:-1}
exit "$rc"
