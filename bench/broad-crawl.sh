#!/usr/bin/env bash
# broad-crawl.sh — a broad-web benchmark (issue 21): thousands of polite hosts, real DNS, the default config.
#
# The web (bench/peers/broad_web.py generate): HOSTS hosts h1.broad.test … hHOSTS.broad.test, host n on its
# own loopback address 127.A.B.C (A = 1 + i/254², B = 1 + (i/254) % 254, C = 1 + i % 254, i = n - 1: no .0,
# no .255, never 127.0.0.1), PAGES pages each (/index.html, /p1.html …). One page set serves every host: page
# p links (relative) to pages 2p+1, 2p+2 and the index of its own host, and to 3 pages of other hosts written
# http://@Xk@.broad.test:PORT/pJ.html; nginx's sub_filter puts in the host's k-th of 8 link slots ($bxk, an
# http-level map from $host, generated with WEB_SEED), so cross-host links name real other hosts without a
# file per host. One nginx server block listens on PORT on every address (only 127/8 allowed); robots.txt
# allows all; /sitemap.xml answers 404; an unknown Host gets 404. 50 000 hosts generate in about a second.
#
# DNS: a private dnsmasq on 127.0.0.1:DNS_PORT (no resolv.conf, no /etc/hosts): the resolvable names come
# from a generated addn-hosts file (local-ttl 3600); `local=/broad.test/` makes every other name of the
# domain NXDOMAIN. FAIL_FRACTION of the hosts (0.1 % each, at least one, seeded) fail by kind:
#   NXDOMAIN — left out of the hosts file;
#   SERVFAIL — `server=/hN.broad.test/127.0.0.1#P1`, P1 an upstream (broad_web.py upstream) answering
#              every query SERVFAIL;
#   no answer — `server=/hN.broad.test/127.0.0.1#P2`, P2 a UDP socket that is never read: dnsmasq forwards
#              and never replies.
# Each kind is checked with dig before the crawl (an address, status NXDOMAIN, status SERVFAIL, a timeout).
# The crawler is pointed at it with -s network.dnsServers=127.0.0.1:DNS_PORT (RESOLVE=hostsfile instead
# passes the good names as -s network.hostsFile, for builds without that key: the failing names then fall to
# the system's resolver).
#
# vertx-crawler: bin/vertx-crawler crawl --seeds SEEDS --out DIR --quiet --seeds-dir /nonexistent
#   -s maxPages=0 -s maxDepth=50 -s network.dnsServers=127.0.0.1:DNS_PORT   — everything else default
#   (4 workers, politeness.minDelayMs=1000, jitter 0.5, adaptive), the launcher's heap, under GNU time, with
#   JAVA_OPTS=-Xlog:gc:file=… (the launcher appends JAVA_OPTS). Seeds: every host's /index.html. Before it,
#   unless TRAIN=0, an untimed crawl of TRAIN_HOSTS resolvable hosts (no delay, at most 120 s) fills the launcher's start-up cache in a
#   private XDG_CACHE_HOME, as a user's first crawl would, so the timed run does not build it.
# Measured (bench/peers/broad_web.py analyse): wall, CPU (user+sys) and peak RSS (GNU time %e %U %S %M);
#   pages = requests nginx answered 200 for a .html page; pages/s = pages / wall; pages per CPU s; heap after
#   GC (the gc log) at 10/25/50/75/100 % of the crawl; the live set: the sampler has the crawler run a full GC
#   (jcmd GC.run) at 10/25/50/75/99 % of the expected pages, and max/min of the heap those leave is the flatness
#   measure (a young GC's "after" includes old-generation garbage not collected yet); RSS sampled every second; connections open to
#   nginx (server side of `ss -tn state established '( sport = :PORT )'`, every second: max, median while
#   requests flow); connections opened (nginx's $connection_requests = 1); a timeline of the crawl in ten equal
#   slices (pages, pages/s, CPU s, pages per CPU s, connections) — a short crawl's start and tail against its middle; per-host gaps between consecutive request starts ($msec − $request_time) under
#   DELAY_MS − GAP_SLACK_MS; pages fetched more than once (same host and URI); summary.json's errorCounts and
#   skipCounts; what pages.jsonl recorded for each failing kind's URLs. One PASS/FAIL line per criterion:
#   peak RSS ≤ 512 MB; heap after GC from 10 % to 100 % each within ±15 % of their mean; no gap under the
#   delay; every page of every resolvable host exactly once; no error but DNS ones and no failing host
#   reached; ≥ 1 500 pages/s.
# PEER=scrapy: then Scrapy (Debian's python3-scrapy, bench/peers/broad_spider.py: its broad-crawl settings,
#   DOWNLOAD_DELAY=1, robots.txt obeyed; names resolved by the same dnsmasq through a DNS_RESOLVER class —
#   see the spider) crawls the same web from the same seeds for PEER_SECONDS (CLOSESPIDER_TIMEOUT). Its
#   steady rate is taken from WARMUP_SECONDS after launch to PEER_SECONDS: pages (nginx log) over CPU (its
#   process tree's ticks, sampled every second); the crawler's is given for the same window and for its
#   whole run; target: ours (whole run) ≥ 20 × Scrapy's pages per CPU s.
# Exits 0 when every criterion passes, 1 when one fails, 2 on a setup or crawler failure.
#
# Usage: bench/broad-crawl.sh            (HOSTS=200 PAGES=5 bench/broad-crawl.sh for a quick look)
# Env:   HOSTS=5000  PAGES=20 (2..1000)  WEB_SEED=42  FAIL_FRACTION=0.001 (per failure kind; 0: none)
#        PEER= (scrapy: also run Scrapy)  PEER_SECONDS=120  WARMUP_SECONDS=15
#        RESOLVE=dns|hostsfile  TRAIN=1  TRAIN_HOSTS=20  DELAY_MS=1000 (the default delay, for the gap
#        check only)  GAP_SLACK_MS=10  CRAWL_TIMEOUT=1800 (s)  KEEP_TMP=1 (keep the temp dir; kept anyway
#        when a criterion fails, unless KEEP_TMP=0)
#        VC_JAR=path (default target/vertx-crawler.jar, rebuilt when missing or stale)
#        EXTRA_JAVA_OPTS=flags (appended to the crawler's JAVA_OPTS, e.g. -XX:NativeMemoryTracking=summary)
#        EXTRA_CRAWL_ARGS="-s key=value …" (appended to the crawler's arguments, split on spaces)
#        VC_JAVA_HOME=path (the crawler's JVM; default the newest JDK 25+ under /usr/lib/jvm, as
#        peer-compare.sh, else java on PATH)
# Traffic stays on loopback (127/8). Runs as root (apt-get for missing packages, file descriptor limit).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOSTS=${HOSTS:-5000}
PAGES=${PAGES:-20}
WEB_SEED=${WEB_SEED:-42}
FAIL_FRACTION=${FAIL_FRACTION:-0.001}
PEER=${PEER:-}
PEER_SECONDS=${PEER_SECONDS:-120}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
RESOLVE=${RESOLVE:-dns}
TRAIN=${TRAIN:-1}
TRAIN_HOSTS=${TRAIN_HOSTS:-20}
DELAY_MS=${DELAY_MS:-1000}
GAP_SLACK_MS=${GAP_SLACK_MS:-10}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-1800}
PY=/usr/bin/python3            # Debian's python, where python3-scrapy lives
GTIME=/usr/bin/time            # GNU time
WEBPY=$REPO/bench/peers/broad_web.py

[[ "$HOSTS" =~ ^[0-9]+$ ]] && [ "$HOSTS" -ge 4 ] || die "HOSTS must be >= 4"
[[ "$PAGES" =~ ^[0-9]+$ ]] && [ "$PAGES" -ge 2 ] && [ "$PAGES" -le 1000 ] || die "PAGES must be 2..1000"
[[ "$PEER_SECONDS" =~ ^[0-9]+$ ]] && [ "$PEER_SECONDS" -gt "${WARMUP_SECONDS%.*}" ] \
  || die "PEER_SECONDS must be an integer above WARMUP_SECONDS"
case "$PEER" in '' | scrapy) ;; *) die "PEER must be empty or scrapy, got '$PEER'" ;; esac
case "$RESOLVE" in dns | hostsfile) ;; *) die "RESOLVE must be dns or hostsfile" ;; esac

# ---------------------------------------------------------------- 1. tools
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
command -v dig >/dev/null 2>&1 || need+=(dnsutils)
command -v ss >/dev/null 2>&1 || need+=(iproute2)
[ -x "$GTIME" ] || need+=(time)
[ -x "$PY" ] || need+=(python3)
if [ "$PEER" = scrapy ]; then "$PY" -c 'import scrapy' >/dev/null 2>&1 || need+=(python3-scrapy); fi
bench_jar_plan
bench_install_missing "${need[@]}"
bench_jar_build
DNSMASQ=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
bench_java25_home
VC_ENV=(env VC_JAR="$JAR")
[ -z "${VC_JAVA_HOME:-}" ] || VC_ENV+=(JAVA_HOME="$VC_JAVA_HOME")
# Every host may hold a connection open, on both sides: raise the open-file limit to the hard one.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
[ "$NOFILE" = unlimited ] && NOFILE=1048576
[ "$NOFILE" -ge $((HOSTS + 1024)) ] || log "warning: open-file limit $NOFILE is below HOSTS + 1024: connections may be refused"

# ---------------------------------------------------------------- 2. temp dir, ports, cleanup
bench_tmp
chmod 755 "$TMP"   # nginx's workers and dnsmasq run unprivileged and read files here
mkdir -p "$TMP/work"
UPSTREAM_PID= DNSMASQ_PID= SAMPLER_PID=
broad_cleanup() {
  local rc=$? p
  set +e
  for p in $SAMPLER_PID $DNSMASQ_PID $UPSTREAM_PID; do
    if kill -0 "$p" 2>/dev/null; then kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
  (exit "$rc")
  bench_cleanup
}
trap broad_cleanup EXIT

# PORT: free for TCP on every address (nginx listens on 0.0.0.0); DNS_PORT: free for UDP and TCP on 127.0.0.1.
read -r PORT DNS_PORT < <("$PY" - <<'PY'
import socket
t = socket.socket(); t.bind(("0.0.0.0", 0))
for _ in range(50):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
    p = u.getsockname()[1]
    try:
        c = socket.socket(); c.bind(("127.0.0.1", p)); c.close(); break
    except OSError:
        u.close()
print(t.getsockname()[1], p)
PY
)

# ---------------------------------------------------------------- 3. the web
log "generating the web: $HOSTS hosts x $PAGES pages, seed $WEB_SEED, port $PORT"
"$PY" "$WEBPY" generate "$TMP" "$HOSTS" "$PAGES" "$WEB_SEED" "$PORT" "$FAIL_FRACTION" >"$TMP/web.txt" \
  || die "broad_web.py generate failed"
log "web: $(cat "$TMP/web.txt")"
chmod -R a+rX "$TMP"

# ---------------------------------------------------------------- 4. DNS: dnsmasq and the failing upstreams
"$PY" "$WEBPY" upstream "$TMP/upstream.ports" 2>"$TMP/upstream.err" &
UPSTREAM_PID=$!
for _ in $(seq 50); do [ -s "$TMP/upstream.ports" ] && break; sleep 0.1; done
read -r SERVFAIL_PORT SILENT_PORT <"$TMP/upstream.ports" || die "the DNS upstream did not start: $(cat "$TMP/upstream.err")"
{
  cat <<EOF
port=$DNS_PORT
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
no-poll
addn-hosts=$TMP/hosts.good
local=/broad.test/
local-ttl=3600
dns-forward-max=1000
EOF
  sed "s|.*|server=/&/127.0.0.1#$SERVFAIL_PORT|" "$TMP/fail-servfail.txt"
  sed "s|.*|server=/&/127.0.0.1#$SILENT_PORT|" "$TMP/fail-silent.txt"
} >"$TMP/dnsmasq.conf"
"$DNSMASQ" -k -C "$TMP/dnsmasq.conf" --pid-file= --log-facility="$TMP/dnsmasq.log" &
DNSMASQ_PID=$!
# dig_status NAME : the status dig reports (NOERROR, NXDOMAIN, SERVFAIL …) or TIMEOUT.
dig_status() {
  local out
  out=$(dig @127.0.0.1 -p "$DNS_PORT" +time=2 +tries=1 "$1" A 2>&1) || true
  case "$out" in *"timed out"*) echo TIMEOUT; return ;; esac
  sed -n 's/.*status: \([A-Z]*\).*/\1/p' <<<"$out" | head -1
}
for _ in $(seq 50); do
  [ "$(dig +short @127.0.0.1 -p "$DNS_PORT" +time=1 +tries=1 h1.broad.test A 2>/dev/null)" = 127.1.1.1 ] && break
  kill -0 "$DNSMASQ_PID" 2>/dev/null || die "dnsmasq exited: $(cat "$TMP/dnsmasq.log" 2>/dev/null)"
  sleep 0.1
done
last_good=$(tail -1 "$TMP/hosts.good")
[ "$(dig +short @127.0.0.1 -p "$DNS_PORT" "${last_good#* }" A)" = "${last_good%% *}" ] \
  || die "dnsmasq does not answer ${last_good#* } with ${last_good%% *}"
for kind in nxdomain:NXDOMAIN servfail:SERVFAIL silent:TIMEOUT; do
  n=$(head -1 "$TMP/fail-${kind%%:*}.txt")
  [ -n "$n" ] || continue
  got=$(dig_status "$n")
  [ "$got" = "${kind#*:}" ] || die "DNS check: $n should give ${kind#*:}, got '$got'"
  log "DNS check: $n -> $got ($(wc -l <"$TMP/fail-${kind%%:*}.txt") names of this kind)"
done
log "dnsmasq pid $DNSMASQ_PID on 127.0.0.1:$DNS_PORT ($(wc -l <"$TMP/hosts.good") names; SERVFAIL upstream :$SERVFAIL_PORT, silent :$SILENT_PORT)"

# ---------------------------------------------------------------- 5. nginx: one server block for every host
CONNS=$((2 * HOSTS + 1024))
[ "$CONNS" -le $((NOFILE - 100)) ] || CONNS=$((NOFILE - 100))
{
  cat "$TMP/nginx-maps.conf"
  cat <<EOF
  server {
    listen $PORT default_server;
    server_name _;
    allow 127.0.0.0/8;
    deny all;
    root $TMP/web;
    index index.html;
    if (\$broad_known = 0) { return 404; }
$(cat "$TMP/nginx-sub.conf")
  }
EOF
} | bench_nginx_conf 1 "$CONNS" '$msec $request_time $host "$request" $status $body_bytes_sent $server_addr "$http_user_agent" $connection_requests'
bench_nginx_start
for _ in $(seq 50); do
  curl -fsS -o "$TMP/probe.html" --resolve "h1.broad.test:$PORT:127.1.1.1" "http://h1.broad.test:$PORT/index.html" 2>/dev/null && break
  bench_nginx_alive
  sleep 0.1
done
grep -q "http://h[1-9][0-9]*\.broad\.test:$PORT/" "$TMP/probe.html" && ! grep -q '@X' "$TMP/probe.html" \
  || die "nginx does not fill in the cross-host links: $(head -c 600 "$TMP/probe.html")"
addr_last=${last_good%% *}; name_last=${last_good#* }
curl -fsS -o /dev/null --resolve "$name_last:$PORT:$addr_last" "http://$name_last:$PORT/robots.txt" \
  || die "nginx does not serve $name_last on $addr_last:$PORT"
[ "$(curl -s -o /dev/null -w '%{http_code}' --resolve "nope.broad.test:$PORT:127.1.1.1" "http://nope.broad.test:$PORT/index.html")" = 404 ] \
  || die "nginx serves an unknown host"
ACCESS=$TMP/nginx/logs/access.log
: >"$ACCESS"
log "nginx pid $NGINX_PID on port $PORT (all addresses, 127/8 allowed), worker_connections $CONNS"

# ---------------------------------------------------------------- 6. the crawls
case "$RESOLVE" in
  dns) RESOLVE_ARGS=(-s "network.dnsServers=127.0.0.1:$DNS_PORT") ;;
  hostsfile) RESOLVE_ARGS=(-s "network.hostsFile=$TMP/hosts.good") ;;
esac
VC_ENV+=(XDG_CACHE_HOME="$TMP/vc-cache")
"${VC_ENV[@]}" "$REPO/bin/vertx-crawler" config "${RESOLVE_ARGS[@]}" >"$TMP/config.txt" 2>&1 \
  || die "the crawler refuses ${RESOLVE_ARGS[*]}: $(tail -3 "$TMP/config.txt") — a build without network.dnsServers? (RESOLVE=hostsfile runs without it)"

if [ "$TRAIN" = 1 ]; then
  head -n "$TRAIN_HOSTS" "$TMP/hosts.good" | sed "s|^[^ ]* \(.*\)|http://\1:$PORT/index.html|" >"$TMP/train-seeds.txt"
  log "training crawl (untimed, fills the start-up cache): $TRAIN_HOSTS hosts, no delay"
  (cd "$TMP/work" && "${VC_ENV[@]}" "$REPO/bin/vertx-crawler" crawl --seeds "$TMP/train-seeds.txt" \
    --out "$TMP/train-out" --quiet --seeds-dir /nonexistent -s maxPages=0 -s maxDepth=50 \
    -s politeness.minDelayMs=0 -s maxDurationSec=120 "${RESOLVE_ARGS[@]}") >"$TMP/train.log" 2>&1 \
    || die "training crawl failed: $(tail -5 "$TMP/train.log")"
  rm -rf "$TMP/train-out"
  sleep 2   # no request of the timed crawl within a delay of the training's last one
  : >"$ACCESS"
fi

# run_timed NAME CMD... : CMD under GNU time and a timeout, sampled every second; writes NAME.run.json,
# NAME.access.log (its slice of nginx's log), NAME.samples, NAME.stdout/.stderr.
run_timed() {
  local name=$1 limit=$2; shift 2
  local start_bytes end_bytes t0 t1 rc=0
  start_bytes=$(stat -c %s "$ACCESS")
  t0=$(date +%s.%N)
  (cd "$TMP/work" && exec "$GTIME" -f '%e %U %S %M' -o "$TMP/$name.time" timeout --kill-after=20 "$limit" "$@") \
    >"$TMP/$name.stdout" 2>"$TMP/$name.stderr" &
  CRAWLER_PID=$!
  local probe=()   # the crawler's live set: a full GC at 10/25/50/75/99 % of the expected pages (jcmd GC.run)
  [ "$name" = vertx ] && probe=("$ACCESS" "$EXPECTED_PAGES" "$JCMD")
  "$PY" "$WEBPY" sample "$TMP/$name.samples" "$PORT" "$CRAWLER_PID" "${probe[@]}" 2>>"$TMP/sampler.err" &
  SAMPLER_PID=$!
  wait "$CRAWLER_PID" || rc=$?
  t1=$(date +%s.%N)
  CRAWLER_PID=
  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=
  sleep 0.5   # let nginx write its last lines
  end_bytes=$(stat -c %s "$ACCESS")
  dd if="$ACCESS" of="$TMP/$name.access.log" iflag=skip_bytes,count_bytes status=none \
    skip="$start_bytes" count="$((end_bytes - start_bytes))"
  local cmdtxt="$*"
  cmdtxt=${cmdtxt//"$TMP"/'$TMP'}; cmdtxt=${cmdtxt//"$REPO/"/}
  read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$TMP/$name.time" | tail -1) \
    || die "$name: no GNU time line (exit $rc): $(tail -5 "$TMP/$name.stderr")"
  NAME=$name T0=$t0 T1=$t1 RC=$rc WALL=$wall USR=$user SYS=$sys RSS=$rss CMDTXT=$cmdtxt "$PY" -c '
import json, os; e = os.environ
json.dump(dict(name=e["NAME"], t0=float(e["T0"]), t1=float(e["T1"]), rc=int(e["RC"]), wall=float(e["WALL"]),
               user=float(e["USR"]), sys=float(e["SYS"]), rss_kb=int(e["RSS"]), cmd=e["CMDTXT"]),
          open(os.path.join(os.environ["TMPDIR_OUT"], e["NAME"] + ".run.json"), "w"))' || die "run record failed"
  log "$name: exit $rc, ${wall} s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') CPU s, $((rss / 1024)) MB peak RSS, $(wc -l <"$TMP/$name.access.log") requests"
  RUN_RC=$rc
}
export TMPDIR_OUT=$TMP
EXPECTED_PAGES=$("$PY" -c 'import json, sys; m = json.load(open(sys.argv[1]))
print((m["hosts"] - sum(len(v) for v in m["kinds"].values())) * m["pages"])' "$TMP/meta.json")
JCMD=${VC_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/jcmd

log "vertx-crawler: $HOSTS seeds, default config + maxPages=0 maxDepth=50 ${RESOLVE_ARGS[*]}"
run_timed vertx "$CRAWL_TIMEOUT" "${VC_ENV[@]}" JAVA_OPTS="-Xlog:gc:file=$TMP/vertx.gc.log${EXTRA_JAVA_OPTS:+ $EXTRA_JAVA_OPTS}" \
  "$REPO/bin/vertx-crawler" crawl --seeds "$TMP/seeds.txt" --out "$TMP/vertx-out" --quiet --seeds-dir /nonexistent \
  -s maxPages=0 -s maxDepth=50 "${RESOLVE_ARGS[@]}" ${EXTRA_CRAWL_ARGS:-}
if [ "$RUN_RC" != 0 ]; then
  KEEP_TMP=1
  tail -20 "$TMP/vertx.stderr" | sed 's/^/   crawler: /' >&2
  die "the crawl exited $RUN_RC$([ "$RUN_RC" = 124 ] || [ "$RUN_RC" = 137 ] && echo " (timeout after ${CRAWL_TIMEOUT}s)")"
fi
[ -f "$TMP/vertx-out/summary.json" ] || die "no summary.json"

if [ "$PEER" = scrapy ]; then
  sleep 2
  log "Scrapy: the same seeds for ${PEER_SECONDS} s (CLOSESPIDER_TIMEOUT)"
  run_timed scrapy $((PEER_SECONDS + 120)) env PYTHONDONTWRITEBYTECODE=1 "$PY" -m scrapy runspider \
    "$REPO/bench/peers/broad_spider.py" -a seeds="$TMP/seeds.txt" \
    -s CLOSESPIDER_TIMEOUT="$PEER_SECONDS" -s BROAD_DNS_SERVER="127.0.0.1:$DNS_PORT" \
    -s DNS_RESOLVER=broad_spider.BroadResolver -s REACTOR_THREADPOOL_MAXSIZE=20 -s CONCURRENT_REQUESTS=200 \
    -s SCHEDULER_PRIORITY_QUEUE=scrapy.pqueues.DownloaderAwarePriorityQueue -s COOKIES_ENABLED=False \
    -s RETRY_ENABLED=False -s DOWNLOAD_DELAY=1 -s LOG_LEVEL=INFO -s AUTOTHROTTLE_ENABLED=False \
    -s ROBOTSTXT_OBEY=True
  case "$RUN_RC" in
    0) ;;
    124 | 137) log "Scrapy did not stop within $((PEER_SECONDS + 120)) s and was killed: its window is measured all the same" ;;
    *) KEEP_TMP=1; tail -20 "$TMP/scrapy.stderr" | sed 's/^/   scrapy: /' >&2; die "Scrapy exited $RUN_RC" ;;
  esac
fi

# ---------------------------------------------------------------- 7. analysis
set +e
DELAY_MS=$DELAY_MS GAP_SLACK_MS=$GAP_SLACK_MS PEER_SECONDS=$PEER_SECONDS WARMUP_SECONDS=$WARMUP_SECONDS \
  "$PY" "$WEBPY" analyse "$TMP"
rc=$?
set -e
[ "$rc" = 0 ] || [ "$rc" = 1 ] || die "analysis failed (exit $rc)"
[ "$rc" = 0 ] || KEEP_TMP=${KEEP_TMP:-1}
log "total ${SECONDS} s"
exit "$rc"
