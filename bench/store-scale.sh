#!/usr/bin/env bash
# store-scale.sh — does the SQLite frontier store scale to a million URLs, and what does it cost?
#
# Requirement lines (issue "Crawl state in SQLite"):
#  (a) "A synthetic site with 1 000 000 reachable unique URLs (generated on the fly by a local server) crawled
#      in throughput mode with -Xmx256m: no OutOfMemoryError, heap flat as the frontier grows; report pages/s,
#      store rows/s, bytes on disk per frontier URL."
#  (b) "On a 10 000-page site, throughput with the store within 20 % of the same crawl without it (measure
#      both, same run)."
#
# The site is bench/SyntheticWeb.java (JDK only, 127.0.0.1): /p/0 … /p/(N-1), ~5 KB each, page i linking to
# its children i*100+1 … i*100+100 (< N), its parent and /p/0; robots.txt and sitemap.xml are 404s. A
# breadth-first crawl that fetched k pages of the 1 000 000-page site has admitted ~100·k URLs, so
# maxPages=12000 takes the frontier (crawl.db's urls table) past 1 000 000 rows.
#
# Throughput mode: -s politeness.minDelayMs=0 -s politeness.maxConcurrencyPerHost=8 -s workers=8
#                  -s maxDepth=100, everything else default (politeness.adaptive stays on).
#
# (a) one crawl: -Xmx256m, store.kind=sqlite, maxPages=A_MAX_PAGES. Every second: urls/pages rows and
#     crawl.db(+wal) size (sqlite3 read-only on the live WAL database) and the heap (jstat -gc); the GC log
#     (-Xlog:gc) gives the heap after every collection. With LIVE_GC=1 (default) the script also forces a
#     full GC (jcmd PID GC.run) when the urls table passes 25, 50, 75 and 95 % of the site: the heap after
#     those is the live heap, and flat = its last value at most HEAP_GROWTH_MAX_MB above its first (the
#     frontier grows by ~700 000 URLs in between). Young-GC values are printed too but only bound the live
#     heap from above (G1 leaves old-gen garbage until a mixed collection); without 3 forced GCs the gate
#     falls back to: mean heap-after-GC of the last quarter at most HEAP_GROWTH_MAX_MB above the second's.
#     The forced GCs (4 pauses of ~0.1 s, 4 jcmd launches) cost (a) a little throughput.
#     For contrast: the same crawl with store.kind=memory fills the 256 MB heap at ~800 000 URLs and dies
#     of OutOfMemoryError.
#     pages/s = fetched / summary.json elapsedSeconds; store rows/s = (urls + pages + links rows) / the same
#     seconds; bytes per frontier URL = (crawl.db + crawl.db-wal at exit) / urls rows.
#     Also shown: the bytes the crawler process wrote to disk (/proc/PID/io write_bytes; WAL + checkpoints).
#     Sample times are seconds since launch, GC-log and jstat times JVM uptime (the same to a few ms).
#     PASS = exit 0, no OutOfMemoryError anywhere in the output, urls rows >= A_SITE_URLS, heap flat.
# (b) the 10 000-page site crawled fully, store.kind=memory and store.kind=sqlite alternating, B_RUNS each
#     (after one untimed warm-up crawl), same JVM options; medians. pages/s = fetched / elapsedSeconds.
#     PASS = median sqlite pages/s >= 0.8 × median memory pages/s.
#     With B_DIAG=1 (default) the same pairs are also run with -s politeness.adaptive=false and printed as a
#     diagnostic (not the requirement's mode, not gating): the adaptive delay follows response latency, and
#     any non-zero per-host delay spaces request starts (after the previous start and end), which can cap both
#     stores at one rate and hide the store's cost.
#
# Exits 1 when a requirement fails, 2 on a setup failure (or a (b) crawl that did not finish the site).
#
# Usage: bench/store-scale.sh
# Env:   VC_JAR=path (use this jar as is; default target/vertx-crawler.jar, rebuilt when missing or stale)
#        A_SITE_URLS=1000000  A_MAX_PAGES=12000  A_TIMEOUT=420 (s; on expiry the crawl gets SIGTERM and the
#        table shows how far it got)  HEAP=256m (-Xmx for every crawl)  HEAP_GROWTH_MAX_MB=16
#        B_PAGES=10000  B_RUNS=3  B_TIMEOUT=180 (s, per crawl)  B_DIAG=1  PARTS="a b"
#        LIVE_GC=1 (forced full GCs in (a) to measure the live heap; 0 = none)
#        PROFILE=1 (JFR-record crawl (a) and print where the store thread's time goes; perturbs (a) a little)
#        KEEP_TMP=1 (keep the temp dir with logs, GC logs, samples and crawl outputs)
# Traffic goes to 127.0.0.1 only.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
A_SITE_URLS=${A_SITE_URLS:-1000000}
A_MAX_PAGES=${A_MAX_PAGES:-12000}
A_TIMEOUT=${A_TIMEOUT:-420}
HEAP=${HEAP:-256m}
HEAP_GROWTH_MAX_MB=${HEAP_GROWTH_MAX_MB:-16}
B_PAGES=${B_PAGES:-10000}
B_RUNS=${B_RUNS:-3}
B_TIMEOUT=${B_TIMEOUT:-180}
B_DIAG=${B_DIAG:-1}
PARTS=${PARTS:-a b}
PROFILE=${PROFILE:-0}
LIVE_GC=${LIVE_GC:-1}
PY=/usr/bin/python3            # Debian's python; only the standard library is used
THROUGHPUT=(-s politeness.minDelayMs=0 -s politeness.maxConcurrencyPerHost=8 -s workers=8 -s maxDepth=100)

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------- 1. tools
need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)   # java File.java and jstat need the JDK
command -v jstat >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ -x "$PY" ] || need+=(python3)
JAR=${VC_JAR:-$REPO/target/vertx-crawler.jar}
build=0
if [ -z "${VC_JAR:-}" ] && { [ ! -f "$JAR" ] ||
    [ -n "$(find "$REPO/src/main" "$REPO/pom.xml" -newer "$JAR" -type f -print -quit)" ]; }; then
  build=1
fi
[ "$build" = 1 ] && { command -v mvn >/dev/null 2>&1 || need+=(maven); }
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends $(printf '%s\n' "${need[@]}" | sort -u) >/dev/null
fi
if [ "$build" = 1 ]; then
  log "building $JAR (missing or older than src/main, pom.xml)"
  (cd "$REPO" && mvn -B -q package -DskipTests) >"${TMPDIR:-/tmp}/store-scale-build.log" 2>&1 \
    || die "build failed: see ${TMPDIR:-/tmp}/store-scale-build.log"
fi
[ -f "$JAR" ] || die "jar not found: $JAR"
[ -f "$REPO/bench/SyntheticWeb.java" ] || die "bench/SyntheticWeb.java not found"

# ---------------------------------------------------------------- 2. temp dir, cleanup, the site server
TMP=$(mktemp -d /tmp/store-scale.XXXXXX)
SITE_PID=
CRAWL_PID=
BG_PIDS=()
stop_pid() {   # stop_pid PID: SIGTERM, then SIGKILL after 10 s; only processes this script started
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  for pid in "${BG_PIDS[@]}" "$CRAWL_PID" "$SITE_PID"; do stop_pid "$pid"; done
  if [ "${KEEP_TMP:-0}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_site N: serves N pages on a free port of 127.0.0.1; sets SITE_PID and BASE.
start_site() {
  local n=$1 out="$TMP/site-$1.out"
  stop_pid "$SITE_PID"
  java -Xmx256m "$REPO/bench/SyntheticWeb.java" 0 "$n" 100 4 >"$out" 2>&1 &
  SITE_PID=$!
  for _ in $(seq 300); do
    grep -q '^listening on ' "$out" 2>/dev/null && break
    kill -0 "$SITE_PID" 2>/dev/null || die "SyntheticWeb exited: $(cat "$out")"
    sleep 0.1
  done
  BASE=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$out")
  [ -n "$BASE" ] || die "SyntheticWeb did not start: $(cat "$out")"
  curl -sf -o /dev/null "$BASE/p/0" || die "$BASE/p/0 does not answer"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/robots.txt")" = 404 ] || die "$BASE/robots.txt is not a 404"
  log "SyntheticWeb pid $SITE_PID: $n pages at $BASE/p/0"
}

site_stats() { curl -s "$BASE/__stats" | tr -d '\n'; }
now_ns() { date +%s%N; }
machine_line() { printf '%s CPUs, load average %s' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"; }

rc_all=0
log "machine: $(machine_line) (other work on this machine skews every number below)"

# ---------------------------------------------------------------- 3. (a) the 1 000 000-URL site
part_a() {
  start_site "$A_SITE_URLS"
  local dir="$TMP/a" t0 t_end deadline rc=0 jfr=()
  mkdir -p "$TMP/a-logs"
  [ "$PROFILE" = 1 ] && jfr=(-XX:StartFlightRecording=filename="$TMP/a-logs/a.jfr",settings=profile)
  log "(a) crawling $BASE/p/0 with -Xmx$HEAP, store sqlite, maxPages=$A_MAX_PAGES (timeout ${A_TIMEOUT}s) — $(machine_line)"
  t0=$(now_ns)
  java -Xmx"$HEAP" -Xlog:gc:file="$TMP/a-logs/gc.log":uptime "${jfr[@]}" -jar "$JAR" crawl --seed "$BASE/p/0" \
    --out "$dir" --quiet --seeds-dir /nonexistent "${THROUGHPUT[@]}" -s maxPages="$A_MAX_PAGES" \
    -s store.kind=sqlite >"$TMP/a-logs/stdout" 2>"$TMP/a-logs/stderr" &
  CRAWL_PID=$!
  # The heap every second (jstat attaches once the JVM publishes its perf data).
  (
    for _ in $(seq 50); do
      kill -0 "$CRAWL_PID" 2>/dev/null || exit 0
      # Each line prefixed with ms since launch (jstat -t prints "-" for the timestamp here).
      jstat -gc "$CRAWL_PID" 1000 2>/dev/null | while IFS= read -r line; do
        printf '%s %s\n' "$(( ($(now_ns) - t0) / 1000000 ))" "$line"
      done >>"$TMP/a-logs/jstat.txt"
      [ -s "$TMP/a-logs/jstat.txt" ] && exit 0
      sleep 0.2
    done
  ) &
  BG_PIDS+=($!)
  # The store every second: rows (max rowid: cheap on a live database) and file sizes.
  : >"$TMP/a-logs/samples.txt"
  deadline=$(( $(date +%s) + A_TIMEOUT ))
  local termed=0 killed=0 next_mark=0
  while kill -0 "$CRAWL_PID" 2>/dev/null; do
    if [ -f "$dir/crawl.db" ]; then
      local t q db wal
      t=$(( ($(now_ns) - t0) / 1000000 ))
      q=$(sqlite3 -readonly -cmd '.timeout 2000' "$dir/crawl.db" \
            'SELECT coalesce((SELECT max(id) FROM urls),0), coalesce((SELECT max(seq) FROM pages),0);' 2>/dev/null \
          | tr '|' ' ') || q=""
      db=$(stat -c %s "$dir/crawl.db" 2>/dev/null || echo 0)
      wal=$(stat -c %s "$dir/crawl.db-wal" 2>/dev/null || echo 0)
      [ -n "$q" ] && printf '%s %s %s %s\n' "$t" "$q" "$db" "$wal" >>"$TMP/a-logs/samples.txt"
      # The live heap: a full GC (jcmd GC.run = System.gc()) once the frontier passes 25/50/75/95 % of the site.
      if [ "$LIVE_GC" = 1 ] && [ -n "$q" ] && [ "$next_mark" -lt 4 ]; then
        local mark=$(( A_SITE_URLS * (next_mark == 3 ? 95 : 25 * (next_mark + 1)) / 100 ))
        if [ "${q%% *}" -ge "$mark" ]; then
          jcmd "$CRAWL_PID" GC.run >/dev/null 2>&1 || true
          next_mark=$(( next_mark + 1 ))
        fi
      fi
    fi
    # What the crawler has written to disk so far (the last snapshot before it exits is kept).
    sed -n 's/^write_bytes: //p' "/proc/$CRAWL_PID/io" >"$TMP/a-logs/io.tmp" 2>/dev/null \
      && [ -s "$TMP/a-logs/io.tmp" ] && mv "$TMP/a-logs/io.tmp" "$TMP/a-logs/io.txt"
    if [ "$(date +%s)" -ge "$deadline" ]; then
      if [ "$termed" = 0 ]; then
        log "(a) timeout after ${A_TIMEOUT}s: SIGTERM (the crawl writes its summary and stops)"
        kill -TERM "$CRAWL_PID" 2>/dev/null || true; termed=1; deadline=$(( deadline + 60 ))
      elif [ "$killed" = 0 ]; then
        log "(a) still running 60 s after SIGTERM: SIGKILL"
        kill -KILL "$CRAWL_PID" 2>/dev/null || true; killed=1
      fi
    fi
    sleep 1
  done
  wait "$CRAWL_PID" || rc=$?
  CRAWL_PID=
  t_end=$(now_ns)
  for pid in "${BG_PIDS[@]}"; do stop_pid "$pid"; done
  BG_PIDS=()
  log "(a) crawl exited $rc after $(( (t_end - t0) / 1000000 )) ms; site: $(site_stats)"
  local db_end=0 wal_end=0 counts="0 0 0" states=""
  if [ -f "$dir/crawl.db" ]; then
    counts=$(sqlite3 -readonly "$dir/crawl.db" \
      'SELECT (SELECT count(*) FROM urls), (SELECT count(*) FROM pages), (SELECT coalesce(sum(n), 0) FROM links);' | tr '|' ' ')
    states=$(sqlite3 -readonly "$dir/crawl.db" 'SELECT state || ":" || count(*) FROM urls GROUP BY state;' | tr '\n' ' ')
    db_end=$(stat -c %s "$dir/crawl.db")
    wal_end=$(stat -c %s "$dir/crawl.db-wal" 2>/dev/null || echo 0)
  fi
  local oom=0
  grep -qs 'OutOfMemoryError' "$TMP/a-logs/stdout" "$TMP/a-logs/stderr" "$TMP/a-logs/gc.log" && oom=1
  # java writes hs_err / heap dumps into the working directory on a crash: look there too.
  printf '%s\n' "$rc" "$counts" "$db_end" "$wal_end" "$oom" "$termed" "$(( (t_end - t0) / 1000000 ))" \
    "$states" >"$TMP/a-logs/result.txt"
  "$PY" - "$TMP/a-logs" "$dir" "$A_SITE_URLS" "$HEAP_GROWTH_MAX_MB" "$HEAP" <<'PY' || rc_all=1
import json, os, re, statistics, sys
logs, out, want_urls, growth_max, heap = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
res = open(os.path.join(logs, "result.txt")).read().split("\n")
rc, (urls, pages, links), db_end, wal_end, oom, termed, wall_ms = (int(res[0]), map(int, res[1].split()),
    int(res[2]), int(res[3]), res[4] == "1", res[5] == "1", int(res[6]))
states = res[7].strip()
summary = {}
try:
    summary = json.load(open(os.path.join(out, "summary.json")))
except Exception:
    pass
secs = summary.get("elapsedSeconds") or wall_ms / 1000
fetched = summary.get("pages", {}).get("fetched")
if fetched is None:
    fetched = pages
reason = summary.get("finishReason", "(no summary.json)")

unit = {"K": 1 / 1024, "M": 1, "G": 1024}
gcs = []    # (uptime s, heap after GC MB) for young and full pauses that the crawl itself caused
live = []   # (uptime s, heap after GC MB) for the full GCs the script asked for: the live heap
for line in open(os.path.join(logs, "gc.log"), errors="replace"):
    m = re.match(r"\[(\d+\.\d+)s\].*Pause (?:Young|Full).* (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
    if m:
        (live if "(Diagnostic Command)" in line or "(System.gc())" in line else gcs).append((float(m.group(1)), int(m.group(4)) * unit[m.group(5)]))
samples = []   # (s since launch, urls rows, pages rows, db bytes, wal bytes)
for line in open(os.path.join(logs, "samples.txt")):
    p = line.split()
    if len(p) == 5:
        samples.append((int(p[0]) / 1000, int(p[1]), int(p[2]), int(p[3]), int(p[4])))
jst = []       # (uptime s, old gen used MB, whole heap used MB)
try:
    rows = [l.split() for l in open(os.path.join(logs, "jstat.txt"))]
    head = next(r[1:] for r in rows if len(r) > 1 and r[1] == "S0C")
    for r in rows:
        if len(r) == len(head) + 1 and r[1] != "S0C":
            d = dict(zip(head, r[1:]))
            used = sum(float(d[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024
            jst.append((int(r[0]) / 1000, float(d["OU"]) / 1024, used))
except (FileNotFoundError, IndexError, KeyError, ValueError, StopIteration):
    pass

def fmt(x, nd=1):
    return "—" if x is None else f"{x:,.{nd}f}"

# Quarters of the crawl: from the first page committed to the last sample (falls back to the GC span).
start = next((s[0] for s in samples if s[2] > 0), gcs[0][0] if gcs else 0)
end = samples[-1][0] if samples else (gcs[-1][0] if gcs else 0)
span = max(end - start, 1e-9)
def quarter(series, q):   # values whose time falls in quarter q (0..3)
    lo, hi = start + span * q / 4, start + span * (q + 1) / 4
    return [v for t, v in series if lo <= t <= hi]
after = [(t, v) for t, v in gcs if start <= t <= end] or gcs
def qmean(series, q):
    v = quarter(series, q)
    return statistics.mean(v) if v else None
heap_q = [qmean(after, q) for q in range(4)]
heap_first, heap_last = heap_q[1], heap_q[3]   # warm-up (first quarter) left out of the gate
urls_series = [(s[0], s[1]) for s in samples]
urls_q = [qmean(urls_series, q) for q in range(4)]
urls_first, urls_last = urls_q[1], urls_q[3]
ou = [(t, o) for t, o, _ in jst if start <= t <= end]
growth = None if heap_first is None or heap_last is None else heap_last - heap_first
per_url = None
if growth is not None and urls_first is not None and urls_last is not None and urls_last > urls_first:
    per_url = growth * 1048576 / (urls_last - urls_first)
def urls_at(t):   # urls rows of the last sample at or before t
    prior = [u for st, u in urls_series if st <= t]
    return prior[-1] if prior else 0
live_growth = live[-1][1] - live[0][1] if len(live) >= 3 else None
if live_growth is not None:   # the live heap is the measure when there are enough points
    flat = live_growth <= growth_max
else:
    flat = growth is not None and growth <= growth_max
peak_store = max((s[3] + s[4] for s in samples), default=0)
try:
    written = int(open(os.path.join(logs, "io.txt")).read().strip() or 0)
except (FileNotFoundError, ValueError):
    written = 0
peak_wal = max((s[4] for s in samples), default=0)

print(f"\n### (a) {want_urls:,}-URL synthetic site, -Xmx{heap}, store sqlite, throughput mode\n")
print("| time (s) | urls rows | pages rows | crawl.db + wal (MB) | heap after last GC (MB) | old gen used (MB) |")
print("|---:|---:|---:|---:|---:|---:|")
if samples:
    picks = sorted({min(len(samples) - 1, round(i * (len(samples) - 1) / 10)) for i in range(11)})
    for i in picks:
        t, u, pg, db, wal = samples[i]
        last_gc = [v for tt, v in gcs if tt <= t]
        last_ou = [o for tt, o, _ in jst if tt <= t]
        print(f"| {t:.0f} | {u:,} | {pg:,} | {(db + wal) / 1048576:,.1f} | "
              f"{fmt(last_gc[-1] if last_gc else None)} | {fmt(last_ou[-1] if last_ou else None)} |")
print()
ok_exit = rc == 0 and reason in ("maxPages", "finished")
ok_urls = urls >= want_urls
checks = [
    ("exit code / finishReason", f"{rc} / {reason}" + (" (stopped by the timeout)" if termed else ""), ok_exit),
    ("OutOfMemoryError in the output", "yes" if oom else "none", not oom),
    ("urls rows (frontier)", f"{urls:,} (want ≥ {want_urls:,}); by state {states}", ok_urls),
    ("heap after GC: min / max (MB)", f"{fmt(min((v for _, v in after), default=None))} / "
        f"{fmt(max((v for _, v in after), default=None))} over {len(after)} collections", None),
    ("heap after GC: mean per quarter of the crawl (MB)", " / ".join(fmt(h) for h in heap_q)
        + " (urls rows " + " / ".join(fmt(u, 0) for u in urls_q) + ")", None),
    ("heap after GC: 2nd → last quarter mean (MB)", f"{fmt(heap_first)} → {fmt(heap_last)} "
        f"(growth {fmt(growth)} MB, limit {growth_max:g} MB) while urls rows went "
        f"{fmt(urls_first, 0)} → {fmt(urls_last, 0)}", flat if live_growth is None else None),
    ("live heap: after a full GC (jcmd GC.run) at urls rows …", "; ".join(
        f"{urls_at(t):,} → {v:.1f} MB" for t, v in live) + (f" (growth {live_growth:.1f} MB, limit "
        f"{growth_max:g} MB)" if live_growth is not None else " (fewer than 3 points: not used)")
        if live else "— (LIVE_GC=0)", flat if live_growth is not None else None),
    ("heap growth per admitted URL", "—" if per_url is None else f"{per_url:.1f} bytes", None),
    ("old gen used (jstat): first → last quarter mean, max (MB)",
        (f"{fmt(statistics.mean(quarter(ou, 0)))} → {fmt(statistics.mean(quarter(ou, 3)))}, "
         f"max {fmt(max(o for _, o in ou))}") if quarter(ou, 0) and quarter(ou, 3) else "—", None),
    ("pages fetched / crawl seconds", f"{fetched:,} / {secs:.1f} s = **{fetched / secs:,.0f} pages/s**", None),
    ("store rows written / crawl seconds", f"({urls:,} urls + {pages:,} pages + {links:,} links) / {secs:.1f} s "
        f"= **{(urls + pages + links) / secs:,.0f} rows/s**", None),
    ("bytes on disk per frontier URL", (f"{db_end + wal_end:,} B (crawl.db {db_end:,} + wal {wal_end:,}) / "
        f"{urls:,} = **{(db_end + wal_end) / urls:,.0f} B/URL**") if urls else "—", None),
    ("peak crawl.db + wal during the crawl", f"{peak_store / 1048576:,.1f} MB (wal peak {peak_wal / 1048576:,.1f} MB)",
        None),
    ("written to disk by the crawler (/proc io write_bytes, last sample)",
        f"{written / 1048576:,.0f} MB = {written / max(db_end + wal_end, 1):.1f} × the final crawl.db" if written else "—",
        None),
    ("process wall time", f"{wall_ms / 1000:.1f} s", None),
]
print("| check | value | result |")
print("|---|---|---|")
for name, value, ok in checks:
    print(f"| {name} | {value} | {'' if ok is None else ('PASS' if ok else '**FAIL**')} |")
passed = ok_exit and not oom and ok_urls and flat
print(f"\n(a) {'PASS' if passed else 'FAIL'}")
sys.exit(0 if passed else 1)
PY
  if [ "$PROFILE" = 1 ] && [ -f "$TMP/a-logs/a.jfr" ]; then
    jfr print --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$TMP/a-logs/a.jfr" \
      >"$TMP/a-logs/samples.jfr.txt"
    "$PY" - "$TMP/a-logs/samples.jfr.txt" <<'PY'
import collections, re, sys
text = open(sys.argv[1]).read()
events = re.split(r"\n(?=jdk\.(?:ExecutionSample|NativeMethodSample) \{)", text)
threads = collections.Counter()
store = collections.Counter()
n_store = 0
for e in events:
    m = re.search(r'sampledThread = "([^"]*)"', e)
    if not m:
        continue
    name = re.sub(r"\d+", "N", m.group(1))
    name = "crawl-store" if name.startswith("crawl-store") else name
    native = e.startswith("jdk.NativeMethodSample")
    frames = re.findall(r"^\s+([\w$.<>]+)\(.*?\)\s+line:", e, re.M)
    if native and frames and frames[0].startswith("sun.nio.ch.EPoll"):
        continue   # an event loop waiting for I/O: idle, not work
    threads[name] += 20 if native else 10   # ms: profile settings sample Java every 10 ms, native every 20 ms
    if name == "crawl-store":
        n_store += 1
        app = [i for i, f in enumerate(frames) if f.startswith("dev.vertxcrawler")]
        if app:
            i = app[0]
            callee = frames[i - 1] if i > 0 else "(own code)"
            if any("updateGeneratedKeys" in f for f in frames[:i]):
                callee = "getGeneratedKeys → SELECT last_insert_rowid() (prepared anew each time)"
            store[f"{frames[i].split('.')[-1]} ← {callee}"] += 1
print("\n### (a) JFR: sampled busy time per thread (ms, idle event-loop polls left out)\n")
print("| thread | ~busy ms |\n|---|---:|")
for name, ms in threads.most_common(6):
    print(f"| {name} | {ms:,} |")
print(f"\n### (a) JFR: where the store thread's samples fall ({n_store} samples)\n")
print("| SqliteFrontierStore frame ← callee | share |\n|---|---:|")
for k, v in store.most_common(10):
    print(f"| {k} | {100 * v / max(n_store, 1):.0f} % |")
PY
  fi
}

# ---------------------------------------------------------------- 4. (b) store vs no store, 10 000 pages
# run_b NAME KIND [extra -s ...]: one full crawl; appends "name kind wall_ms elapsed fetched failed rc" to runs.
run_b() {
  local name=$1 kind=$2; shift 2
  local dir="$TMP/b-$name" t0 t1 rc=0
  t0=$(now_ns)
  timeout -s TERM --kill-after=30 "$B_TIMEOUT" java -Xmx"$HEAP" -jar "$JAR" crawl --seed "$BASE/p/0" --out "$dir" \
    --quiet --seeds-dir /nonexistent "${THROUGHPUT[@]}" -s maxPages=0 -s store.kind="$kind" "$@" \
    >"$dir.stdout" 2>"$dir.stderr" || rc=$?
  t1=$(now_ns)
  local line
  line=$("$PY" - "$dir/summary.json" <<'PY'
import json, sys
try:
    s = json.load(open(sys.argv[1]))
    print(s["elapsedSeconds"], s["pages"]["fetched"], s["pages"]["failed"], s["finishReason"])
except Exception:
    print("0 0 0 none")
PY
)
  printf '%s %s %s %s %s\n' "$name" "$kind" "$(( (t1 - t0) / 1000000 ))" "$line" "$rc" >>"$TMP/b-runs.txt"
  log "(b) $name: exit $rc, $(( (t1 - t0) / 1000000 )) ms wall, summary: $line"
  grep -qs OutOfMemoryError "$dir.stdout" "$dir.stderr" && log "(b) $name: OutOfMemoryError in the output"
  rm -rf "$dir"   # keep the disk flat across runs; logs stay beside it
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then die "(b) $name timed out after ${B_TIMEOUT}s"; fi
  return 0
}

part_b() {
  start_site "$B_PAGES"
  : >"$TMP/b-runs.txt"
  log "(b) warm-up crawl (not counted) — $(machine_line)"
  run_b warmup memory
  for i in $(seq "$B_RUNS"); do
    run_b "memory-$i" memory
    run_b "sqlite-$i" sqlite
  done
  if [ "$B_DIAG" = 1 ]; then
    for i in $(seq "$B_RUNS"); do
      run_b "diag-memory-$i" memory -s politeness.adaptive=false
      run_b "diag-sqlite-$i" sqlite -s politeness.adaptive=false
    done
  fi
  log "(b) site: $(site_stats)"
  "$PY" - "$TMP/b-runs.txt" "$B_PAGES" <<'PY' || rc_all=$?
import statistics, sys
want = int(sys.argv[2])
runs = []
for line in open(sys.argv[1]):
    name, kind, wall_ms, secs, fetched, failed, reason, rc = line.split()
    runs.append(dict(name=name, kind=kind, wall=int(wall_ms) / 1000, secs=float(secs), fetched=int(fetched),
                     failed=int(failed), reason=reason, rc=int(rc)))
bad = [r for r in runs if r["rc"] != 0 or r["fetched"] != want or r["reason"] != "finished"]

def table(prefix, title, gating):
    sel = [r for r in runs if r["name"].startswith(prefix) and r["name"] != "warmup"
           and (prefix != "" or not r["name"].startswith("diag-"))]
    print(f"\n### (b) {want:,}-page site, full crawl — {title}\n")
    print("| run | store | wall (s) | crawl (s) | pages fetched | pages/s |")
    print("|---|---|---:|---:|---:|---:|")
    for r in sel:
        pps = r["fetched"] / r["secs"] if r["secs"] else 0
        print(f"| {r['name']} | {r['kind']} | {r['wall']:.2f} | {r['secs']:.2f} | {r['fetched']:,} | {pps:,.0f} |")
    med = {}
    for kind in ("memory", "sqlite"):
        ks = [r for r in sel if r["kind"] == kind]
        if ks:
            med[kind] = (statistics.median(r["wall"] for r in ks), statistics.median(r["secs"] for r in ks),
                         statistics.median(r["fetched"] / r["secs"] if r["secs"] else 0 for r in ks))
            print(f"| **median** | {kind} | {med[kind][0]:.2f} | {med[kind][1]:.2f} | | **{med[kind][2]:,.0f}** |")
    if "memory" not in med or "sqlite" not in med or med["memory"][2] == 0:
        return None
    ratio = med["sqlite"][2] / med["memory"][2]
    verdict = ("PASS" if ratio >= 0.8 else "FAIL") if gating else "diagnostic, not gating"
    print(f"\nsqlite / memory throughput (median pages/s): **{ratio:.2f}** (requirement ≥ 0.80) — {verdict}")
    return ratio

ratio = table("", "throughput mode (the requirement)", True)
if any(r["name"].startswith("diag-") for r in runs):
    table("diag-", "diagnostic: throughput mode + politeness.adaptive=false", False)
if bad:
    print("\n(b) crawls that did not finish the site: " + ", ".join(
        f"{r['name']} (exit {r['rc']}, {r['reason']}, {r['fetched']} fetched)" for r in bad))
    sys.exit(2)
print(f"\n(b) {'PASS' if ratio is not None and ratio >= 0.8 else 'FAIL'}")
sys.exit(0 if ratio is not None and ratio >= 0.8 else 1)
PY
}

for part in $PARTS; do
  case "$part" in
    a) part_a ;;
    b) part_b ;;
    *) die "unknown part '$part' (PARTS takes a and/or b)" ;;
  esac
done
stop_pid "$SITE_PID"; SITE_PID=
[ "$rc_all" = 0 ] && log "all requirements met" || log "a requirement failed (exit $rc_all)"
exit "$rc_all"
