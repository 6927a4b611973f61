# bench/lib.sh — shell helpers shared by the bench/*.sh scripts. Source it right after `set -euo pipefail`:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# It defines functions and these globals: BENCH_NAME (the sourcing script's name without .sh), NGINX_PID
# (empty until bench_nginx_start), CRAWLER_PID (empty; a script that runs the crawler in the background keeps its
# pid there so the EXIT trap stops it); bench_jar_plan sets JAR and BENCH_BUILD, bench_tmp sets TMP.
# Needs bash 4.4+ (empty "${need[@]}" under set -u). Only the standard library of /usr/bin/python3 is used.

BENCH_NAME=$(basename "${BASH_SOURCE[1]}" .sh)
NGINX_PID=
CRAWLER_PID=

# log MSG... : a progress line on stderr.
log() { printf '== %s\n' "$*" >&2; }
# die MSG... : an error line on stderr, then exit 2 (setup failure).
die() { printf 'ERROR: %s\n' "$*" >&2; exit 2; }

# bench_install_missing PKG... : apt-get installs the given Debian packages (nothing when none are given), with a
# temporary /usr/sbin/policy-rc.d so package scripts cannot start a system-wide nginx (on port 80) meanwhile.
bench_install_missing() {
  [ $# -gt 0 ] || return 0
  log "installing: $*"
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "$@" >/dev/null
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
}

# bench_jar_plan [always] : sets JAR (VC_JAR as is, else $REPO/target/vertx-crawler.jar) and BENCH_BUILD=1 when
# bench_jar_build must build it: when it is missing or older than src/main, pom.xml — or, with "always", whenever
# VC_JAR is unset. Without "always" it also appends to the caller's need array the missing packages for building
# (maven, a JDK) or running (a JRE). Call it before bench_install_missing "${need[@]}".
bench_jar_plan() {
  BENCH_JAR_MODE=${1:-stale}
  JAR=${VC_JAR:-$REPO/target/vertx-crawler.jar}
  BENCH_BUILD=0
  if [ "$BENCH_JAR_MODE" = always ]; then
    if [ -z "${VC_JAR:-}" ]; then BENCH_BUILD=1; fi
    return 0
  fi
  if [ -z "${VC_JAR:-}" ] && { [ ! -f "$JAR" ] ||
      [ -n "$(find "$REPO/src/main" "$REPO/pom.xml" -newer "$JAR" -type f -print -quit)" ]; }; then
    BENCH_BUILD=1
  fi
  if [ "$BENCH_BUILD" = 1 ]; then
    command -v mvn >/dev/null 2>&1 || need+=(maven)
    command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  else
    command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
  fi
}

# bench_jar_build : builds JAR with maven when bench_jar_plan said so (log: ${TMPDIR:-/tmp}/NAME-build.log, or
# /tmp/NAME-build.log in "always" mode), then dies unless JAR exists.
bench_jar_build() {
  if [ "$BENCH_BUILD" = 1 ]; then
    if [ "$BENCH_JAR_MODE" = always ]; then
      (cd "$REPO" && mvn -B -q package -DskipTests) >"/tmp/$BENCH_NAME-build.log" 2>&1 || die "build failed"
    else
      log "building $JAR (missing or older than src/main, pom.xml)"
      (cd "$REPO" && mvn -B -q package -DskipTests) >"${TMPDIR:-/tmp}/$BENCH_NAME-build.log" 2>&1 \
        || die "build failed: see ${TMPDIR:-/tmp}/$BENCH_NAME-build.log"
    fi
  fi
  [ -f "$JAR" ] || die "jar not found: $JAR"
}

# bench_java25_home : unless VC_JAVA_HOME is set, sets it to the newest JDK 25+ under /usr/lib/jvm (the
# launcher's AOT start-up cache needs 25); leaves it empty when there is none (java on PATH is used).
bench_java25_home() {
  [ -z "${VC_JAVA_HOME:-}" ] || return 0
  local best=0 home v
  for home in /usr/lib/jvm/*/; do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null | head -1 || true)
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best" ]; then best=$v; VC_JAVA_HOME=${home%/}; fi
  done
}

# bench_tmp : sets TMP to a new /tmp/NAME.XXXXXX and traps EXIT (bench_cleanup) and INT/TERM (exit 130).
bench_tmp() {
  TMP=$(mktemp -d "/tmp/$BENCH_NAME.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

# bench_cleanup : the EXIT trap — stops a crawler of ours still running (CRAWLER_PID; signal BENCH_CRAWLER_SIGNAL,
# default TERM) and our nginx, waiting for each, removes TMP unless KEEP_TMP=1, and exits with the script's exit code.
bench_cleanup() {
  local rc=$?
  if [ -n "$CRAWLER_PID" ] && kill -0 "$CRAWLER_PID" 2>/dev/null; then
    kill -"${BENCH_CRAWLER_SIGNAL:-TERM}" "$CRAWLER_PID" 2>/dev/null || true
    wait "$CRAWLER_PID" 2>/dev/null || true
  fi
  bench_nginx_stop
  bench_pg_stop
  if [ "${KEEP_TMP:-0}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}

# bench_free_ports N : prints N distinct free TCP ports on 127.0.0.1, space separated (all bound at once, then freed).
bench_free_ports() {
  /usr/bin/python3 - "$1" <<'PY'
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])
for s in ss: s.close()
PY
}

# bench_nginx_conf WORKERS CONNECTIONS [LOG_FORMAT] < SERVERS : writes $TMP/nginx/nginx.conf for a private nginx
# whose pid file, error log ($TMP/nginx/logs/error.log) and temp paths all live in $TMP/nginx. With LOG_FORMAT, every
# request goes to $TMP/nginx/logs/access.log in that format (default type application/octet-stream, sendfile,
# long keep-alive); without, the access log is off (and nginx's default type, text/plain, stays). Stdin holds the
# rest of the http block (server blocks, more directives); the closing brace is added here.
bench_nginx_conf() {
  local workers=$1 connections=$2 format=${3:-}
  mkdir -p "$TMP/nginx/logs" "$TMP/nginx/tmp"
  {
    cat <<EOF
daemon off;
worker_processes $workers;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections $connections; }
http {
  include /etc/nginx/mime.types;
EOF
    if [ -n "$format" ]; then
      cat <<EOF
  default_type application/octet-stream;
  log_format bench '$format';
  access_log $TMP/nginx/logs/access.log bench;
EOF
    else
      echo "  access_log off;"
    fi
    cat <<EOF
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
EOF
    if [ -n "$format" ]; then
      printf '  sendfile on;\n  keepalive_requests 100000;\n'
    fi
    cat
    echo "}"
  } >"$TMP/nginx/nginx.conf"
}

# bench_nginx_start : tests and starts (in the background, sets NGINX_PID) nginx with $TMP/nginx/nginx.conf.
bench_nginx_start() {
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  "$NGINX" -t -q -p "$TMP/nginx" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" || die "nginx config test failed"
  "$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" &
  NGINX_PID=$!
}

# bench_nginx_alive : dies (with nginx's error log) when our nginx has exited — for readiness loops.
bench_nginx_alive() {
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$TMP/nginx/logs/error.log")"
}

# bench_nginx_serves URL FILE : waits (up to 5 s) until our nginx answers URL with FILE's exact bytes, dies
# otherwise, then empties the access log so the readiness probes are not counted (nginx appends to the same
# open file, so truncating it is safe).
bench_nginx_serves() {
  local url=$1 file=$2
  for _ in $(seq 50); do
    curl -fsS -o "$TMP/probe.html" "$url" 2>/dev/null && break
    bench_nginx_alive
    sleep 0.1
  done
  cmp -s "$TMP/probe.html" "$file" || die "$url does not serve $file"
  : >"$TMP/nginx/logs/access.log"
}

# bench_nginx_stop : SIGTERM (fast shutdown) to our nginx instance only, and waits for it; no-op when not running.
bench_nginx_stop() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
}

# bench_doc_site : the defaults of the scripts that crawl a Debian documentation package (DOC_PKG, DOC_DIR,
# SEED_PATH; each may be set in the environment), and the packages they need appended to the caller's need
# array: nginx, curl, and the doc package itself when its seed file is missing.
bench_doc_site() {
  DOC_PKG=${DOC_PKG:-openjdk-17-doc}
  DOC_DIR=${DOC_DIR:-/usr/share/doc/$DOC_PKG}
  SEED_PATH=${SEED_PATH:-/api/index.html}
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  [ -e "$DOC_DIR$SEED_PATH" ] || need+=("$DOC_PKG")
}

# bench_doc_server PORT [DIRECTIVES] : prints the server block serving $DOC_DIR on 127.0.0.1:PORT (with extra
# server DIRECTIVES), for bench_nginx_conf's stdin.
bench_doc_server() {
  cat <<EOS
  server {
    listen 127.0.0.1:$1;
    server_name localhost;
    root $DOC_DIR;
    index index.html;
    ${2:-}
  }
EOS
}

# bench_doc_serve : starts our nginx, sets BASE (its URL) and SEED (BASE + SEED_PATH), and waits until it serves
# the seed file.
bench_doc_serve() {
  bench_nginx_start
  BASE=http://127.0.0.1:$PORT
  SEED=$BASE$SEED_PATH
  bench_nginx_serves "$SEED" "$DOC_DIR$SEED_PATH"
}

# bench_pg_start : a throwaway PostgreSQL 15 cluster for the script (initdb into $TMP/pg, pg_ctl on 127.0.0.1
# and a free port, fsync on as in production; as root the server runs as the postgres user), database crawls,
# user crawler with password PG_PASSWORD (scram-sha-256 over TCP). Sets PG_PORT, PG_URL (with the password)
# and PG_BIN; bench_pg_stop stops it (bench_cleanup does too). Needs postgresql-15 (PG_BIN/initdb).
PG_PASSWORD=bench-pw
bench_pg_run() {
  # From /: the postgres user may not enter the working directory (a checkout in a 0700 mktemp -d).
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
bench_pg_start() {
  PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
  [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found: apt-get install postgresql-15"
  PG_PORT=$(bench_free_ports 1)
  chmod 755 "$TMP"   # the server runs as postgres and reaches its directory through TMP
  mkdir -p "$TMP/pg"
  echo "$PG_PASSWORD" >"$TMP/pg/pw"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$TMP/pg"
  bench_pg_run "$PG_BIN/initdb" -D "$TMP/pg/data" -U crawler --pwfile "$TMP/pg/pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C >"$TMP/pg/initdb.log" 2>&1 || die "initdb failed: $(tail -3 "$TMP/pg/initdb.log")"
  bench_pg_ctl start
  bench_pg_run "$PG_BIN/createdb" -h "$TMP/pg" -p "$PG_PORT" -U crawler crawls || die "createdb failed"
  PG_URL="postgresql://crawler:$PG_PASSWORD@127.0.0.1:$PG_PORT/crawls"
  PG_STARTED=1
}
# bench_pg_ctl start|stop : the cluster of bench_pg_start, on its port (stop: fast, connections cut); PG_OPTS,
# when set, adds server options (e.g. "-c shared_preload_libraries=pg_stat_statements").
bench_pg_ctl() {
  if [ "$1" = start ]; then
    bench_pg_run "$PG_BIN/pg_ctl" -D "$TMP/pg/data" -l "$TMP/pg/server.log" \
      -o "-p $PG_PORT -k $TMP/pg -c listen_addresses=127.0.0.1 ${PG_OPTS:-}" -w start >/dev/null \
      || die "pg_ctl start failed: $(tail -3 "$TMP/pg/server.log")"
  else
    bench_pg_run "$PG_BIN/pg_ctl" -D "$TMP/pg/data" -m fast -w stop >/dev/null || true
  fi
}
# bench_psql SQL : one statement on the crawls database, unaligned tuples only.
bench_psql() {
  bench_pg_run "$PG_BIN/psql" -h "$TMP/pg" -p "$PG_PORT" -U crawler -d crawls -At -v ON_ERROR_STOP=1 -c "$1"
}
# bench_pg_ticks : user+sys clock ticks of our cluster: the postmaster's own and its reaped children's (backends that
# exited, e.g. a crawl's pool), plus the children still running.
bench_pg_ticks() {
  local master total pid
  master=$(head -1 "$TMP/pg/data/postmaster.pid")
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$master/stat")
  for pid in $(pgrep -P "$master" || true); do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
bench_pg_stop() {
  if [ "${PG_STARTED:-0}" = 1 ]; then bench_pg_ctl stop; PG_STARTED=0; fi
}
