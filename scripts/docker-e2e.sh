#!/usr/bin/env bash
# End-to-end check of the Docker deployment (Dockerfile + docker-compose.yml), offline:
#   1. a Docker engine and Compose (>= 1.28, for profiles) — on Debian, as root, installs docker.io and
#      docker-compose and starts dockerd when none answers;
#   2. the base images: the Dockerfile's defaults when they can be pulled (or VC_BUILD_IMAGE and
#      VC_RUNTIME_IMAGE when set), else local Debian bookworm stand-ins (scripts/docker-base-images.sh:
#      debootstrap + apt; built once, kept and reused by later runs);
#   3. docker build of the image (tagged vertx-crawler:e2e, kept so later builds reuse its layers); its entry
#      point is the launcher with its flags and the start-up cache trained at build time, and the heap is
#      320 MB, or 3/4 of a smaller memory limit (--memory 256m -> 192 MB);
#   4. `compose --profile demo --profile single up -d`: the demo site, crawler-demo and report-demo, and
#      the single-node crawler-single and report-single with a seeds dir holding http://demo:8000/; both
#      crawls finish; pages.jsonl, summary.json (finishReason finished) and report.html in the volumes;
#      the report services' /health and /report.json, the crawler's dashboard, /status and /metrics;
#      every container healthy and not root, java PID 1 in each; a restart of a finished crawler says
#      "already finished" and stays healthy;
#   5. stop/resume: a fresh, slower crawl (VC_OUT=resume) is stopped mid-crawl with `compose stop
#      crawler-single` (exit code 143, summary.json finishReason shutdown), `compose up -d crawler-single`
#      resumes it (its log says so), it finishes, and pages.jsonl has every URL exactly once and as many as
#      the uninterrupted crawl of step 4;
#   6. the cluster profile: the PostgreSQL image (docker/postgres, on debian:bookworm-slim or the local
#      stand-in vertx-crawler-base/debian:bookworm) runs as postgres and refuses to start without a password;
#      with a throwaway env file (a random VC_PG_PASSWORD, VC_LEASE_MS=5000, VC_CLUSTER_MIN_DELAY_MS=500),
#      `compose --profile cluster up -d --scale crawler=3` starts postgres (no published port), the demo
#      site, 3 crawler nodes of one shared crawl and the report UI (serve --store); once the report's
#      /live.json shows 3 nodes running and pages done, the node with the most pages is killed (SIGKILL)
#      mid-crawl; the crawl finishes anyway: the killed node is shown lost or a survivor took its hosts over,
#      and the pages in the database are exactly step 4's URLs, each once; /report.json, / and /live answer;
#      `compose --profile cluster stop` stops every container cleanly (crawlers exit 0 or 143, postgres 0),
#      a second `up -d` comes up healthy on the finished crawl (same pages), and `down -v` removes it all.
# Fails loudly (non-zero, with the reason and the services' logs) on the first thing that is wrong.
# Removes its containers, network and volumes at the end; keeps the images.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PROJECT=vce2e$$
IMAGE=vertx-crawler:e2e
WORK=$(mktemp -d /tmp/vc-docker-e2e.XXXXXX)
START=$(date +%s)
STARTED_DOCKERD=
COMPOSE=()
ROWS=()

say() { echo "docker-e2e: $*" >&2; }
row() { ROWS+=("$(printf '%-72s %-5s %5ss' "$1" "$2" "$3")"); }
table() {
  echo >&2
  printf '%-74s %-5s %6s\n' 'docker-e2e: what was checked' result time >&2
  local r
  for r in "${ROWS[@]}"; do echo "  $r" >&2; done
  echo "  total: $(( $(date +%s) - START ))s" >&2
}
dump_logs() {
  [ ${#COMPOSE[@]} -gt 0 ] || return 0
  say "--- last lines of the services' logs ---"
  compose logs --no-color --tail=40 2>&1 | tail -n 200 >&2 || true
}
fail() {
  say "FAILED: $*"
  dump_logs
  table
  exit 1
}
cleanup() {
  local rc=$?
  if [ ${#COMPOSE[@]} -gt 0 ]; then
    PROFILES="demo single cluster"
    compose down -v --remove-orphans >/dev/null 2>&1 || say "warning: compose down failed"
  fi
  rm -rf "$WORK"
  if [ -n "$STARTED_DOCKERD" ] && [ "${VC_KEEP_DOCKERD:-0}" != 1 ]; then
    kill "$STARTED_DOCKERD" 2>/dev/null || true
    wait "$STARTED_DOCKERD" 2>/dev/null || true
  fi
  exit $rc
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

# The profiles of the step at hand (PROFILES); an env file of the run's own, so a developer's .env beside
# docker-compose.yml is not read (and COMPOSE_PROFILES from the caller's environment is ignored).
PROFILES="demo single"
ENV_FILE=$WORK/e2e.env
: >"$ENV_FILE"
unset COMPOSE_PROFILES
compose() {
  local args=() p
  for p in $PROFILES; do args+=(--profile "$p"); done
  "${COMPOSE[@]}" -p "$PROJECT" -f "$ROOT/docker-compose.yml" --env-file "$ENV_FILE" "${args[@]}" "$@"
}
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "need $* but cannot install it (not root on a Debian-like machine)"
  say "apt-get install $*"
  apt-get update -q >"$WORK/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$WORK/apt.log" 2>&1 \
    || { tail -n 20 "$WORK/apt.log" >&2; fail "apt-get install $* failed"; }
}
# HTTP GET from the host (python3: docker-compose v1 needs it anyway; no curl needed).
http() { # url -> body on stdout; non-zero unless 200
  python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
        sys.stdout.write(r.read().decode("utf-8", "replace"))
        sys.exit(0 if r.status == 200 else 1)
except Exception as e:
    print(e, file=sys.stderr); sys.exit(1)
PY
}
json_get() { # key.path < json -> value (None when missing)
  python3 -c '
import json, sys
v = json.load(sys.stdin)
for k in sys.argv[1].split("."):
    v = v.get(k) if isinstance(v, dict) else None
print(v)' "$1"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# Runs a command in a throwaway container of the image with a volume of this project at /data.
in_volume() { # volume, command...
  local vol=$1; shift
  docker run --rm -v "${PROJECT}_$vol:/data:ro" --entrypoint bash "$IMAGE" -c "$*"
}
# -a: a stopped container too (Compose v2 lists only running ones without it; v1.29 has -a as well).
cid() { compose ps -a -q "$1" | head -n1; }
wait_finished() { # status-url, seconds -> waits for /status finishReason == finished
  local url=$1 deadline=$(( $(date +%s) + $2 )) r=
  while [ "$(date +%s)" -lt "$deadline" ]; do
    r=$(http "$url/status" 2>/dev/null | json_get finishReason 2>/dev/null || true)
    [ "$r" = finished ] && return 0
    sleep 1
  done
  fail "$url/status: finishReason is '$r', not 'finished', after $2 s"
}
wait_log() { # service, since (unix time), fixed string, seconds -> waits for the string in the service's log
  local deadline=$(( $(date +%s) + $4 )) logs
  while :; do
    logs=$(docker logs --since "$2" "$(cid "$1")" 2>&1 || true)
    grep -qF -- "$3" <<<"$logs" && return 0
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 1
  done
}
wait_healthy() { # service, seconds -> every container of the service healthy
  local deadline=$(( $(date +%s) + $2 )) h= ids c all
  while [ "$(date +%s)" -lt "$deadline" ]; do
    ids=$(compose ps -a -q "$1" 2>/dev/null || true)
    all=${ids:+yes}
    for c in $ids; do
      h=$(docker inspect -f '{{.State.Health.Status}}' "$c" 2>/dev/null || true)
      [ "$h" = healthy ] || { all=; break; }
    done
    [ -n "$all" ] && return 0
    sleep 1
  done
  fail "service $1 is '${h:-not created}', not healthy, after $2 s"
}
# Checks one crawl directory in a volume; prints the page count.
check_crawl_dir() { # volume, dir, expected finishReason
  local vol=$1 dir=$2 want=$3 f="$WORK/check-$1-$2"
  mkdir -p "$f"
  in_volume "$vol" "cat /data/$dir/summary.json" >"$f/summary.json" || fail "$vol:/data/$dir/summary.json missing"
  in_volume "$vol" "cat /data/$dir/pages.jsonl" >"$f/pages.jsonl" || fail "$vol:/data/$dir/pages.jsonl missing"
  if [ "$want" = finished ]; then
    in_volume "$vol" "test -s /data/$dir/report.html" || fail "$vol:/data/$dir/report.html missing or empty"
  fi
  python3 - "$vol:/data/$dir" "$want" "$f" <<'PY' || fail "$vol:/data/$dir does not check out (see above)"
import json, sys, collections
where, want, f = sys.argv[1:4]
s = json.load(open(f + "/summary.json"))
if s.get("finishReason") != want:
    sys.exit(f"{where}: summary.json finishReason {s.get('finishReason')!r}, want {want!r}")
urls = collections.Counter(json.loads(l)["url"] for l in open(f + "/pages.jsonl") if l.strip())
dups = [u for u, n in urls.items() if n > 1]
if dups:
    sys.exit(f"{where}: pages.jsonl has {len(dups)} URL(s) more than once, e.g. {dups[0]}")
if not urls:
    sys.exit(f"{where}: pages.jsonl is empty")
n = s["pages"]["fetched"] + s["pages"]["failed"] + s["pages"]["skipped"]
if n != len(urls):
    sys.exit(f"{where}: summary.json counts {n} pages, pages.jsonl has {len(urls)}")
print(len(urls))
PY
}

# --- 1. engine and compose -------------------------------------------------------------------
t=$(date +%s)
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  command -v docker >/dev/null 2>&1 || apt_install docker.io
  [ "$(id -u)" = 0 ] || fail "no Docker engine answers and starting dockerd needs root"
  say "starting dockerd (log: /var/log/vc-dockerd.log)"
  dockerd >/var/log/vc-dockerd.log 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -n 20 /var/log/vc-dockerd.log >&2; fail "dockerd did not come up in 60 s"; }
fi
if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
  COMPOSE=(docker-compose)
fi
command -v python3 >/dev/null 2>&1 || apt_install python3
cv=$("${COMPOSE[@]}" version --short 2>/dev/null || "${COMPOSE[@]}" version | head -n1)
cv=$(echo "$cv" | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -n1)
python3 -c 'import sys; v=tuple(map(int,sys.argv[1].split("."))); sys.exit(0 if v >= (1,28) else 1)' "$cv" \
  || fail "${COMPOSE[*]} $cv is too old: profiles need Compose 1.28 or later"
row "docker engine $(docker version -f '{{.Server.Version}}'), ${COMPOSE[*]} $cv" ok $(( $(date +%s) - t ))

# --- 2. base images ----------------------------------------------------------------------------
t=$(date +%s)
BUILD_BASE=${VC_BUILD_IMAGE:-maven:3.9-eclipse-temurin-17}
RUNTIME_BASE=${VC_RUNTIME_IMAGE:-eclipse-temurin:17-jre}
POSTGRES_BASE=${VC_POSTGRES_BASE_IMAGE:-debian:bookworm-slim}
have_or_pull() { docker image inspect "$1" >/dev/null 2>&1 || timeout 300 docker pull -q "$1" >/dev/null 2>&1; }
if have_or_pull "$BUILD_BASE" && have_or_pull "$RUNTIME_BASE" && have_or_pull "$POSTGRES_BASE"; then
  row "base images $BUILD_BASE, $RUNTIME_BASE, $POSTGRES_BASE" ok $(( $(date +%s) - t ))
elif [ -n "${VC_BUILD_IMAGE:-}${VC_RUNTIME_IMAGE:-}${VC_POSTGRES_BASE_IMAGE:-}" ]; then
  fail "VC_BUILD_IMAGE/VC_RUNTIME_IMAGE/VC_POSTGRES_BASE_IMAGE ($BUILD_BASE, $RUNTIME_BASE, $POSTGRES_BASE) are neither local nor pullable"
else
  say "the default base images cannot be pulled here: using local Debian bookworm stand-ins"
  standins_existed=yes
  for i in vertx-crawler-base/build:bookworm vertx-crawler-base/runtime:bookworm vertx-crawler-base/debian:bookworm; do
    docker image inspect "$i" >/dev/null 2>&1 || standins_existed=no
  done
  [ "$standins_existed" = yes ] || command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  bash scripts/docker-base-images.sh || fail "could not build the stand-in base images"
  BUILD_BASE=vertx-crawler-base/build:bookworm
  RUNTIME_BASE=vertx-crawler-base/runtime:bookworm
  POSTGRES_BASE=vertx-crawler-base/debian:bookworm
  if [ "$standins_existed" = yes ]; then what="reused"; else what="built"; fi
  row "stand-in base images ($what) vertx-crawler-base/*:bookworm" ok $(( $(date +%s) - t ))
fi

# --- 3. image ----------------------------------------------------------------------------------
t=$(date +%s)
docker build --force-rm -t "$IMAGE" --build-arg "BUILD_IMAGE=$BUILD_BASE" --build-arg "RUNTIME_IMAGE=$RUNTIME_BASE" . \
  >"$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log" >&2; fail "docker build failed"; }
[ "$(docker run --rm --entrypoint id "$IMAGE" -u)" = 10001 ] || fail "the image does not run as uid 10001"
row "docker build $IMAGE (non-root uid 10001)" ok $(( $(date +%s) - t ))

# The launcher is the entry point: its flags, the start-up cache trained at build time, the heap under a limit.
t=$(date +%s)
cache=$(docker run --rm --entrypoint sh "$IMAGE" -c 'ls /app/cache/vertx-crawler/') || fail "no /app/cache in the image"
archive=$(grep -E '^(cds-[0-9]+\.jsa|aot-[0-9]+\.aot)$' <<<"$cache") \
  || fail "the image has no start-up cache (/app/cache/vertx-crawler: ${cache:-empty}); see the training step in $WORK/build.log"
flags() { docker run --rm "$@" -e JAVA_OPTS=-XX:+PrintFlagsFinal "$IMAGE" --version 2>&1; }
heap_of() { awk '$2 == "MaxHeapSize" { print $4 }' <<<"$1"; }
f=$(flags)
[ "$(heap_of "$f")" = 335544320 ] || fail "without a memory limit the heap should be 320 MB: $(grep -E ' MaxHeapSize ' <<<"$f")"
grep -qE "SharedArchiveFile += /app/cache/vertx-crawler/$archive|AOTCache += /app/cache/vertx-crawler/$archive" <<<"$f" \
  || fail "the launcher does not use the image's start-up cache $archive"
grep -qE ' UseParallelGC += true' <<<"$f" || fail "the launcher's flags are not in use (no ParallelGC)"
f=$(flags --memory 256m)
[ "$(heap_of "$f")" = 201326592 ] || fail "under --memory 256m the heap should be 3/4 of it (192 MB): $(grep -E ' MaxHeapSize ' <<<"$f")"
row "entry point: launcher flags, start-up cache $archive, heap 320m / 192m at --memory 256m" ok $(( $(date +%s) - t ))

# --- 4. the demo profile -----------------------------------------------------------------------
t=$(date +%s)
mkdir -p "$WORK/seeds"
echo "http://demo:8000/" >"$WORK/seeds/demo.txt"
export VC_IMAGE=$IMAGE VC_BIND=127.0.0.1 VC_SEEDS_DIR=$WORK/seeds VC_CONFIG=$ROOT/config.json
export VC_STATUS_PORT=$(free_port) VC_REPORT_PORT=$(free_port) VC_DEMO_STATUS_PORT=$(free_port) VC_DEMO_REPORT_PORT=$(free_port)
export VC_OUT=crawl VC_MIN_DELAY_MS=100 VC_MAX_DEPTH=10 VC_WORKERS=4 VC_MAX_PAGES=1000
export VC_DEMO_OUT=demo VC_DEMO_MIN_DELAY_MS=100 VC_DEMO_MAX_DEPTH=10
CRAWLER=http://127.0.0.1:$VC_STATUS_PORT
REPORT=http://127.0.0.1:$VC_REPORT_PORT
DEMO_CRAWLER=http://127.0.0.1:$VC_DEMO_STATUS_PORT
DEMO_REPORT=http://127.0.0.1:$VC_DEMO_REPORT_PORT
compose up -d --no-build >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; fail "compose --profile demo --profile single up -d failed"; }
for s in demo crawler-demo report-demo crawler-single report-single; do wait_healthy "$s" 120; done
row "compose --profile demo --profile single up: 5 services healthy" ok $(( $(date +%s) - t ))

t=$(date +%s)
wait_finished "$DEMO_CRAWLER" 180
wait_finished "$CRAWLER" 180
row "crawler-demo and crawler-single finished (/status)" ok $(( $(date +%s) - t ))

t=$(date +%s)
REF=$(check_crawl_dir demo-data demo finished)
n=$(check_crawl_dir data crawl finished)
[ "$REF" -ge 100 ] || fail "the demo crawl recorded only $REF pages"
[ "$n" = "$REF" ] || fail "crawler-single recorded $n pages, crawler-demo $REF: the same site and settings should give the same"
row "volumes: summary finished, pages.jsonl ($REF URLs, each once), report.html" ok $(( $(date +%s) - t ))

t=$(date +%s)
for r in "$REPORT" "$DEMO_REPORT"; do
  http "$r/health" >/dev/null || fail "$r/health is not 200"
  [ "$(http "$r/report.json" | json_get finishReason)" = finished ] || fail "$r/report.json: finishReason is not finished"
  body=$(http "$r/") && grep -qi '<html' <<<"$body" || fail "$r/ is not the HTML report"
done
body=$(http "$CRAWLER/") && grep -qi '<html' <<<"$body" || fail "$CRAWLER/ (dashboard) is not HTML"
body=$(http "$CRAWLER/metrics") && grep -q '^crawler_pages' <<<"$body" || fail "$CRAWLER/metrics has no crawler_pages metric"
for s in demo crawler-demo report-demo crawler-single report-single; do
  u=$(docker exec "$(cid "$s")" id -u) || fail "docker exec into $s failed"
  [ "$u" != 0 ] || fail "service $s runs as root"
  # the launcher execs the JVM: java is PID 1 and receives docker stop's SIGTERM itself
  p1=$(docker exec "$(cid "$s")" cat /proc/1/comm) || fail "docker exec into $s failed"
  [ "$p1" = java ] || fail "service $s: PID 1 is '$p1', not java"
done
row "report /health, /report.json, /; dashboard, /metrics; no root; java is PID 1" ok $(( $(date +%s) - t ))

t=$(date +%s)
compose restart crawler-single >/dev/null 2>&1 || fail "compose restart crawler-single failed"
wait_log crawler-single "$t" "already finished" 60 \
  || fail "a restarted crawler-single on a finished crawl did not say 'already finished' within 60 s"
wait_healthy crawler-single 60
wait_finished "$CRAWLER" 30
row "restart on a finished crawl: 'already finished', healthy" ok $(( $(date +%s) - t ))

# --- 5. stop and resume ------------------------------------------------------------------------
t=$(date +%s)
export VC_OUT=resume VC_MIN_DELAY_MS=400
compose up -d --no-build crawler-single >>"$WORK/up.log" 2>&1 || fail "compose up -d crawler-single (VC_OUT=resume) failed"
deadline=$(( $(date +%s) + 120 )); got=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  got=$(http "$CRAWLER/status" 2>/dev/null | json_get pages.fetched 2>/dev/null || echo 0)
  [ "$got" != None ] && [ "$got" -ge 25 ] 2>/dev/null && break
  sleep 1
done
[ "$got" != None ] && [ "$got" -ge 25 ] 2>/dev/null || fail "the resume crawl did not reach 25 pages in 120 s"
compose stop crawler-single >/dev/null 2>&1 || fail "compose stop crawler-single failed"
code=$(docker inspect -f '{{.State.ExitCode}}' "$(cid crawler-single)")
[ "$code" = 143 ] || fail "the stopped crawler-single exited $code, want 143 (SIGTERM, graceful)"
stopped=$(check_crawl_dir data resume shutdown)
[ "$stopped" -lt "$REF" ] || fail "the stop came too late: $stopped of $REF pages were already done"
row "compose stop crawler-single mid-crawl: exit 143, shutdown, $stopped/$REF pages" ok $(( $(date +%s) - t ))

t=$(date +%s)
since=$(date +%s)
compose up -d --no-build crawler-single >>"$WORK/up.log" 2>&1 || fail "compose up -d crawler-single (resume) failed"
wait_log crawler-single "$since" "resuming /data/resume" 60 \
  || fail "the restarted crawler-single's log does not say it resumes /data/resume (within 60 s)"
wait_finished "$CRAWLER" 180
n=$(check_crawl_dir data resume finished)
[ "$n" = "$REF" ] || fail "the resumed crawl recorded $n pages, the uninterrupted one $REF"
row "compose up crawler-single: resumed, finished, $n URLs each once (= $REF)" ok $(( $(date +%s) - t ))

# --- 6. the cluster profile: PostgreSQL, 3 nodes of one crawl, one of them killed mid-crawl -------------
t=$(date +%s)
PG_IMAGE=vertx-crawler-postgres:e2e
docker build --force-rm -t "$PG_IMAGE" --build-arg "BASE_IMAGE=$POSTGRES_BASE" docker/postgres \
  >"$WORK/build-postgres.log" 2>&1 || { tail -n 40 "$WORK/build-postgres.log" >&2; fail "docker build of docker/postgres failed"; }
[ "$(docker run --rm --entrypoint id "$PG_IMAGE" -un)" = postgres ] || fail "the PostgreSQL image does not run as postgres"
set +e
out=$(docker run --rm -e POSTGRES_USER=crawler "$PG_IMAGE" 2>&1); code=$?
set -e
[ "$code" = 2 ] && grep -q "no password" <<<"$out" \
  || fail "the PostgreSQL image without a password exited $code, want 2 with 'no password': $out"
row "docker build $PG_IMAGE (user postgres; no password: exit 2)" ok $(( $(date +%s) - t ))

t=$(date +%s)
# Steps 4 and 5 leave their services running: down, so that what runs next is the cluster profile alone (the
# demo crawl's URLs are kept in $WORK for the comparison below).
compose down -v --remove-orphans >"$WORK/down.log" 2>&1 || { cat "$WORK/down.log" >&2; fail "compose --profile demo --profile single down -v failed"; }
PROFILES=cluster
# The throwaway env file: what a user puts in .env (see .env.example). A 5 s lease, so that the killed node's
# host is taken over quickly; a 500 ms delay, so that the crawl of the (one-host) demo site lasts about 90 s
# and the kill comes mid-crawl.
CLUSTER_REPORT_PORT=$(free_port)
CLUSTER_CRAWL=e2e
cat >>"$ENV_FILE" <<ENV
VC_PG_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
VC_PG_USER=crawler
VC_PG_DB=crawls
VC_CLUSTER_CRAWL=$CLUSTER_CRAWL
VC_LEASE_MS=5000
VC_CLUSTER_MIN_DELAY_MS=500
VC_CLUSTER_REPORT_PORT=$CLUSTER_REPORT_PORT
VC_POSTGRES_IMAGE=$PG_IMAGE
ENV
CLUSTER=http://127.0.0.1:$CLUSTER_REPORT_PORT
compose up -d --no-build --scale crawler=3 >"$WORK/up-cluster.log" 2>&1 \
  || { cat "$WORK/up-cluster.log" >&2; fail "compose --profile cluster up -d --scale crawler=3 failed"; }
service_of() { docker inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$1"; }
services=$(for c in $(docker ps -a -q --filter "label=com.docker.compose.project=$PROJECT"); do service_of "$c"; done | sort | uniq -c | tr -s ' \n' ' ')
[ "$services" = " 3 crawler 1 demo 1 postgres 1 report " ] \
  || fail "compose --profile cluster up -d --scale crawler=3 runs (count service):$services — want 3 crawler, 1 demo, 1 postgres, 1 report"
[ "$(compose ps -a -q crawler | wc -l)" = 3 ] || fail "--scale crawler=3 did not make 3 crawler containers"
for s in postgres demo report crawler; do wait_healthy "$s" 180; done
[ -z "$(docker port "$(cid postgres)")" ] || fail "postgres publishes a port: $(docker port "$(cid postgres)")"
for c in $(compose ps -q); do
  u=$(docker exec "$c" id -u) || fail "docker exec into $c failed"
  [ "$u" != 0 ] || fail "container $c runs as root"
  p1=$(docker exec "$c" cat /proc/1/comm) || fail "docker exec into $c failed"
  case "$p1" in java|postgres) ;; *) fail "container $c: PID 1 is '$p1', not java or postgres" ;; esac
done
row "cluster up --scale crawler=3: 6 healthy, no root, db port unpublished" ok $(( $(date +%s) - t ))

# One line of /live.json: state, done, known, nodes running, the running node with the most pages (and its pages).
live() {
  http "$CLUSTER/live.json" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
p = d.get("progress") or {}
nodes = d.get("nodes") or []
running = [n for n in nodes if n.get("state") == "running"]
top = max(running, key=lambda n: n.get("fetched", 0), default={})
print(d.get("state"), p.get("done", 0), p.get("known", 0), len(running), top.get("node", "-"), top.get("fetched", 0))' \
    2>/dev/null || echo "unreachable 0 0 0 - 0"
}
t=$(date +%s)
deadline=$(( $(date +%s) + 180 )); l=
while :; do
  l=$(live); read -r state ndone known running victim victim_pages <<<"$l"
  [ "$state" = running ] && [ "$running" = 3 ] && [ "$ndone" -ge 10 ] && break
  [ "$state" = finished ] && fail "the cluster crawl finished before a node could be killed ($l)"
  [ "$(date +%s)" -lt "$deadline" ] || fail "/live.json did not show 3 nodes running and 10 pages done within 180 s (last: $l)"
  sleep 0.5
done
[ "$(( ndone * 2 ))" -lt "$REF" ] || fail "too late to kill a node mid-crawl: $ndone of $REF pages already done"
victim_cid=
for c in $(compose ps -q crawler); do
  case "$c" in "${victim%%:*}"*) victim_cid=$c ;; esac
done
[ -n "$victim_cid" ] || fail "node $victim (from /live.json) is none of the crawler containers"
docker kill -s KILL "$victim_cid" >/dev/null || fail "docker kill of $victim failed"
killed_at=$(date +%s)
row "3 nodes running; SIGKILL to ${victim%%:*} ($victim_pages pages), $ndone/$REF done" ok $(( $(date +%s) - t ))

t=$(date +%s)
deadline=$(( $(date +%s) + 300 )); taken=
while :; do
  j=$(http "$CLUSTER/live.json" 2>/dev/null || true)
  l=$(live); read -r state _ _ _ _ _ <<<"$l"
  if [ -z "$taken" ] && python3 -c '
import json, sys
d = json.loads(sys.argv[1]); v = sys.argv[2]
sys.exit(0 if any(n["node"] != v and n.get("leasesTakenOver", 0) > 0 for n in d.get("nodes", [])) else 1)' "$j" "$victim" 2>/dev/null; then
    taken=$(( $(date +%s) - killed_at ))
  fi
  [ "$state" = finished ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "the cluster crawl did not finish within 300 s of the kill (last: $l)"
  sleep 1
done
verdict=$(http "$CLUSTER/live.json" | python3 -c '
import json, sys
d = json.load(sys.stdin); v = sys.argv[1]
killed = [n for n in d["nodes"] if n["node"] == v]
over = sum(n.get("leasesTakenOver", 0) for n in d["nodes"] if n["node"] != v)
print(killed[0]["state"] if killed else "missing", over)' "$victim") || fail "cannot read /live.json"
read -r victim_state takeovers <<<"$verdict"
[ "$victim_state" = lost ] || [ "$takeovers" -gt 0 ] \
  || fail "the killed node is '$victim_state' and no other node took a lease over ($verdict)"
row "finished after the kill: node $victim_state, $takeovers lease(s) taken over${taken:+ ${taken} s after it}" ok $(( $(date +%s) - t ))

# The crawl's pages, from the database (what every report of it reads), against the demo crawl of step 4. Both
# crawled http://demo:8000/ (the same service), so the URLs compare as they are.
cluster_pages() { # as the container's postgres user (peer authentication on the socket)
  docker exec -i "$(cid postgres)" psql -X -q -A -t -v ON_ERROR_STOP=1 -d crawls -v crawl="$CLUSTER_CRAWL" <<'SQL'
SELECT p.record::json->>'url' FROM pages p JOIN crawls c ON c.id = p.crawl_id WHERE c.name = :'crawl'
SQL
}
check_pages() { # what -> fails unless the database holds exactly step 4's URLs, each once
  cluster_pages >"$WORK/cluster-pages.txt" || fail "$1: psql in the postgres service failed"
  python3 - "$WORK/check-demo-data-demo/pages.jsonl" "$WORK/cluster-pages.txt" "$1" <<'PY' || fail "$1: the cluster's pages are not the demo crawl's (see above)"
import collections, json, sys
ref = {json.loads(l)["url"] for l in open(sys.argv[1]) if l.strip()}
got = collections.Counter(l.strip() for l in open(sys.argv[2]) if l.strip())
dups = [u for u, n in got.items() if n > 1]
if dups:
    sys.exit(f"{sys.argv[3]}: {len(dups)} URL(s) recorded more than once, e.g. {dups[0]}")
missing, extra = sorted(ref - set(got)), sorted(set(got) - ref)
if missing or extra:
    sys.exit(f"{sys.argv[3]}: {len(got)} pages, {len(ref)} in the demo crawl; missing {len(missing)} {missing[:5]}, "
             f"extra {len(extra)} {extra[:5]}")
print(len(got))
PY
}
t=$(date +%s)
n=$(check_pages "after the kill")
deadline=$(( $(date +%s) + 60 )); r=
while :; do # the report serves a copy of the crawl taken again every 10 s: the first may predate the end
  r=$(http "$CLUSTER/report.json" 2>/dev/null | python3 -c '
import json, sys; d = json.load(sys.stdin); print(d.get("finishReason"), d["totals"]["pages"])' 2>/dev/null || true)
  [ "$r" = "finished $REF" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "$CLUSTER/report.json says '$r', want 'finished $REF' (finishReason, totals.pages)"
  sleep 1
done
body=$(http "$CLUSTER/") && grep -qi '<html' <<<"$body" || fail "$CLUSTER/ (the report) is not HTML"
body=$(http "$CLUSTER/live") && grep -qi '<html' <<<"$body" || fail "$CLUSTER/live (the cluster dashboard) is not HTML"
body=$(http "$CLUSTER/metrics") && grep -q '^crawler_cluster_urls_done' <<<"$body" || fail "$CLUSTER/metrics has no crawler_cluster_urls_done"
row "db pages = the demo crawl's $n URLs, each once; /report.json, /, /live, /metrics" ok $(( $(date +%s) - t ))

t=$(date +%s)
compose stop >"$WORK/stop-cluster.log" 2>&1 || { cat "$WORK/stop-cluster.log" >&2; fail "compose --profile cluster stop failed"; }
codes=
for c in $(compose ps -a -q); do
  name=$(service_of "$c"); code=$(docker inspect -f '{{.State.ExitCode}}' "$c")
  running=$(docker inspect -f '{{.State.Running}}' "$c")
  [ "$running" = false ] || fail "compose stop: a $name container is still running"
  if [ "$c" = "$victim_cid" ]; then
    codes="$codes killed=$code"
    [ "$code" = 137 ] || fail "the killed node exited $code, want 137 (SIGKILL; not restarted)"
    continue
  fi
  codes="$codes $name=$code"
  case "$name:$code" in
    postgres:0 | crawler:0 | crawler:143 | report:143 | demo:143) ;;
    *) fail "compose stop: $name exited $code (want postgres 0, crawlers 0 or 143, report and demo 143)" ;;
  esac
done
row "cluster stop:$codes" ok $(( $(date +%s) - t ))

t=$(date +%s)
compose up -d --no-build --scale crawler=3 >>"$WORK/up-cluster.log" 2>&1 \
  || { cat "$WORK/up-cluster.log" >&2; fail "the second compose --profile cluster up -d failed"; }
for s in postgres demo report; do wait_healthy "$s" 120; done
deadline=$(( $(date +%s) + 120 ))
while :; do # every node, the killed one too, on a crawl that is over
  unhealthy=
  for c in $(compose ps -a -q crawler); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$c")" = healthy ] || unhealthy="$unhealthy ${c:0:12}"
  done
  [ -z "$unhealthy" ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    logs=$(compose logs --no-color crawler 2>&1 || true)
    if grep -qF "already finished" <<<"$logs"; then
      fail "after the second up the crawler nodes are not healthy: they refuse the finished shared crawl ('already finished', exit 2, restarted over and over) instead of serving its status as --stay-up does for a finished crawl directory"
    fi
    fail "after the second up, crawler container(s)$unhealthy are not healthy within 120 s"
  fi
  sleep 1
done
deadline=$(( $(date +%s) + 60 ))
until [ "$(live | cut -d' ' -f1)" = finished ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "after the second up, /live.json does not say finished: $(live)"
  sleep 1
done
n=$(check_pages "after the second up")
r=$(http "$CLUSTER/report.json" | python3 -c '
import json, sys; d = json.load(sys.stdin); print(d.get("finishReason"), d["totals"]["pages"])') || fail "$CLUSTER/report.json failed"
[ "$r" = "finished $REF" ] || fail "after the second up, $CLUSTER/report.json says '$r', want 'finished $REF'"
row "second up, finished crawl: 6 healthy, finished, the same $n URLs" ok $(( $(date +%s) - t ))

t=$(date +%s)
compose down -v >"$WORK/down-cluster.log" 2>&1 || { cat "$WORK/down-cluster.log" >&2; fail "compose --profile cluster down -v failed"; }
[ -z "$(compose ps -a -q)" ] || fail "containers left after down -v"
[ -z "$(docker volume ls -q --filter "name=${PROJECT}_pg-data")" ] || fail "the pg-data volume is left after down -v"
row "cluster down -v: containers and pg-data removed" ok $(( $(date +%s) - t ))

table
say "all checks passed"
