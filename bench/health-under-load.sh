#!/usr/bin/env bash
# health-under-load.sh — does the event loop stay free while parsing saturates the workers?
#
# Benchmark line: "during a throughput crawl of a 10 000-page site, GET /health answers with p99 under 50 ms
# and the log has no Vert.x blocked-thread warning".
#
# Serves the OpenJDK 17 API documentation (Debian openjdk-17-doc, ~10 000 HTML pages, 287 MB) with a
# private nginx on 127.0.0.1, crawls it in throughput mode with the status server on, and while the crawl
# runs, wrk (one connection, so each request waits for the last) asks GET /health for a fixed time.
# /health goes through the crawler's own event loop (it answers only when that loop runs a task).
# Prints wrk's latency percentiles and the count of "has been blocked" warnings in the crawler's log.
#
# Usage: bench/health-under-load.sh        Env: VC_JAR=path  WRK_SECONDS=20  KEEP_TMP=1
# Traffic goes to 127.0.0.1 only. Exits 1 when p99 >= 50 ms or a blocked-thread warning appears.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOC_DIR=/usr/share/doc/openjdk-17-doc
WRK_SECONDS=${WRK_SECONDS:-20}
log() { printf '== %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 2; }

need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ -f "$DOC_DIR/api/index.html" ] || need+=(openjdk-17-doc)
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
JAR=${VC_JAR:-$REPO/target/vertx-crawler.jar}
if [ -z "${VC_JAR:-}" ]; then
  (cd "$REPO" && mvn -B -q package -DskipTests) >/tmp/health-under-load-build.log 2>&1 || die "build failed"
fi
[ -f "$JAR" ] || die "jar not found: $JAR"

TMP=$(mktemp -d /tmp/health-under-load.XXXXXX)
chmod 755 "$TMP"
NGINX_PID= CRAWLER_PID=
cleanup() {
  local rc=$?
  [ -n "$CRAWLER_PID" ] && kill "$CRAWLER_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "${KEEP_TMP:-0}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

read -r PORT STATUS < <(/usr/bin/python3 -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $TMP/nginx; proxy_temp_path $TMP/nginx; fastcgi_temp_path $TMP/nginx;
  uwsgi_temp_path $TMP/nginx; scgi_temp_path $TMP/nginx;
  server { listen 127.0.0.1:$PORT; root $DOC_DIR; }
}
CONF
"$NGINX" -c "$TMP/nginx/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/index.html" >/dev/null && break; sleep 0.1; done

log "crawling http://127.0.0.1:$PORT/api/index.html with the status server on :$STATUS"
java -jar "$JAR" crawl --seed "http://127.0.0.1:$PORT/api/index.html" --out "$TMP/out" --quiet \
  --seeds-dir /nonexistent -s politeness.minDelayMs=0 -s workers=8 -s politeness.maxConcurrencyPerHost=8 \
  -s maxDepth=100 -s maxPages=0 -s status.port="$STATUS" >"$TMP/crawler.log" 2>&1 &
CRAWLER_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$STATUS/health" >/dev/null && break; sleep 0.1; done
sleep 2   # into the steady state of the crawl
wrk -t1 -c1 -d"${WRK_SECONDS}s" --latency "http://127.0.0.1:$STATUS/health" >"$TMP/wrk.txt" 2>&1
fetched_during=$(curl -sf "http://127.0.0.1:$STATUS/status" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["pages"]["fetched"])' || echo "?")
wait "$CRAWLER_PID" || die "crawler failed: $(tail -5 "$TMP/crawler.log")"
CRAWLER_PID=
blocked=$(grep -c "has been blocked" "$TMP/crawler.log" || true)
p50=$(awk '/^ +50%/ {print $2}' "$TMP/wrk.txt")
p99=$(awk '/^ +99%/ {print $2}' "$TMP/wrk.txt")
reqs=$(awk '/requests in/ {print $1}' "$TMP/wrk.txt")
pages=$(/usr/bin/python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["pages"]["fetched"], s["elapsedSeconds"])' "$TMP/out/summary.json")
p99ms=$(/usr/bin/python3 -c '
import sys,re
v=sys.argv[1]; m=re.match(r"([0-9.]+)(us|ms|s)", v)
n=float(m.group(1)); u=m.group(2)
print(n/1000 if u=="us" else n*1000 if u=="s" else n)' "$p99")
echo
echo "| crawl pages fetched, seconds | /health requests | p50 | p99 | blocked-thread warnings | result |"
echo "|---|---|---|---|---|---|"
result=PASS
/usr/bin/python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 50 else 1)' "$p99ms" || result=FAIL
[ "$blocked" = 0 ] || result=FAIL
echo "| $pages | $reqs | $p50 | $p99 | $blocked | $result |"
echo "(fetched when wrk finished: $fetched_during)"
[ "$result" = PASS ]
