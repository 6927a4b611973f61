#!/usr/bin/env bash
# cluster-scale.sh — does adding crawler nodes add throughput? (issue 23). On the internet a crawl is bound by
# latency and politeness, not by the CPU, so the web here answers slowly: HOSTS origins (127.0.0.1:PORT, one
# port each) of PAGES pages, every response held back DELAY_MS by bench/SlowWeb.java (a Vert.x server: a timer,
# no thread sleeping). Its links cross hosts (page 0 of host i links to page 0 of hosts i+1 and i+37).
#
# For N in NODES (1 2 4), ROUNDS times (N = 1, 2, 4, 1, 2, 4, …), a fresh crawl of the whole web by N nodes sharing
# one PostgreSQL crawl (a server the script starts: initdb/pg_ctl on a free port, fsync on, pg_stat_statements),
# each node the launcher with the default config (4 workers, 1 s per-host delay) and every seed:
#   bin/vertx-crawler crawl --seeds SEEDS --out DIR --quiet --seeds-dir /nonexistent -s maxPages=0 -s maxDepth=50
#     -s network.blockPrivateAddresses=false -s store.kind=postgres -s store.url=postgresql://…/crawls
#     -s store.crawl=scale-N-R
# and prints per run, for the whole run (all nodes started together until the last exits) and for its steady
# state (from the moment every node has committed WARMUP pages to 90 % of the web: a node's warm-up, JVM start
# and JIT, is paid once per node): pages/s, the crawlers' CPU (user+sys, all nodes) per page — in the steady state
# without the JIT compiler threads, which are shown beside — the database's CPU per page; and its statements per
# page (pg_stat_statements calls, the script's own queries excluded).
# Checks (on the median of the rounds): every run fetched every page exactly once (the database's pages and the
# server's request count) and every node exited 0 with finished; steady pages/s at N=2 >= 1.8 x N=1 and at
# N=4 >= 3.2 x N=1; steady CPU per page at every N within 20 % of N=1 (the whole-run ratios are printed beside).
# One PASS/FAIL line each; exit 0 when all pass, 1 when one fails, 2 on a setup failure.
# The rounds take the noise out: on a 2-core machine one N = 4 run in four came out 1.4 x its neighbours (a steady
# window of 20 s, four JVMs, the database and the web server on two cores), so the checks are on the median of three.
# Then, in the first round only (controls, opt-in: APART=4 SPLIT=4 PART=4), for N in APART, N nodes at once each crawl the whole web on a crawl of its own: the machine as loaded
# as at N with nothing shared. Their steady CPU per page against N=1 alone is what co-location on this machine
# costs (N JVMs, PostgreSQL and the web server on its cores). For N in SPLIT, N nodes at once each crawl every
# N-th host on a crawl of its own (scope.hosts=seeds keeps it there): what each node does in the shared crawl, as
# young (as few pages into its crawl), with nothing shared. For N in PART, one node alone crawls every N-th host:
# a split node with the machine to itself. The shared crawl's steady CPU per page against split's and part's is
# what sharing one crawl costs, between nodes of the same age. Printed, not checked. The steady CPU is also shown by thread group (event loops, parse pool, GC and
# VM, JIT, other): the same pages parsed on N JVMs sharing the cores show how much dearer the same work gets.
#
# The JVM and its start-up cache: the nodes run on the newest JDK 25+ under /usr/lib/jvm when there is one (as
# broad-crawl.sh and peer-compare.sh do; VC_JAVA_HOME= picks another, java on PATH when there is none), so the
# launcher's start-up cache is an AOT cache with method profiles (JEP 515). Before the measured runs a training
# crawl of TRAIN_PAGES pages of the same web (one node, not measured) writes it, as a user's earlier crawl would;
# every node then starts with the profiles of a node that has crawled that far. That brings a young node close to
# an old one: on JDK 17 (a CDS archive, no profiles) or after a 200-page training crawl, a node's per-page code is
# still being profiled and compiled while it crawls, and four nodes of 1 000 pages each cost 1.3-1.5 x one node of
# 4 000; from a 2 000-page cache 1.0-1.3 x (profiles are cached, compiled code is not: four young JVMs still
# compile). BENCHMARKS.md, "Nodes against throughput".
#
# The nodes' JIT: NODE_JAVA_OPTS (default -XX:TieredStopAtLevel=1, C1 only, as the Compose cluster profile runs
# its nodes; passed to the launcher as JAVA_OPTS). A node on a slow web runs its per-page code a few dozen times a
# second, so with C2 it spends its life in C1's profiling tier and compiling; C1 alone costs less CPU per page at
# every N. For N in TIERED (1 4; "": none), once, in the first round, N nodes share a crawl with the launcher's
# default JIT (C1 and C2) and a start-up cache of their own, trained the same way: the JIT choice side by side.
#
# Usage: bench/cluster-scale.sh
# Env:   HOSTS=400 PAGES=10 DELAY_MS=100 NODES="1 2 4" APART= SPLIT= PART= (none; 4 for the controls) ROUNDS=3 WARMUP=300 (pages per node
#        before the steady state) TRAIN_PAGES=2000 (the training crawl) VC_JAVA_HOME=path (the nodes' JVM)
#        NODE_JAVA_OPTS="-XX:TieredStopAtLevel=1" (the nodes' JVM options) TIERED="1 4" (the controls with C2)
#        VC_JAR=path (default target/vertx-crawler.jar, rebuilt when missing or stale) CRAWL_TIMEOUT=900 (s per run)
#        KEEP_TMP=1
# Traffic stays on 127.0.0.1. Runs as root (apt-get for missing packages; the server runs as postgres).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOSTS=${HOSTS:-400}
PAGES=${PAGES:-10}
DELAY_MS=${DELAY_MS:-100}
NODES=${NODES:-1 2 4}
APART=${APART-}
SPLIT=${SPLIT-}
PART=${PART-}
WARMUP=${WARMUP:-300}
ROUNDS=${ROUNDS:-3}
TRAIN_PAGES=${TRAIN_PAGES:-2000}
NODE_JAVA_OPTS=${NODE_JAVA_OPTS--XX:TieredStopAtLevel=1}
TIERED=${TIERED-1 4}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-900}
PY=/usr/bin/python3
GTIME=/usr/bin/time

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -x "$GTIME" ] || need+=(time)
[ -x "$PY" ] || need+=(python3)
bench_java25_home
# The nodes' JVM (the launcher takes JAVA_HOME): exported, so the training crawl and every node use it.
[ -z "${VC_JAVA_HOME:-}" ] || export JAVA_HOME=$VC_JAVA_HOME
bench_jar_plan
bench_install_missing "${need[@]}"
bench_jar_build
bench_tmp

WEB_PID=
NODE_PIDS=()
stop_all() {
  local pid
  for pid in "${NODE_PIDS[@]}" $WEB_PID; do kill -KILL "$pid" 2>/dev/null || true; done
}
# set +e: under set -e a failing (exit $rc) would end the trap before the cleanup (PostgreSQL left running).
trap 'rc=$?; set +e; stop_all; (exit $rc); bench_cleanup' EXIT

read -r CONTROL_PORT PORTS <<<"$(bench_free_ports $((HOSTS + 1)))"
tr ' ' '\n' <<<"$PORTS" >"$TMP/ports"
for port in $PORTS; do echo "http://127.0.0.1:$port/p/0.html"; done >"$TMP/seeds.txt"
java -cp "$JAR" "$REPO/bench/SlowWeb.java" "$DELAY_MS" "$PAGES" "$TMP/ports" "$CONTROL_PORT" \
  >"$TMP/web.out" 2>"$TMP/web.err" &
WEB_PID=$!
disown "$WEB_PID"   # killed at the end: no "Killed" line from the shell
deadline=$((SECONDS + 60))
until grep -q ready "$TMP/web.out" 2>/dev/null; do
  kill -0 "$WEB_PID" 2>/dev/null || die "the slow web did not start: $(tail -3 "$TMP/web.err")"
  [ "$SECONDS" -lt "$deadline" ] || die "the slow web did not listen within 60 s"
  sleep 0.1
done
served() { "$PY" -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$CONTROL_PORT/').read().decode().strip())"; }

PG_OPTS="-c shared_preload_libraries=pg_stat_statements -c max_connections=200"
bench_pg_start
bench_psql "CREATE EXTENSION pg_stat_statements" >/dev/null
log "slow web: $HOSTS hosts x $PAGES pages, ${DELAY_MS} ms per response; PostgreSQL on 127.0.0.1:$PG_PORT"
# What every node runs with (the launcher's JAVA_OPTS and its start-up cache, written by the training crawl);
# the tiered controls set their own.
RUN_JAVA_OPTS=$NODE_JAVA_OPTS
RUN_CACHE=$TMP/vc-cache

NODE_ARGS=(--quiet --seeds-dir /nonexistent -s maxPages=0 -s maxDepth=50
  -s network.blockPrivateAddresses=false -s store.kind=postgres -s "store.url=$PG_URL")

# jvm_ticks GROUPS_FILE PID… : "ALL JIT" — user+sys clock ticks of the JVMs among the PIDs, all their threads, and
# those of their JIT compiler threads (C1/C2 CompilerThread) alone; appends the same ticks by thread group (event
# loops, JIT, GC and VM, parse pool, other) to GROUPS_FILE as one JSON line, for the "where the CPU goes" table.
jvm_ticks() {
  "$PY" - "$@" <<'PY'
import json, os, sys
total = jit = 0
groups = {}
def group(comm):
    for prefix, name in (("vert.x-eventloo", "event loops"), ("C1 Compiler", "JIT"), ("C2 Compiler", "JIT"),
                         ("GC Thread", "GC, VM"), ("VM ", "GC, VM"), ("G1 ", "GC, VM"), ("crawl-parse", "parse")):
        if comm.startswith(prefix):
            return name
    return "other"
for pid in sys.argv[2:]:
    try:
        if open(f"/proc/{pid}/comm").read().strip() != "java":
            continue
        for tid in os.listdir(f"/proc/{pid}/task"):
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
            comm, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
            ticks = int(rest[11]) + int(rest[12])  # utime, stime: fields 14 and 15 of stat
            total += ticks
            groups[group(comm)] = groups.get(group(comm), 0) + ticks
            if comm.startswith(("C1 Compiler", "C2 Compiler")):
                jit += ticks
    except (FileNotFoundError, ProcessLookupError):
        pass  # a thread (or the JVM) that just ended
with open(sys.argv[1], "a") as f:
    f.write(json.dumps(groups) + "\n")
print(total, jit)
PY
}

# crawls_of NAME : the SQL condition for the crawls of run NAME — the shared crawl NAME, or NAME-1 … NAME-N apart.
crawls_of() { echo "(k.name = '$1' OR k.name LIKE '$1-%')"; }

# sample NAME N WANT : the steady state of a run, as two lines in NAME.marks (the time, the pages in the
# database, the nodes' CPU ticks — user+sys of their JVMs — and the database's): the first once every one of the
# N nodes has committed WARMUP pages (a JVM's warm-up — class loading, the JIT — is per node: marking at a share
# of the crawl would put 4 nodes' warm-ups in the window at N=4 and one at N=1), the second at 90 % of the pages
# of its crawls, WANT pages in all.
sample() {
  local name=$1 n=$2 want=$3 marks=0 row nodes least total pid ticks
  : >"$TMP/$name.marks"
  while [ "$marks" -lt 2 ]; do
    row=$(bench_psql "SELECT count(*), coalesce(min(c), 0), coalesce(sum(c), 0) FROM (SELECT count(*) AS c FROM pages p
      JOIN crawls k ON k.id = p.crawl_id WHERE $(crawls_of "$name") GROUP BY p.crawl_id, p.node) s" 2>/dev/null \
      || echo "0|0|0")
    IFS='|' read -r nodes least total <<<"$row"
    if { [ "$marks" = 0 ] && [ "$nodes" -ge "$n" ] && [ "$least" -ge "$WARMUP" ]; } \
      || { [ "$marks" = 1 ] && [ "$total" -ge $((want * 9 / 10)) ]; }; then
      ticks=$(jvm_ticks "$TMP/$name.groups" $(pgrep -f -- "--out $TMP/$name-[0-9]" || true))
      echo "$(date +%s.%N) $total $ticks $(bench_pg_ticks)" >>"$TMP/$name.marks"
      marks=$((marks + 1))
    fi
    sleep 0.2
  done
}

# run NAME N [shared|apart|split] : N nodes started together — shared: on one crawl NAME; apart: each on its own
# crawl NAME-K of the whole web (the machine as loaded, nothing shared); split: each on its own crawl NAME-K of
# every N-th host (scope.hosts=seeds keeps it there: each node crawls what it would in the shared crawl, nothing
# shared). Writes NAME.run (wall, pages served, db ticks, statements, crawls, pages per crawl), NAME.db.jsonl (one
# line per page: the crawl's name, then its record) and each node's NAME-K.time (GNU time: wall user sys), NAME-K.rc.
run() {
  local name=$1 n=$2 mode=${3:-shared} of=${4:-$2} k pid t0 t1 served0 ticks0 rc crawl crawls=1 per=$((HOSTS * PAGES)) seeds
  [ "$mode" = shared ] || crawls=$n
  [ "$mode" = split ] && per=$((HOSTS / of * PAGES))
  bench_psql "SELECT pg_stat_statements_reset()" >/dev/null
  served0=$(served)
  ticks0=$(bench_pg_ticks)
  NODE_PIDS=()
  t0=$(date +%s.%N)
  for k in $(seq 1 "$n"); do
    crawl=$name seeds=$TMP/seeds.txt
    [ "$mode" = shared ] || crawl=$name-$k
    if [ "$mode" = split ]; then
      seeds=$TMP/$name-$k.seeds
      awk -v n="$of" -v k="$k" 'NR % n == k % n' "$TMP/seeds.txt" >"$seeds"
    fi
    timeout "$CRAWL_TIMEOUT" "$GTIME" -f '%e %U %S' -o "$TMP/$name-$k.time" \
      env VC_JAR="$JAR" JAVA_OPTS="$RUN_JAVA_OPTS" XDG_CACHE_HOME="$RUN_CACHE" "$REPO/bin/vertx-crawler" crawl \
      --out "$TMP/$name-$k" "${NODE_ARGS[@]}" --seeds "$seeds" -s "store.crawl=$crawl" \
      >"$TMP/$name-$k.stdout" 2>"$TMP/$name-$k.stderr" &
    NODE_PIDS+=("$!")
  done
  sample "$name" "$n" $((crawls * per)) &
  local sampler=$!
  k=0
  for pid in "${NODE_PIDS[@]}"; do
    k=$((k + 1))
    rc=0
    wait "$pid" || rc=$?
    echo "$rc" >"$TMP/$name-$k.rc"
  done
  t1=$(date +%s.%N)
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  NODE_PIDS=()
  local statements
  statements=$(bench_psql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%'")
  # The database's time by statement (what its CPU per page is made of): calls, ms, rows, the statement's start.
  bench_psql "SELECT calls, round(total_exec_time), rows, regexp_replace(left(query, 90), '\s+', ' ', 'g')
    FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%' ORDER BY total_exec_time DESC LIMIT 6" \
    >"$TMP/$name.statements"
  echo "$t0 $t1 $(( $(served) - served0 )) $(( $(bench_pg_ticks) - ticks0 )) $statements $crawls $per" >"$TMP/$name.run"
  bench_psql "SELECT k.name || ' ' || p.record FROM pages p JOIN crawls k ON k.id = p.crawl_id
    WHERE $(crawls_of "$name")" >"$TMP/$name.db.jsonl"
}

# The first crawl (a part of the web, not measured) writes the launcher's start-up cache, as a user's first would.
JVM_NAME=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.runtime.version = //p')
# train NAME JAVA_OPTS CACHE_DIR : a training crawl of TRAIN_PAGES pages that writes the start-up cache CACHE_DIR.
train() {
  log "training crawl $1: $TRAIN_PAGES pages, one node, on Java $JVM_NAME${2:+ ($2)} (writes the launcher's start-up cache)"
  timeout "$CRAWL_TIMEOUT" env VC_JAR="$JAR" JAVA_OPTS="$2" XDG_CACHE_HOME="$3" "$REPO/bin/vertx-crawler" crawl \
    --out "$TMP/$1" --seeds "$TMP/seeds.txt" "${NODE_ARGS[@]}" -s "store.crawl=$1" -s "maxPages=$TRAIN_PAGES" \
    >"$TMP/$1.stdout" 2>"$TMP/$1.stderr" || die "the training crawl $1 failed: $(tail -3 "$TMP/$1.stderr")"
}
train warmup "$NODE_JAVA_OPTS" "$TMP/vc-cache"
[ -z "$TIERED" ] || train warmup-tiered "" "$TMP/vc-cache-tiered"

RUNS=()
for r in $(seq 1 "$ROUNDS"); do
  for n in $NODES; do
    log "round $r: $n node(s)"
    run "scale-$n-$r" "$n"
    RUNS+=("scale-$n-$r:$n")
  done
  [ "$r" = 1 ] || continue # the controls: once
  for n in $APART; do
    log "round $r: $n node(s) apart (each its own crawl of the whole web, at the same time)"
    run "apart-$n-$r" "$n" apart
    RUNS+=("apart-$n-$r:$n")
  done
  for n in $SPLIT; do
    log "round $r: $n node(s) split (each its own crawl of every $n-th host, at the same time)"
    run "split-$n-$r" "$n" split
    RUNS+=("split-$n-$r:$n")
  done
  for n in $PART; do
    log "round $r: 1 node alone on every $n-th host (a split node's crawl, the machine to itself)"
    run "part-$n-$r" 1 split "$n"
    RUNS+=("part-$n-$r:$n")
  done
  for n in $TIERED; do
    log "round $r: $n node(s) with the launcher's default JIT (C1 and C2), their own trained start-up cache"
    RUN_JAVA_OPTS="" RUN_CACHE=$TMP/vc-cache-tiered run "tiered-$n-$r" "$n"
    RUNS+=("tiered-$n-$r:$n")
  done
done

"$PY" - "$TMP" "$((HOSTS * PAGES))" "$HOSTS" "$PAGES" "$DELAY_MS" "$JVM_NAME" "$TRAIN_PAGES" "$NODE_JAVA_OPTS" \
  "${RUNS[@]}" <<'PY'
import collections, json, os, statistics, sys
tmp, want, hosts, pages, delay = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
jvm, train, node_opts = sys.argv[6], sys.argv[7], sys.argv[8]
runs = [a.split(":") for a in sys.argv[9:]]
ticks_per_s = os.sysconf("SC_CLK_TCK")
fails, rows, by_n = [], [], collections.defaultdict(list)
for name, n in runs:
    n = int(n)
    t0, t1, served, ticks, statements, crawls, per = open(os.path.join(tmp, name + ".run")).read().split()
    crawls, per = int(crawls), int(per)
    apart = name.split("-")[0] in ("apart", "split", "part")  # nodes on crawls of their own
    control = not name.startswith("scale-")  # printed, not in the medians
    wall = float(t1) - float(t0)
    by_crawl = collections.defaultdict(list)
    with open(os.path.join(tmp, name + ".db.jsonl")) as f:
        for line in f:
            if line.strip():
                crawl, record = line.split(" ", 1)
                by_crawl[crawl].append(json.loads(record))
    recs = [r for rs in by_crawl.values() for r in rs]
    fetched = [r for r in recs if r.get("outcome") == "fetched"]
    if len(by_crawl) != crawls:
        fails.append(f"{name}: {len(by_crawl)} crawls in the database, {crawls} started")
    for crawl, rs in sorted(by_crawl.items()):
        urls = collections.Counter(r["url"] for r in rs)
        done = sum(1 for r in rs if r.get("outcome") == "fetched")
        if done != per or len(rs) != per or max(urls.values(), default=0) > 1:
            fails.append(f"{crawl}: {done} fetched and {len(rs)} records of {per} pages, "
                         f"{sum(1 for c in urls.values() if c > 1)} recorded twice")
    cpu = 0.0
    nodes = crawls if apart else n  # part-N: one node, on every N-th host
    for k in range(1, nodes + 1):
        base = os.path.join(tmp, f"{name}-{k}")
        rc = int(open(base + ".rc").read())
        summary = os.path.join(base, "summary.json")
        reason = json.load(open(summary)).get("finishReason") if os.path.exists(summary) else None
        if rc != 0 or reason != "finished":
            fails.append(f"{name} node {k}: exit {rc}, finishReason {reason}: {open(base + '.stderr').read()[-300:]!r}")
        e, u, s = open(base + ".time").read().split()[-3:]
        cpu += float(u) + float(s)
    if int(served) != per * crawls:
        fails.append(f"{name}: the server answered {served} page requests for {per * crawls} pages")
    marks = [l.split() for l in open(os.path.join(tmp, name + ".marks")) if l.strip()]
    if len(marks) == 2:
        (ta, ca, na, ja, da), (tb, cb, nb, jb, db) = marks
        done = int(cb) - int(ca)
        steady = done / (float(tb) - float(ta))
        steady_jit = 1000 * (int(jb) - int(ja)) / ticks_per_s / done
        steady_cpu = 1000 * (int(nb) - int(na)) / ticks_per_s / done - steady_jit
        steady_db = 1000 * (int(db) - int(da)) / ticks_per_s / done
    else:
        steady = steady_cpu = steady_jit = steady_db = float("nan")
        fails.append(f"{name}: the sampler saw {len(marks)} of its 2 marks (every node past its warm-up, 90 % of the pages)")
    n_pages = max(len(fetched), 1)
    row = dict(name=name, n=n, nodes=nodes, pages=len(fetched), wall=wall, pps=len(fetched) / wall, cpu_ms=1000 * cpu / n_pages,
               db_ms=1000 * int(ticks) / ticks_per_s / n_pages, stmts=int(statements) / n_pages,
               steady=steady, steady_cpu=steady_cpu, steady_jit=steady_jit, steady_db=steady_db)
    row["apart"] = apart
    rows.append(row)
    if not control:
        by_n[n].append(row)
print(f"slow web: {hosts} hosts x {pages} pages, {delay} ms per response; default config (4 workers, 1 s per-host delay)")
print(f"nodes: the launcher on Java {jvm}, JAVA_OPTS={node_opts or '(none)'}, its start-up cache written by a "
      f"training crawl of {train} pages; tiered-N: the launcher's default JIT (C1 and C2), a cache of their own")
print(f"{'':18} {'--------- whole run ---------':>37}  {'------ steady (warm to 90 % of pages) ------':>46}")
print(f"{'run':12} {'nodes':>5} {'wall s':>7} {'pages/s':>8} {'CPU ms/pg':>10} {'db ms/pg':>9}  {'pages/s':>8} "
      f"{'CPU ms/pg':>10} {'JIT ms/pg':>10} {'db ms/pg':>9} {'stmts/pg':>9}")
for r in rows:
    print(f"{r['name']:12} {r['nodes']:5} {r['wall']:7.1f} {r['pps']:8.1f} {r['cpu_ms']:10.2f} {r['db_ms']:9.2f}  "
          f"{r['steady']:8.1f} {r['steady_cpu']:10.2f} {r['steady_jit']:10.2f} {r['steady_db']:9.2f} {r['stmts']:9.2f}")
print("CPU: user+sys of every node's JVM; steady CPU leaves out the JIT compiler threads (shown beside): a JVM's")
print("compilation is paid once per node, not per page.")
# The database's time by statement, per run: calls and ms per page, rows per call.
for r in rows:
    path = os.path.join(tmp, r["name"] + ".statements")
    if os.path.exists(path):
        print(f"database time by statement, {r['name']} (per page: calls, ms; rows per call):")
        for line in open(path):
            parts = line.rstrip("\n").split("|", 3)
            if len(parts) == 4:
                calls, ms, nrows, query = parts
                print(f"  {int(calls) / r['pages']:6.2f} {float(ms) / r['pages']:6.3f} ms {int(nrows) / max(int(calls), 1):7.1f}  {query}")
# Where the steady CPU goes: ms per page by thread group, all nodes together.
names = ["event loops", "parse", "GC, VM", "JIT", "other"]
print(f"steady CPU ms per page by thread group: {'run':12} " + " ".join(f"{g:>11}" for g in names))
for r in rows:
    path = os.path.join(tmp, r["name"] + ".groups")
    lines = [json.loads(l) for l in open(path)] if os.path.exists(path) else []
    marks = [l.split() for l in open(os.path.join(tmp, r["name"] + ".marks")) if l.strip()]
    if len(lines) == 2 and len(marks) == 2:
        done = int(marks[1][1]) - int(marks[0][1])
        cells = [1000 * (lines[1].get(g, 0) - lines[0].get(g, 0)) / ticks_per_s / done for g in names]
        print(f"{'':40} {r['name']:12} " + " ".join(f"{c:11.2f}" for c in cells))
keys = ("pps", "cpu_ms", "db_ms", "stmts", "steady", "steady_cpu", "steady_jit", "steady_db")
med = {n: {k: statistics.median(r[k] for r in rs) for k in keys} for n, rs in sorted(by_n.items())}
one = med.get(1)
if one:
    for n, m in med.items():
        print(f"N={n} against N=1 (medians): steady pages/s {m['steady'] / one['steady']:.2f}x, steady CPU/page "
              f"{m['steady_cpu'] / one['steady_cpu']:.2f}x; whole run pages/s {m['pps'] / one['pps']:.2f}x, "
              f"CPU/page {m['cpu_ms'] / one['cpu_ms']:.2f}x")
# Apart: N nodes at once, each crawling the whole web on its own crawl — the machine as loaded as at N, nothing
# shared; split: each crawling every N-th host on its own — as loaded, and each node as young (as few pages) as in
# the shared crawl. Against N=1, what co-location (and a node's age) alone cost per page; the shared crawl against
# split, what sharing one crawl costs.
# Part: one node alone on every N-th host — a split node's crawl (as young: as few pages) with the machine to
# itself. The shared crawl at N against it compares nodes of the same age.
for kind, what in (("apart", "N nodes at once, each its own crawl of the whole web"),
                   ("split", "N nodes at once, each its own crawl of every N-th host"),
                   ("part", "1 node alone, its own crawl of every N-th host")):
    for n in sorted({r["n"] for r in rows if r["name"].startswith(kind + "-")}):
        a = statistics.median(r["steady_cpu"] for r in rows if r["name"].startswith(kind + "-") and r["n"] == n)
        if one:
            print(f"{kind} N={n} ({what}): steady CPU/page {a:.2f} ms = {a / one['steady_cpu']:.2f}x N=1 on the "
                  f"whole web" + (f"; the shared crawl at N={n} is {med[n]['steady_cpu'] / a:.2f}x theirs"
                                  if n in med else ""))
# Tiered: the same shared crawl with the launcher's default JIT (C1 and C2) — what the nodes' JIT choice buys.
tiered = {r["n"]: r for r in rows if r["name"].startswith("tiered-")}
for n, r in sorted(tiered.items()):
    base = med.get(n)
    print(f"tiered N={n} (C1 and C2): steady CPU/page {r['steady_cpu']:.2f} ms, JIT {r['steady_jit']:.2f}, whole run "
          f"{r['cpu_ms']:.2f}" + (f"; the nodes as run ({node_opts or 'no options'}): {base['steady_cpu']:.2f}, "
                                  f"{base['steady_jit']:.2f}, {base['cpu_ms']:.2f}" if base else "")
          + (f"; N={n} against N=1 with C2: {r['steady_cpu'] / tiered[1]['steady_cpu']:.2f}x" if 1 in tiered and n != 1 else ""))
results = []
def check(what, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}: {what}" + (f" ({detail})" if detail else ""))
check("every run fetched every page exactly once and every node exited 0 with finished", not fails, "; ".join(fails[:5]))
# The checks are on the steady state: a node's warm-up (JVM start and JIT, robots.txt of its first hosts) and the
# crawl's end (the last hosts claimed drain at one page per delay, whoever holds them) cost about the same
# seconds at every N, so on a short crawl they weigh more the more nodes share it.
if one:
    for n, need in ((2, 1.8), (4, 3.2)):
        if n in med:
            ratio = med[n]["steady"] / one["steady"]
            check(f"steady pages/s at N={n} at least {need} x N=1", ratio >= need, f"{ratio:.2f} x")
    for n in med:
        if n != 1:
            ratio = med[n]["steady_cpu"] / one["steady_cpu"]
            check(f"steady CPU per page at N={n} within 20 % of N=1", ratio <= 1.2, f"{ratio:.2f} x")
sys.exit(0 if all(results) else 1)
PY
