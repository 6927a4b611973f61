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
# 2. Three nodes on a polite web of 200 hosts (origins 127.0.0.1:PORT, one nginx server listening on 200 ports,
#    10 pages each, cross-host links; robots.txt allows all) with politeness.minDelayMs=1000, every node given
#    all 200 seeds. Checks: every page recorded exactly once across the nodes (their pages.jsonl together and the
#    database); no two request starts to one host closer than 1 000 ms across all nodes (nginx's access log,
#    start = $msec - $request_time); every node exits 0 with finishReason finished.
# 3. Three nodes on the documentation site (throughput mode, store.leaseMs=5000); once 2 000 pages are in the
#    database, the node holding the site's lease is killed with SIGKILL. Checks: the survivors exit 0 with
#    finished; the database's page set equals part 1's SQLite set; no URL requested more than twice (access log).
# 4. The same with store.leaseMs=3000, the holder SIGSTOPped for 8 s (past its lease) and then SIGCONTed. Checks:
#    every node exits 0 with finished; the page set is exact; no page recorded twice (pages.jsonl of all nodes).
# 5. The same (default leaseMs) with PostgreSQL stopped (pg_ctl stop -m fast) for 10 s once 2 000 pages are in,
#    then started. Checks: every node exits 0 with finished; the page set is exact; no page recorded twice.
# 6. `report --store URL --crawl NAME --format json` of part 3's crawl (else 4's, 5's) against `report DIR` of
#    part 1's SQLite crawl: the same totals (pages, fetched, failed, skipped, bytes), statuses, errors, skip
#    reasons, depths and broken links with their referrers.
# Prints a table and one PASS/FAIL line per check. Exits 0 when all pass, 1 when one fails, 2 on a setup failure.
#
# Usage: bench/cluster-check.sh
# Env:   PARTS="1 2 3 4 5 6" (which to run; 3-6 compare with part 1's crawl)  ROUNDS=2  VC_JAR=path (default target/vertx-crawler.jar, rebuilt when missing or stale)
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

PARTS=${PARTS:-1 2 3 4 5 6}
WEB_HOSTS=200
WEB_PAGES=10
read -r PORT WEB_PORTS <<<"$(bench_free_ports $((WEB_HOSTS + 1)))"
read -r -a WEB_PORTS <<<"$WEB_PORTS"
# The polite web: host i is 127.0.0.1:WEB_PORTS[i], its pages in $TMP/web/PORT/p/N.html.
"$PY" - "$TMP/web" "$WEB_PAGES" "${WEB_PORTS[@]}" <<'PY'
import os, sys
root, pages, ports = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
n = len(ports)
for i, port in enumerate(ports):
    d = os.path.join(root, port, "p")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(root, port, "robots.txt"), "w") as f:
        f.write("User-agent: *\nAllow: /\n")
    for p in range(pages):
        links = [f"/p/{q}.html" for q in range(1, pages)] if p == 0 else ["/p/0.html", f"/p/{(p + 1) % pages}.html"]
        if p == 0:
            links += [f"http://127.0.0.1:{ports[(i + 1) % n]}/p/0.html", f"http://127.0.0.1:{ports[(i + 37) % n]}/p/0.html"]
        body = "".join(f'<a href="{l}">{l}</a>\n' for l in links)
        with open(os.path.join(d, f"{p}.html"), "w") as f:
            f.write(f"<!doctype html><title>{port} {p}</title>\n{body}")
PY
for port in "${WEB_PORTS[@]}"; do echo "http://127.0.0.1:$port/p/0.html"; done >"$TMP/web-seeds.txt"
{
  bench_doc_server "$PORT"
  echo "  server {"
  for port in "${WEB_PORTS[@]}"; do echo "    listen 127.0.0.1:$port;"; done
  echo "    root $TMP/web/\$server_port;"
  echo "  }"
} | bench_nginx_conf 2 4096 '$msec $request_time $server_port "$request" $status'
chmod -R a+rX "$TMP/web"
bench_doc_serve
bench_pg_start
log "nginx on $BASE, PostgreSQL on 127.0.0.1:$PG_PORT"
export XDG_CACHE_HOME=$TMP/vc-cache   # the launcher's start-up cache: written by the first crawl, used by the rest

THROUGHPUT=(-s politeness.minDelayMs=0 -s workers=16 -s politeness.maxConcurrencyPerHost=16 -s maxDepth=1000 -s maxPages=0)

# crawl NAME [ARGS…] : one timed crawl into $TMP/NAME; records wall and CPU in $TMP/NAME.time.
crawl() {
  local name=$1; shift
  timeout "$CRAWL_TIMEOUT" "$GTIME" -f '%e %U %S' -o "$TMP/$name.time" env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" crawl \
    --seed "$SEED" --out "$TMP/$name" --quiet --seeds-dir /nonexistent "${THROUGHPUT[@]}" "$@" \
    >"$TMP/$name.stdout" 2>"$TMP/$name.stderr" || die "crawl $name failed: $(tail -3 "$TMP/$name.stderr")"
  grep -q '"finishReason" *: *"finished"' "$TMP/$name/summary.json" || die "crawl $name did not finish"
}

RESULTS=$TMP/results
: >"$RESULTS"
NODE_PIDS=()
kill_nodes() {
  local pid
  for pid in "${NODE_PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill -KILL "$pid" 2>/dev/null || true; done
}
# set +e: under set -e a failing (exit $rc) would end the trap before the cleanup (PostgreSQL left running).
trap 'rc=$?; set +e; kill_nodes; (exit $rc); bench_cleanup' EXIT

if [[ " $PARTS " == *" 1 "* ]] || [[ " $PARTS " =~ " "[345]" " ]]; then
  # The first crawl (untimed) writes the launcher's start-up cache, as a user's first crawl would.
  crawl warmup
  for r in $(seq 1 "$ROUNDS"); do
    crawl "sqlite-$r"
    ticks0=$(bench_pg_ticks)
    stats0=$(bench_psql "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, pg_current_wal_lsn() FROM pg_stat_database WHERE datname = 'crawls'")
    crawl "pg-$r" -s store.kind=postgres -s "store.url=$PG_URL" -s "store.crawl=pg-$r"
    stats1=$(bench_psql "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, pg_current_wal_lsn() FROM pg_stat_database WHERE datname = 'crawls'")
    wal=$(bench_psql "SELECT pg_wal_lsn_diff('${stats1##*|}', '${stats0##*|}')")
    echo "$(( $(bench_pg_ticks) - ticks0 )) $stats0 $stats1 $wal" >"$TMP/pg-$r.db"
    echo "$(bench_psql "SELECT count(*) FROM pages p JOIN crawls c ON c.id = p.crawl_id WHERE c.name = 'pg-$r'")" >"$TMP/pg-$r.rows"
  done
fi

if [[ " $PARTS " == *" 1 "* ]]; then
"$PY" - "$TMP" "$ROUNDS" <<'PY'
import json, os, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
def out(*a):
    print(*a)
    if a and str(a[0]).startswith(("PASS", "FAIL")):
        open(os.path.join(tmp, "results"), "a").write(" ".join(map(str, a)) + "\n")
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
out(f"{'run':10} {'pages':>6} {'wall s':>7} {'CPU s':>6}  database")
for name, n, wall, cpu, extra in rows:
    out(f"{name:10} {n:6} {wall:7.2f} {cpu:6.1f}  {extra}")
ms, mp = statistics.median(walls["sqlite"]), statistics.median(walls["pg"])
ratio = mp / ms
out(f"median wall: sqlite {ms:.2f} s, postgres {mp:.2f} s, ratio {ratio:.2f}")
ok = True
for f in fails:
    out("FAIL:", f); ok = False
if not fails:
    out(f"PASS: the same page set on SQLite and PostgreSQL ({len(ref)} pages), none twice, every page in the database")
if ratio <= 1.4:
    out(f"PASS: PostgreSQL's wall time at most 1.4 x SQLite's: {ratio:.2f}")
else:
    out(f"FAIL: PostgreSQL's wall time at most 1.4 x SQLite's: {ratio:.2f}"); ok = False
PY

fi

# ---- parts 2-5: several nodes on one crawl ------------------------------------------------------------------
ACCESS=$TMP/nginx/logs/access.log
PG_ARGS=(-s store.kind=postgres -s "store.url=$PG_URL")

# start_node NAME ARGS… : a crawler node in the background (its pid in NODE_PIDS and $TMP/NAME.pid).
start_node() {
  local name=$1; shift
  env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" crawl --out "$TMP/$name" --quiet --seeds-dir /nonexistent "$@" \
    >"$TMP/$name.stdout" 2>"$TMP/$name.stderr" &
  NODE_PIDS+=("$!")
  echo "$!" >"$TMP/$name.pid"
}
# wait_nodes NAME… : waits for each node (at most CRAWL_TIMEOUT s in all) and writes its exit code to $TMP/NAME.rc.
wait_nodes() {
  local name pid deadline=$((SECONDS + CRAWL_TIMEOUT))
  for name in "$@"; do
    pid=$(cat "$TMP/$name.pid")
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { kill -CONT "$pid"; kill -KILL "$pid"; }
    local rc=0
    wait "$pid" || rc=$?
    echo "$rc" >"$TMP/$name.rc"
  done
}
# db_pages CRAWL : pages rows of the crawl.
db_pages() {
  bench_psql "SELECT count(*) FROM pages p JOIN crawls c ON c.id = p.crawl_id WHERE c.name = '$1'" 2>/dev/null || echo 0
}
# wait_pages CRAWL N : until the crawl has N pages rows (or CRAWL_TIMEOUT).
wait_pages() {
  local deadline=$((SECONDS + CRAWL_TIMEOUT))
  while [ "$(db_pages "$1")" -lt "$2" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
}
# holder CRAWL : the name (out directory) of a node holding a lease of the crawl, empty when none does.
holder() {
  local node
  node=$(bench_psql "SELECT n.node FROM hosts h JOIN crawls c ON c.id = h.crawl_id JOIN nodes n ON n.crawl_id = h.crawl_id \
    AND n.run_id = h.lease_owner WHERE c.name = '$1' AND h.lease_until > now() LIMIT 1")
  [ -n "$node" ] && basename "${node#*:}"
}
# wait_holder CRAWL : prints the holder's name once there is one.
wait_holder() {
  local h deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    h=$(holder "$1" || true)
    [ -n "$h" ] && { echo "$h"; return 0; }
    sleep 0.1
  done
  die "no node of $1 holds a lease"
}
# dump_db CRAWL : the crawl's page records from the database, one per line, into $TMP/CRAWL.db.jsonl.
dump_db() {
  bench_psql "SELECT record FROM pages p JOIN crawls c ON c.id = p.crawl_id WHERE c.name = '$1' ORDER BY seq" \
    >"$TMP/$1.db.jsonl"
}
# check_part LABEL CRAWL REFERENCE GAP_MS MAX_REQUESTS NODE[:EXPECTED_RC]… : the checks of one part (see the top).
check_part() {
  local label=$1 crawl=$2 ref=$3 gap=$4 maxreq=$5; shift 5
  dump_db "$crawl"
  tail -n +"$((MARK + 1))" "$ACCESS" >"$TMP/$crawl.access"
  "$PY" - "$TMP" "$label" "$crawl" "$ref" "$gap" "$maxreq" "$@" <<'PY'
import collections, json, os, sys
tmp, label, crawl, ref, gap, maxreq = sys.argv[1:7]
gap, maxreq = int(gap), int(maxreq)
nodes = sys.argv[7:]
results = open(os.path.join(tmp, "results"), "a")
def check(what, ok, detail=""):
    line = f"{'PASS' if ok else 'FAIL'}: {label}: {what}" + (f" ({detail})" if detail else "")
    print(line); results.write(line + "\n")
def records(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]
def key(r):
    return (r["url"], r.get("outcome"), r.get("status"))
shares, lines, bad = [], collections.Counter(), []
for spec in nodes:
    name, _, expect = spec.partition(":")
    rc = int(open(os.path.join(tmp, name + ".rc")).read())
    summary = os.path.join(tmp, name, "summary.json")
    reason = json.load(open(summary)).get("finishReason") if os.path.exists(summary) else None
    pages_file = os.path.join(tmp, name, "pages.jsonl")
    recs = records(pages_file) if os.path.exists(pages_file) else []
    lines.update(r["url"] for r in recs)
    shares.append(f"{name}: exit {rc}, {reason or '-'}, {len(recs)} pages")
    if expect == "any":
        continue
    if rc != 0 or reason != "finished":
        bad.append(f"{name}: exit {rc}, finishReason {reason}: {open(os.path.join(tmp, name + '.stderr')).read()[-300:]!r}")
print(f"{label}: " + "; ".join(shares))
check("every node that was not killed exits 0 with finished", not bad, "; ".join(bad))
db = records(os.path.join(tmp, crawl + ".db.jsonl"))
db_urls = collections.Counter(r["url"] for r in db)
twice = [u for u, n in db_urls.items() if n > 1] + [u for u, n in lines.items() if n > 1]
check("no page recorded twice (database and every node's pages.jsonl)", not twice, f"{len(twice)} twice: {twice[:3]}")
if ref.startswith("web:"):
    want = int(ref[4:])
    fetched = {r["url"] for r in db if r.get("outcome") == "fetched"}
    check(f"every page of the polite web recorded once", len(fetched) == want and len(db) == want,
          f"{len(fetched)} fetched of {want}, {len(db)} records")
else:
    want = {key(r) for r in records(os.path.join(tmp, ref, "pages.jsonl"))}
    got = {key(r) for r in db}
    check(f"the exact page set of the single-node SQLite crawl ({len(want)} pages)", got == want,
          f"{len(got - want)} more, {len(want - got)} fewer")
starts, requests = collections.defaultdict(list), collections.Counter()
for line in open(os.path.join(tmp, crawl + ".access")):
    parts = line.split('"')
    if len(parts) < 3:
        continue
    msec, rtime, port = parts[0].split()
    starts[port].append(round((float(msec) - float(rtime)) * 1000))
    requests[(port, parts[1])] += 1
if gap:
    short, gmin = 0, None
    for port, ss in starts.items():
        ss.sort()
        for a, b in zip(ss, ss[1:]):
            gmin = b - a if gmin is None else min(gmin, b - a)
            short += (b - a) < gap
    check(f"no two request starts to one host closer than {gap} ms, across all nodes", short == 0 and gmin is not None,
          f"{len(starts)} hosts, min gap {gmin} ms, {short} under")
if maxreq:
    most = max(requests.values()) if requests else 0
    over = [r for r, n in requests.items() if n > maxreq]
    check(f"no URL requested more than {maxreq} times", not over and most > 0,
          f"most {most}; {sum(1 for n in requests.values() if n > 1)} URLs requested twice; over: {over[:3]}")
PY
}
THROUGHPUT_NODE=(--seed "$SEED" "${THROUGHPUT[@]}" "${PG_ARGS[@]}")
# docs_nodes PREFIX CRAWL [ARGS…] : three nodes PREFIX-a/b/c on the documentation site, crawl CRAWL; returns once
# 2 000 pages are in the database (mid-crawl), with MARK at the access log's end before they started.
docs_nodes() {
  local prefix=$1 crawl=$2 n; shift 2
  MARK=$(wc -l <"$ACCESS")
  for n in a b c; do start_node "$prefix-$n" "${THROUGHPUT_NODE[@]}" -s "store.crawl=$crawl" "$@"; done
  wait_pages "$crawl" 2000
}

if [[ " $PARTS " == *" 2 "* ]]; then
  log "part 2: three nodes on a polite web of $WEB_HOSTS hosts x $WEB_PAGES pages (1 s delay)"
  MARK=$(wc -l <"$ACCESS")
  for n in a b c; do
    start_node "polite-$n" --seeds "$TMP/web-seeds.txt" "${PG_ARGS[@]}" -s store.crawl=polite -s maxPages=0 \
      -s maxDepth=50 -s politeness.minDelayMs=1000 -s network.blockPrivateAddresses=false
  done
  wait_nodes polite-a polite-b polite-c
  check_part "3 nodes, polite web" polite "web:$((WEB_HOSTS * WEB_PAGES))" 1000 0 polite-a polite-b polite-c
fi

if [[ " $PARTS " == *" 3 "* ]]; then
  log "part 3: three nodes on the documentation site, the lease holder killed with SIGKILL"
  docs_nodes kill kill9 -s store.leaseMs=5000
  victim=$(wait_holder kill9)
  log "killing $victim (pid $(cat "$TMP/$victim.pid")) at $(db_pages kill9) pages"
  kill -KILL "$(cat "$TMP/$victim.pid")"
  wait_nodes kill-a kill-b kill-c
  specs=()
  for n in a b c; do if [ "kill-$n" = "$victim" ]; then specs+=("kill-$n:any"); else specs+=("kill-$n"); fi; done
  check_part "3 nodes, one SIGKILLed" kill9 sqlite-1 0 2 "${specs[@]}"
fi

if [[ " $PARTS " == *" 4 "* ]]; then
  log "part 4: three nodes on the documentation site, the lease holder SIGSTOPped past its lease"
  docs_nodes stop sigstop -s store.leaseMs=3000
  victim=$(wait_holder sigstop)
  log "stopping $victim (pid $(cat "$TMP/$victim.pid")) for 8 s at $(db_pages sigstop) pages"
  kill -STOP "$(cat "$TMP/$victim.pid")"
  sleep 8
  kill -CONT "$(cat "$TMP/$victim.pid")"
  wait_nodes stop-a stop-b stop-c
  check_part "3 nodes, one SIGSTOPped past its lease" sigstop sqlite-1 0 0 stop-a stop-b stop-c
fi

if [[ " $PARTS " == *" 5 "* ]]; then
  log "part 5: three nodes on the documentation site, PostgreSQL stopped for 10 s"
  docs_nodes pgdown pgstop
  log "stopping PostgreSQL at $(db_pages pgstop) pages"
  bench_pg_ctl stop
  sleep 10
  bench_pg_ctl start
  wait_nodes pgdown-a pgdown-b pgdown-c
  check_part "3 nodes, PostgreSQL stopped 10 s" pgstop sqlite-1 0 0 pgdown-a pgdown-b pgdown-c
  grep -h "unreachable\\|reachable again" "$TMP"/pgdown-*.stderr | sort | uniq -c | sed 's/^/   /' >&2 || true
fi

if [[ " $PARTS " == *" 6 "* ]]; then
  # The three-node crawl of part 3 (else 4, else 5), reported from the database, against part 1's single node.
  shared=
  for c in kill9 sigstop pgstop; do [ "$(db_pages "$c")" -gt 0 ] && { shared=$c; break; }; done
  [ -n "$shared" ] || die "part 6 needs one of parts 3-5"
  log "part 6: report --store … --crawl $shared against report $TMP/sqlite-1"
  env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" report --store "$PG_URL" --crawl "$shared" --format json \
    >"$TMP/report-shared.json" 2>"$TMP/report-shared.stderr" || die "report --store failed: $(tail -3 "$TMP/report-shared.stderr")"
  env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" report "$TMP/sqlite-1" --format json >"$TMP/report-single.json"
  "$PY" - "$TMP" "$shared" <<'PY'
import json, os, sys
tmp, shared = sys.argv[1:3]
a = json.load(open(os.path.join(tmp, "report-single.json")))
b = json.load(open(os.path.join(tmp, "report-shared.json")))
keys = ("pages", "fetched", "failed", "skipped", "bytes")
diff = [k for k in keys if a["totals"][k] != b["totals"][k]]
diff += [k for k in ("statuses", "errors", "skipped", "depths") if a[k] != b[k]]
broken = lambda r: sorted(json.dumps(x, sort_keys=True) for x in r["broken"])
if broken(a) != broken(b):
    diff.append("broken")
line = (f"{'PASS' if not diff else 'FAIL'}: report --store --crawl {shared} (3 nodes): the same counts and broken links "
        f"as the single-node crawl ({a['totals']['pages']} pages, {len(a['broken'])} broken targets"
        + (f"; differ: {diff}" if diff else "") + ")")
print(line)
open(os.path.join(tmp, "results"), "a").write(line + "\n")
PY
fi

echo
grep -c '^PASS' "$RESULTS" | xargs printf '%s checks passed\n'
if grep -q '^FAIL' "$RESULTS"; then
  grep '^FAIL' "$RESULTS"
  KEEP_TMP=${KEEP_TMP:-1}
  exit 1
fi
exit 0
