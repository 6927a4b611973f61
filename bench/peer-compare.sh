#!/usr/bin/env bash
# peer-compare.sh — vertx-crawler against wget, Scrapy and Crawlee on one site, plus two floors: jsoup alone
# parsing the same pages from disk (warm; and, for scale, in a fresh JVM), and nginx's raw serving rate.
#
# The site (served by a private nginx on 127.0.0.1, its access log the neutral record of every run):
#   SITE=doc (default): the Debian package openjdk-17-doc (the JDK 17 API docs, ~10 000 HTML pages, ~270 MB),
#     seed /api/index.html, as bench/resume-kill9.sh serves it;
#   SITE=synthetic: bench/peers/synth_site.py writes N deterministic pages (5-100 KB, ~100 links each, some
#     broken links and 301 redirects) into the temp dir; seed /index.html.
# The tools, each following every same-site a[href] from the seed with no page or depth limit:
#   vertx : $VC_CMD crawl --seed SEED --out DIR --quiet --seeds-dir /nonexistent -s politeness.minDelayMs=0
#           -s workers=16 -s politeness.maxConcurrencyPerHost=16 -s maxPages=0 -s maxDepth=1000
#   wget  : wget -r -l inf -nv --follow-tags=a,area,base --tries=1 -P DIR SEED   (one connection)
#   scrapy: /usr/bin/python3 -m scrapy runspider bench/discovery_spider.py (CrawlSpider, CONCURRENT_REQUESTS=16)
#   crawlee: node bench/peers/crawlee/crawl.mjs SEED 16   (CheerioCrawler, concurrency 16, in-memory storage)
# Rounds alternate tools (for each run: for each tool), each process under GNU time (%e %U %S %M: wall, user,
# sys, peak RSS of the process doing the work — java, wget, python3 and node run the crawl themselves). Pages
# found = distinct URLs answered 200 text/html in that run's slice of nginx's access log. Reported: medians per
# tool, CPU s per 1000 pages, the ratios against each peer and the targets:
#   vertx wall <= 0.5 x wget's, <= 0.1 x Scrapy's and Crawlee's; vertx CPU s per 1000 pages lowest of all;
#   vertx peak RSS <= 512 MB; vertx wall <= 2 x the jsoup floor (bench/peers/JsoupFloor.java, run at the start
#   of every round so that it meets the same machine as the crawls; medians of both).
# The table goes to stdout and into BENCHMARKS.md between <!-- peer-compare:begin --> and
# <!-- peer-compare:end --> (the section is appended when the markers are missing).
# Exits 0 whether or not the targets are met (a benchmark, not a gate); 2 when a tool fails to run (non-zero
# exit — wget's 8, "some URL answered 4xx", is fine —, a timeout) or on a setup failure.
#
# Usage: bench/peer-compare.sh
# Env:   TOOLS="vertx wget scrapy crawlee"  RUNS=3  SITE=doc|synthetic  N=10000 (synthetic pages)
#        SYNTH_SEED=42  CONCURRENCY=16 (vertx workers and per-host concurrency, Scrapy's and Crawlee's)
#        CRAWLEE_MIN_CONCURRENCY (default CONCURRENCY: a fixed pool; 1 = Crawlee's autoscaling from 1)
#        VC_CMD="java -jar $VC_JAR" (how vertx-crawler is started; default bin/vertx-crawler when that exists
#          and is executable, else java -jar on VC_JAR)
#        VC_JAR=path (default target/vertx-crawler.jar, rebuilt when missing or stale; also the classpath of
#          the jsoup floor)
#        VC_JAVA_HOME=path (the JVM of vertx-crawler and of the jsoup floor; default the newest JDK 25+ under
#          /usr/lib/jvm — the launcher's AOT cache needs 25 — else java on PATH)
#        TRAIN=1 (0: none): before the timed rounds, one untimed crawl of a *different* synthetic site
#          (synth_site.py, TRAIN_N=3000 pages, seed 7) writes the launcher's start-up cache (AOT on JDK 25+, CDS
#          before) into a private XDG_CACHE_HOME, as a user's first crawl would; the measured site is never
#          used for training
#        DOC_PKG=openjdk-17-doc  DOC_DIR=/usr/share/doc/$DOC_PKG  SEED_PATH=/api/index.html
#        FLOOR=1 (0: skip the jsoup floor; else it runs once per round, before the tools, and its median counts)
#        COLD_FLOOR=1 (0: skip; else each round also times jsoup's first pass in a fresh JVM, COLD=1, and the whole
#          process: not a target, the scale of a fresh JVM's warm-up beside the warm floor)  WRK=1 (0: skip wrk)  WRK_SECONDS=10
#        CRAWL_TIMEOUT=1800 (s, per tool run)  WRITE_MD=1 (0: print only, leave BENCHMARKS.md alone)
#        BENCHMARKS_MD=path (default BENCHMARKS.md at the top of the repo)
#        KEEP_TMP=1 (keep the temp dir with every run's logs and access-log slice)
#        BASE_JAR=path (another build's shaded jar, e.g. the previous commit's: adds the tool vertx-base right
#          after vertx — the same launcher, flags and training with VC_JAR=BASE_JAR — so that two builds are
#          timed side by side in one run; the table then says this build's wall and CPU against the base's,
#          target within 5 %)  BASE_LABEL=text (what the base build is, for the table; default its file name)
# Traffic goes to 127.0.0.1 only. Needs root for apt-get when something is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${TOOLS:-vertx wget scrapy crawlee}
BASE_JAR=${BASE_JAR:-}
if [ -n "$BASE_JAR" ]; then
  [ -f "$BASE_JAR" ] || { echo "peer-compare: BASE_JAR $BASE_JAR not found" >&2; exit 2; }
  BASE_JAR=$(cd "$(dirname "$BASE_JAR")" && pwd)/$(basename "$BASE_JAR")
  BASE_LABEL=${BASE_LABEL:-$(basename "$BASE_JAR")}
  case " $TOOLS " in *" vertx-base "*) ;; *" vertx "*) TOOLS=$(sed 's/\bvertx\b/vertx vertx-base/' <<<"$TOOLS") ;; *) TOOLS="vertx-base $TOOLS" ;; esac
fi
RUNS=${RUNS:-3}
SITE=${SITE:-doc}
N=${N:-10000}
SYNTH_SEED=${SYNTH_SEED:-42}
CONCURRENCY=${CONCURRENCY:-16}
DOC_PKG=${DOC_PKG:-openjdk-17-doc}
DOC_DIR=${DOC_DIR:-/usr/share/doc/$DOC_PKG}
FLOOR=${FLOOR:-1}
COLD_FLOOR=${COLD_FLOOR:-1}
WRK=${WRK:-1}
WRK_SECONDS=${WRK_SECONDS:-10}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-1800}
WRITE_MD=${WRITE_MD:-1}
BENCHMARKS_MD=${BENCHMARKS_MD:-$REPO/BENCHMARKS.md}
PY=/usr/bin/python3            # Debian's python, where python3-scrapy lives (not a pyenv/venv one)
GTIME=/usr/bin/time            # GNU time (Debian package "time"), not the shell keyword
CRAWLEE_DIR=$REPO/bench/peers/crawlee

for t in $TOOLS; do
  case "$t" in vertx | wget | scrapy | crawlee) ;; vertx-base) [ -n "$BASE_JAR" ] || die "vertx-base needs BASE_JAR" ;;
    *) die "unknown tool '$t' in TOOLS (vertx wget scrapy crawlee, vertx-base with BASE_JAR)" ;; esac
done
[ -n "${TOOLS// /}" ] || die "TOOLS is empty"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
has_tool() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
case "$SITE" in
  doc) SEED_PATH=${SEED_PATH:-/api/index.html} ;;
  synthetic) SEED_PATH=/index.html; [[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 2 ] || die "N must be >= 2" ;;
  *) die "SITE must be doc or synthetic, got '$SITE'" ;;
esac

# ---------------------------------------------------------------- 1. tools and the site
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ -x "$GTIME" ] || need+=(time)
[ -x "$PY" ] || need+=(python3)
if [ "$WRK" = 1 ]; then command -v wrk >/dev/null 2>&1 || need+=(wrk); fi
if has_tool wget; then command -v wget >/dev/null 2>&1 || need+=(wget); fi
if has_tool scrapy; then "$PY" -c 'import scrapy' >/dev/null 2>&1 || need+=(python3-scrapy); fi
if has_tool crawlee; then command -v node >/dev/null 2>&1 || need+=(nodejs); command -v npm >/dev/null 2>&1 || need+=(npm); fi
if [ "$SITE" = doc ]; then [ -e "$DOC_DIR$SEED_PATH" ] || need+=("$DOC_PKG"); fi
# The jar: VC_JAR as is, or target/vertx-crawler.jar, (re)built when missing or older than the sources. It is
# needed even with VC_CMD set: the jsoup floor runs on its classpath.
bench_jar_plan
bench_install_missing "${need[@]}"
bench_jar_build
if [ -n "${VC_CMD:-}" ]; then
  VC_CMD_SRC="VC_CMD"
elif [ -x "$REPO/bin/vertx-crawler" ]; then
  VC_CMD="$REPO/bin/vertx-crawler"; VC_CMD_SRC="bin/vertx-crawler"
else
  VC_CMD="java -jar $JAR"; VC_CMD_SRC="default"
fi
eval "VC=($VC_CMD)"   # word-split VC_CMD with shell quoting rules
TRAIN=${TRAIN:-1}
TRAIN_N=${TRAIN_N:-3000}
bench_java25_home
VC_JAVA=java
VC_JAVAC=javac # compiles the cold jsoup floor
VC_ENV=(env)   # the launcher's environment: the chosen JVM, and a private cache the training run fills
if [ -n "${VC_JAVA_HOME:-}" ]; then VC_JAVA=$VC_JAVA_HOME/bin/java; VC_JAVAC=$VC_JAVA_HOME/bin/javac; VC_ENV+=(JAVA_HOME="$VC_JAVA_HOME"); fi
has_tool vertx && { "${VC[@]}" --version >/dev/null 2>&1 || die "VC_CMD '$VC_CMD' --version failed"; }

if has_tool crawlee && [ ! -f "$CRAWLEE_DIR/node_modules/@crawlee/cheerio/package.json" ]; then
  log "installing Crawlee into $CRAWLEE_DIR (npm ci, versions pinned by package-lock.json)"
  (cd "$CRAWLEE_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2 || die "npm ci in $CRAWLEE_DIR failed"
fi

bench_tmp
mkdir -p "$TMP/runs" "$TMP/work"
VC_ENV+=(XDG_CACHE_HOME="$TMP/vc-cache")
[ "$VC_CMD_SRC" = bin/vertx-crawler ] && { has_tool vertx || has_tool vertx-base; } || TRAIN=0
# vertx-base: the same command with the base build's jar (the launcher honours VC_JAR; java -jar takes it directly).
if [ "$VC_CMD_SRC" = bin/vertx-crawler ]; then VC_BASE=(env VC_JAR="$BASE_JAR" "${VC[@]}"); else VC_BASE=("$VC_JAVA" -jar "$BASE_JAR"); fi
if [ "$TRAIN" = 1 ]; then
  log "training site (never the measured one): synthetic N=$TRAIN_N seed 7"
  "$PY" "$REPO/bench/peers/synth_site.py" "$TMP/train/site" "$TRAIN_N" 7 >"$TMP/train.txt" || die "synth_site.py (training) failed"
fi

if [ "$SITE" = doc ]; then
  [ -f "$DOC_DIR$SEED_PATH" ] || die "$DOC_DIR$SEED_PATH not found"
  ROOT=$DOC_DIR
  SITE_DESC="Debian \`$DOC_PKG\` $(dpkg-query -W -f '${Version}' "$DOC_PKG" 2>/dev/null || echo '?') ($DOC_DIR, seed $SEED_PATH)"
  REDIRECTS_INCLUDE=
else
  ROOT=$TMP/site
  chmod 755 "$TMP"   # mktemp -d made it 0700; nginx's workers (user nobody) must reach $TMP/site
  log "generating the synthetic site: N=$N seed=$SYNTH_SEED"
  "$PY" "$REPO/bench/peers/synth_site.py" "$ROOT" "$N" "$SYNTH_SEED" >"$TMP/synth.txt" || die "synth_site.py failed"
  SITE_DESC="synthetic: \`bench/peers/synth_site.py DIR $N $SYNTH_SEED\` ($(cat "$TMP/synth.txt"))"
  REDIRECTS_INCLUDE="include $TMP/site-redirects.conf;"
fi
find -L "$ROOT" -type f -name '*.html' -printf '/%P\n' | LC_ALL=C sort >"$TMP/html-paths.txt"
HTML_FILES=$(wc -l <"$TMP/html-paths.txt")
HTML_BYTES=$(find -L "$ROOT" -type f -name '*.html' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
log "site: $ROOT — $HTML_FILES HTML files, $HTML_BYTES bytes"
[ "$HTML_FILES" -ge 2 ] || die "no HTML pages under $ROOT"
# Every run reads the site from the page cache: warm it.
find -L "$ROOT" -type f -exec cat {} + >/dev/null

# ---------------------------------------------------------------- 2. private nginx on 127.0.0.1
read -r PORT TRAIN_PORT <<<"$(bench_free_ports 2)"
TRAIN_SERVER=
if [ "$TRAIN" = 1 ]; then
  chmod 755 "$TMP"
  TRAIN_SERVER="  server { listen 127.0.0.1:$TRAIN_PORT; root $TMP/train/site; index index.html; include $TMP/train/site-redirects.conf; }"
fi
# $msec status method "uri as sent" "content type sent" bytes
bench_nginx_conf 2 4096 '$msec $status $request_method "$request_uri" "$sent_http_content_type" $body_bytes_sent' <<EOF
  server {
    listen 127.0.0.1:$PORT;
    server_name localhost;
    root $ROOT;
    index index.html;
    $REDIRECTS_INCLUDE
  }
$TRAIN_SERVER
EOF
bench_nginx_start
BASE=http://127.0.0.1:$PORT
SEED=$BASE$SEED_PATH
bench_nginx_serves "$SEED" "$ROOT$SEED_PATH"
log "nginx pid $NGINX_PID serving $ROOT at $BASE/ (seed $SEED)"
ACCESS=$TMP/nginx/logs/access.log

# ---------------------------------------------------------------- 3. versions and commands
ver_line() { "$@" 2>&1 | head -1 || true; }
declare -A VERSION CMDTXT
VERSION[vertx]="$("${VC[@]}" --version 2>/dev/null | head -1 || echo '?'); $("$VC_JAVA" -version 2>&1 | grep -m1 -i 'runtime environment' | sed 's/"//g')"
[ -z "$BASE_JAR" ] || VERSION[vertx-base]="$BASE_LABEL; ${VERSION[vertx]#*; }"
VERSION[wget]=$(ver_line wget --version)
VERSION[scrapy]=$("$PY" -c 'import scrapy, twisted, sys; print(f"Scrapy {scrapy.__version__}, Twisted {twisted.__version__}, Python {sys.version.split()[0]}")' 2>/dev/null || echo '?')
if has_tool crawlee; then
  VERSION[crawlee]="@crawlee/cheerio $(node -p "require('$CRAWLEE_DIR/node_modules/@crawlee/cheerio/package.json').version" 2>/dev/null || echo '?'), Node $(node --version 2>/dev/null)"
fi
NGINX_VERSION=$(nginx -v 2>&1 | sed 's/^nginx version: //')
WRK_VERSION=$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}' || true)

# cmd_of TOOL RUN : sets CMD (an array) — the exact command a run executes (cwd $TMP/work).
cmd_of() {
  local t=$1 i=$2
  case "$t" in
    vertx | vertx-base)
      local vc=("${VC[@]}")
      [ "$t" = vertx ] || vc=("${VC_BASE[@]}")
      CMD=("${VC_ENV[@]}" "${vc[@]}" crawl --seed "$SEED" --out "$TMP/runs/$t.$i" --quiet --seeds-dir /nonexistent
        -s politeness.minDelayMs=0 -s workers="$CONCURRENCY" -s politeness.maxConcurrencyPerHost="$CONCURRENCY"
        -s maxPages=0 -s maxDepth=1000) ;;
    wget)
      # Recursive on this host (no -H), no depth limit; -np is left out: the JDK docs link from /api/ to
      # /specs/ and /legal/, which the other tools follow. --follow-tags keeps it to <a>/<area> links like the
      # others ('base' must stay or wget ignores <base href>). Saves the files (wget parses what it saved).
      CMD=(wget -r -l inf -nv --follow-tags=a,area,base --tries=1 --timeout=30 -P "$TMP/runs/wget.$i"
        -o "$TMP/runs/wget.$i.log" "$SEED") ;;
    scrapy)
      # bench/discovery_spider.py: CrawlSpider, a/area href on this scheme://host:port, CONCURRENT_REQUESTS=16
      # and _PER_DOMAIN=16, no delay, no depth limit, no retries, robots.txt not read, Scrapy's dupefilter.
      CMD=("$PY" -m scrapy runspider "$REPO/bench/discovery_spider.py" -s CONCURRENT_REQUESTS="$CONCURRENCY"
        -s CONCURRENT_REQUESTS_PER_DOMAIN="$CONCURRENCY" -a start_url="$SEED" -a out="$TMP/runs/scrapy.$i.jsonl") ;;
    crawlee)
      CMD=(env CRAWLEE_STORAGE_DIR="$TMP/runs/crawlee.$i.storage" CRAWLEE_PERSIST_STORAGE=false
        CRAWLEE_PURGE_ON_START=true)
      if [ -n "${CRAWLEE_MIN_CONCURRENCY:-}" ]; then CMD+=(CRAWLEE_MIN_CONCURRENCY="$CRAWLEE_MIN_CONCURRENCY"); fi
      CMD+=(node "$CRAWLEE_DIR/crawl.mjs" "$SEED" "$CONCURRENCY") ;;
  esac
}
# show CMD... : the command for BENCHMARKS.md — temp dir as $TMP, port as $PORT, repo-relative paths.
show() {
  local s= a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then s+="$a "; else s+="$(printf '%q' "$a") "; fi
  done
  s=${s% }
  s=${s//"$TMP"/'$TMP'}
  s=${s//"$REPO/"/}
  s=${s//"127.0.0.1:$PORT"/'127.0.0.1:$PORT'}
  [ -n "${TRAIN_PORT:-}" ] && s=${s//"127.0.0.1:$TRAIN_PORT"/'127.0.0.1:$TRAIN_PORT'}
  printf '%s' "$s"
}
for t in $TOOLS; do cmd_of "$t" N; CMDTXT[$t]=$(show "${CMD[@]}"); done

# ---------------------------------------------------------------- 4. floors: nginx raw rate, jsoup parse only
WRK_LINE="-"
if [ "$WRK" = 1 ]; then
  log "wrk: every HTML path round robin, 2 threads, 32 connections, ${WRK_SECONDS}s"
  WRK_CMD=(wrk -t2 -c32 -d"${WRK_SECONDS}s" -s "$REPO/bench/peers/wrk-paths.lua" "$BASE")
  WRK_PATHS=$TMP/html-paths.txt "${WRK_CMD[@]}" >"$TMP/wrk.txt" 2>&1 || die "wrk failed: $(cat "$TMP/wrk.txt")"
  sleep 0.3
  WRK_NON200=$(awk '$2 != 200' "$ACCESS" | wc -l)
  WRK_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$TMP/wrk.txt")
  [ -n "$WRK_RPS" ] || die "wrk printed no Requests/sec: $(cat "$TMP/wrk.txt")"
  [ "$WRK_NON200" = 0 ] || log "wrk: $WRK_NON200 requests were not answered 200"
  WRK_LINE="$WRK_RPS $WRK_NON200 $(show WRK_PATHS="$TMP/html-paths.txt" "${WRK_CMD[@]}")"
  : >"$ACCESS"
fi
FLOOR_CMD=("$VC_JAVA" -cp "$JAR" "$REPO/bench/peers/JsoupFloor.java" "$ROOT" 2 "$BASE/")
: >"$TMP/floors.txt"
: >"$TMP/floors-cold.txt"
COLD_CMD=()
if [ "$FLOOR" = 1 ] && [ "$COLD_FLOOR" = 1 ]; then
  # Compiled ahead, so that the cold process is jsoup's start-up and not javac's (source-file mode compiles first).
  mkdir -p "$TMP/floor-classes"
  "$VC_JAVAC" -nowarn -cp "$JAR" -d "$TMP/floor-classes" "$REPO/bench/peers/JsoupFloor.java" \
    >"$TMP/floor-javac.txt" 2>&1 || die "javac JsoupFloor.java failed (COLD_FLOOR=0 skips the cold floor): $(tail -5 "$TMP/floor-javac.txt")"
  COLD_CMD=("$VC_JAVA" -cp "$JAR:$TMP/floor-classes" JsoupFloor "$ROOT" 2 "$BASE/")
fi
# run_floor RUN : the jsoup floor, once per round beside the crawls, so that it drifts with the machine as they do
# (on a shared VM one floor measured alone varied 2.3-4.3 s within minutes); the median goes into the table.
run_floor() {
  local i=$1
  log "run $i/$RUNS: jsoup floor (every .html under $ROOT, 2 threads, one warm-up pass, then a timed pass)"
  "${FLOOR_CMD[@]}" >"$TMP/floor.$i.txt" 2>"$TMP/floor.$i.err" || die "JsoupFloor failed: $(tail -5 "$TMP/floor.$i.err")"
  grep '^jsoup-floor ' "$TMP/floor.$i.txt" >>"$TMP/floors.txt" || die "JsoupFloor printed no result: $(cat "$TMP/floor.$i.txt")"
  log "jsoup floor run $i: $(grep -o 'seconds=[0-9.]*' "$TMP/floor.$i.txt")"
  [ "$COLD_FLOOR" = 1 ] || return 0
  log "run $i/$RUNS: jsoup floor, cold (a fresh JVM, no warm-up pass; the whole process under GNU time)"
  COLD=1 "$GTIME" -f '%e %U %S' -o "$TMP/floor-cold.$i.time" "${COLD_CMD[@]}" >"$TMP/floor-cold.$i.txt" \
    2>"$TMP/floor-cold.$i.err" || die "JsoupFloor (COLD=1) failed: $(tail -5 "$TMP/floor-cold.$i.err")"
  local line process
  line=$(grep '^jsoup-floor ' "$TMP/floor-cold.$i.txt") || die "JsoupFloor (COLD=1) printed no result"
  process=$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$TMP/floor-cold.$i.time" | tail -1)
  echo "$line process_wall=${process%% *}" >>"$TMP/floors-cold.txt"
  log "jsoup floor run $i, cold: $(grep -o 'seconds=[0-9.]*' <<<"$line"), process ${process%% *} s"
}

# ---------------------------------------------------------------- 5. the crawls, alternating
TRAIN_LINE="-"
if [ "$TRAIN" = 1 ]; then
  TRAIN_CMD=("${VC_ENV[@]}" "${VC[@]}" crawl --seed "http://127.0.0.1:$TRAIN_PORT/index.html" --out "$TMP/train/out"
    --quiet --seeds-dir /nonexistent -s politeness.minDelayMs=0 -s workers="$CONCURRENCY"
    -s politeness.maxConcurrencyPerHost="$CONCURRENCY" -s maxPages=0 -s maxDepth=1000)
  log "training crawl (untimed) of the synthetic site on port $TRAIN_PORT"
  (cd "$TMP/work" && "${TRAIN_CMD[@]}") >"$TMP/train.out" 2>&1 || die "training crawl failed: $(tail -5 "$TMP/train.out")"
  rm -rf "$TMP/train/out"
  if has_tool vertx-base; then
    log "training crawl (untimed) of the base build, the same site"
    (cd "$TMP/work" && env VC_JAR="$BASE_JAR" "${TRAIN_CMD[@]}") >"$TMP/train-base.out" 2>&1 \
      || die "training crawl of the base build failed: $(tail -5 "$TMP/train-base.out")"
  fi
  TRAIN_LINE="$(cat "$TMP/train.txt") cache=$(ls "$TMP/vc-cache/vertx-crawler" 2>/dev/null | tr '\n' ' ')cmd=$(show "${TRAIN_CMD[@]}")"
  rm -rf "$TMP/train/out"
  : >"$ACCESS"
fi
: >"$TMP/runs.txt"
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
# run_tool TOOL RUN : one timed crawl; its slice of the access log goes to runs/TOOL.RUN.access.log.
run_tool() {
  local t=$1 i=$2 rc=0
  cmd_of "$t" "$i"
  : >"$ACCESS"
  log "run $i/$RUNS: $t"
  (cd "$TMP/work" && exec "$GTIME" -f '%e %U %S %M' -o "$TMP/runs/$t.$i.time" \
    timeout --kill-after=10 "$CRAWL_TIMEOUT" "${CMD[@]}") >"$TMP/runs/$t.$i.stdout" 2>"$TMP/runs/$t.$i.stderr" || rc=$?
  sleep 0.3   # let nginx finish writing the last log lines
  cp "$ACCESS" "$TMP/runs/$t.$i.access.log"
  : >"$ACCESS"
  local ok=0
  case "$t" in wget) [ "$rc" = 0 ] || [ "$rc" = 8 ] && ok=1 ;; *) [ "$rc" = 0 ] && ok=1 ;; esac
  if [ "$ok" != 1 ]; then
    KEEP_TMP=${KEEP_TMP:-1}
    tail -15 "$TMP/runs/$t.$i.stderr" | sed "s/^/   $t: /" >&2
    [ "$rc" = 124 ] || [ "$rc" = 137 ] && die "$t (run $i) timed out after ${CRAWL_TIMEOUT}s — see $TMP/runs/$t.$i.stderr"
    die "$t (run $i) failed: exit $rc — command: $(show "${CMD[@]}"); see $TMP/runs/$t.$i.stderr"
  fi
  read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$TMP/runs/$t.$i.time" | tail -1)
  echo "$t $i $rc $wall $user $sys $rss" >>"$TMP/runs.txt"
  log "$t run $i: exit $rc, ${wall}s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') s CPU, ${rss} KB peak RSS," \
    "$(wc -l <"$TMP/runs/$t.$i.access.log") requests"
  # wget's saved copy of the site (~the site's size) is not needed once counted: free the disk.
  rm -rf "$TMP/runs/wget.$i" "$TMP/runs/crawlee.$i.storage"
  case "$t" in vertx | vertx-base) rm -f "$TMP/runs/$t.$i/crawl.db"* ;; esac
}
for i in $(seq "$RUNS"); do
  if [ "$FLOOR" = 1 ]; then run_floor "$i"; fi
  for t in $TOOLS; do run_tool "$t" "$i"; done
done
FLOOR_LINE="-"
COLD_LINE="-"
if [ "$FLOOR" = 1 ]; then FLOOR_LINE="$TMP/floors.txt cmd=$(show "${FLOOR_CMD[@]}")"; fi
if [ "$FLOOR" = 1 ] && [ "$COLD_FLOOR" = 1 ]; then COLD_LINE="$TMP/floors-cold.txt cmd=COLD=1 $(show "${COLD_CMD[@]}")"; fi

# ---------------------------------------------------------------- 6. report
MD=$TMP/section.md
CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
set +e
for t in $TOOLS; do export "PC_CMD_${t//-/_}=${CMDTXT[$t]}" "PC_VERSION_${t//-/_}=${VERSION[$t]:-?}"; done
PC_TOOLS=$TOOLS PC_SITE_DESC=$SITE_DESC PC_HTML_FILES=$HTML_FILES PC_HTML_BYTES=$HTML_BYTES PC_NPROC=$(nproc) \
PC_CPU=$CPU_MODEL PC_NGINX=$NGINX_VERSION PC_WRK_VERSION=$WRK_VERSION PC_WRK=$WRK_LINE PC_FLOOR=$FLOOR_LINE PC_COLD=$COLD_LINE \
PC_VC_SRC=$VC_CMD_SRC PC_TRAIN=$TRAIN_LINE PC_SITE=$SITE PC_CONCURRENCY=$CONCURRENCY PC_LOADAVG=$LOADAVG \
"$PY" - "$TMP" "$RUNS" "$MD" <<'PY'
import os, re, statistics, sys
from datetime import datetime, timezone
tmp, runs, md_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
E = os.environ
tools = E["PC_TOOLS"].split()
names = {"vertx": "vertx-crawler", "vertx-base": "vertx-crawler (base build)", "wget": "wget", "scrapy": "Scrapy",
         "crawlee": "Crawlee"}
version = {t: E.get("PC_VERSION_" + t.replace("-", "_"), "?") for t in tools}
cmds = {t: E.get("PC_CMD_" + t.replace("-", "_"), "") for t in tools}
site_desc = E["PC_SITE_DESC"]
html_files, html_bytes = int(E["PC_HTML_FILES"]), int(E["PC_HTML_BYTES"])
nproc, cpu = E["PC_NPROC"], E["PC_CPU"]
nginx_version, wrk_version = E["PC_NGINX"], E["PC_WRK_VERSION"]
wrk_line, floor_line = E["PC_WRK"], E["PC_FLOOR"]
vc_src, site_kind = E["PC_VC_SRC"], E["PC_SITE"]
concurrency = int(E["PC_CONCURRENCY"])

LOG = re.compile(r'^(\S+) (\d{3}) (\S+) "(.*)" "(.*)" (\d+)$')
def access(t, i):
    html, reqs, uris, bad = set(), 0, {}, 0
    for line in open(f"{tmp}/runs/{t}.{i}.access.log", encoding="utf-8", errors="replace"):
        m = LOG.match(line.rstrip("\n"))
        if not m:
            bad += 1
            continue
        reqs += 1
        uri = m.group(4).split("#")[0]
        uris[uri] = uris.get(uri, 0) + 1
        if m.group(2) == "200" and m.group(5).lower().startswith("text/html"):
            html.add(uri)
    return html, reqs, sum(c - 1 for c in uris.values()), bad

rows = {}
for line in open(f"{tmp}/runs.txt"):
    t, i, rc, wall, user, sys_, rss = line.split()
    html, reqs, repeats, bad = access(t, i)
    rows.setdefault(t, []).append(dict(run=int(i), wall=float(wall), cpu=float(user) + float(sys_),
                                       rss=int(rss) / 1024, pages=len(html), set=html, reqs=reqs,
                                       repeats=repeats, rc=int(rc)))
med = {}
for t in tools:
    r = rows[t]
    m = dict(wall=statistics.median(x["wall"] for x in r), cpu=statistics.median(x["cpu"] for x in r),
             rss=statistics.median(x["rss"] for x in r), pages=statistics.median(x["pages"] for x in r),
             reqs=statistics.median(x["reqs"] for x in r))
    m["cpu_per_k"] = m["cpu"] / m["pages"] * 1000 if m["pages"] else float("nan")
    m["pps"] = m["pages"] / m["wall"] if m["wall"] else float("nan")
    med[t] = m

floor = None
if floor_line != "-":
    floor_file, floor_cmd = floor_line.split(" cmd=", 1)
    kvs = [dict(p.split("=", 1) for p in line.split()[1:]) for line in open(floor_file) if line.strip()]
    secs = [float(kv["seconds"]) for kv in kvs]
    floor = dict(secs=statistics.median(secs), all=secs, files=int(kvs[0]["files"]), links=int(kvs[0]["links"]),
                 jsoup=kvs[0]["jsoup"], cmd=floor_cmd)
    floor["pps"] = floor["files"] / floor["secs"]
cold = None
if E.get("PC_COLD", "-") != "-":
    cold_file, cold_cmd = E["PC_COLD"].split(" cmd=", 1)
    kvs = [dict(p.split("=", 1) for p in line.split()[1:]) for line in open(cold_file) if line.strip()]
    cold = dict(secs=statistics.median(float(kv["seconds"]) for kv in kvs),
                process=statistics.median(float(kv["process_wall"]) for kv in kvs),
                all=[(float(kv["seconds"]), float(kv["process_wall"])) for kv in kvs], cmd=cold_cmd)
wrk = None
if wrk_line != "-":
    rps, non200, wcmd = wrk_line.split(" ", 2)
    wrk = dict(rps=float(rps), non200=int(non200), cmd=wcmd)

out = []
P = out.append
now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
P("## Peer comparison: vertx-crawler, wget, Scrapy, Crawlee (performance issue)")
P("")
P(f"`bash bench/peer-compare.sh` (RUNS={runs}, TOOLS=\"{' '.join(tools)}\", SITE={site_kind}) — {now}; "
  f"{nproc} cores (`nproc`), {cpu}.")
P("")
P(f"- Site: {site_desc}: {html_files} HTML files, {html_bytes / 1e6:.1f} MB of HTML; nginx {nginx_version} on "
  f"127.0.0.1 (2 workers, access log on: it is the record of each run).")
P(f"- Pages = distinct URLs nginx answered 200 text/html in that run; CPU = user + sys of the tool's process "
  f"(GNU time; children included); peak RSS = GNU time's %M. Runs alternate tools (each round: "
  f"{', '.join((['jsoup floor'] if floor else []) + [names[t] for t in tools])}). Medians of {runs} run(s). Load average before the first run: "
  f"{E['PC_LOADAVG']}.")
P("")
P("| tool | version | pages | requests | wall s | pages/s | CPU s | CPU s / 1000 pages | peak RSS MB | vertx-crawler wall / tool wall |")
P("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for t in tools:
    m = med[t]
    ratio = "-" if t == "vertx" or "vertx" not in med else f"{med['vertx']['wall'] / m['wall']:.2f}"
    P(f"| {names[t]} | {version[t]} | {m['pages']:.0f} | {m['reqs']:.0f} | {m['wall']:.2f} | {m['pps']:.0f} | "
      f"{m['cpu']:.2f} | {m['cpu_per_k']:.2f} | {m['rss']:.0f} | {ratio} |")
if floor:
    r = f"{med['vertx']['wall'] / floor['secs']:.2f}" if "vertx" in med else "-"
    P(f"| jsoup parse only (floor: {floor['files']} files from disk, 2 threads, warm) | jsoup {floor['jsoup']} | "
      f"{floor['files']} | - | {floor['secs']:.2f} | {floor['pps']:.0f} | - | - | - | {r} |")
if cold:
    r = f"{med['vertx']['wall'] / cold['process']:.2f}" if "vertx" in med else "-"
    P(f"| jsoup parse only, cold (a fresh JVM's first pass, {cold['secs']:.2f} s; wall = the whole process) | "
      f"jsoup {floor['jsoup']} | {floor['files']} | - | {cold['process']:.2f} | - | - | - | - | {r} |")
if wrk:
    implied = html_files / wrk["rps"]
    r = f"{med['vertx']['wall'] / implied:.2f}" if "vertx" in med else "-"
    P(f"| nginx raw serving (wrk, all HTML paths round robin; time implied for {html_files} pages) | "
      f"{wrk_version} | {html_files} | - | {implied:.3f} | {wrk['rps']:.0f} | - | - | - | {r} |")
P("")

# page-set agreement
ref_t = "vertx" if "vertx" in rows else tools[0]
ref = rows[ref_t][0]["set"]
agree = []
big = False
for t in tools:
    for x in rows[t]:
        miss, extra = len(ref - x["set"]), len(x["set"] - ref)
        if t == ref_t and x["run"] == 1:
            continue
        if miss + extra > max(5, 0.01 * len(ref)):
            big = True
        agree.append(f"{names[t]} run {x['run']}: {x['pages']} pages, {miss} missing / {extra} extra vs "
                     f"{names[ref_t]} run 1" + (f", {x['repeats']} repeated requests" if x["repeats"] else ""))
P(f"Page sets ({names[ref_t]} run 1: {len(ref)} pages): " + ("; ".join(agree) if agree else "one run only") + ".")
if big:
    P("")
    P("**WARNING: the page sets differ by more than 1 % — a configuration difference, not a speed result.**")
P("")

# targets
tg = []
def target(name, value, ok):
    tg.append((name, value, "n/a" if ok is None else ("yes" if ok else "NO")))
if "vertx" in med:
    v = med["vertx"]
    for peer, lim in (("wget", 0.5), ("scrapy", 0.1), ("crawlee", 0.1)):
        if peer in med:
            q = v["wall"] / med[peer]["wall"]
            target(f"vertx-crawler wall <= {lim} x {names[peer]}'s", f"{q:.3f} x ({v['wall']:.2f} s vs {med[peer]['wall']:.2f} s)", q <= lim)
        else:
            target(f"vertx-crawler wall <= {lim} x {names[peer]}'s", "not run", None)
    if "vertx-base" in med:
        b = med["vertx-base"]
        for what, key in (("wall", "wall"), ("CPU", "cpu")):
            q = v[key] / b[key]
            target(f"this build's {what} within 5 % of the base build's ({version['vertx-base'].split(';')[0]})",
                   f"{q:.3f} x ({v[key]:.2f} s vs {b[key]:.2f} s)", q <= 1.05)
    others = {t: med[t]["cpu_per_k"] for t in med if t not in ("vertx", "vertx-base")}
    if others:
        best = min(others, key=others.get)
        target("vertx-crawler CPU s / 1000 pages lowest of all",
               f"{v['cpu_per_k']:.2f} vs {names[best]} {others[best]:.2f} (lowest peer)", v["cpu_per_k"] < others[best])
    else:
        target("vertx-crawler CPU s / 1000 pages lowest of all", "no peer run", None)
    target("vertx-crawler peak RSS <= 512 MB", f"{v['rss']:.0f} MB", v["rss"] <= 512)
    if floor:
        q = v["wall"] / floor["secs"]
        target("vertx-crawler wall <= 2 x the jsoup floor", f"{q:.2f} x ({v['wall']:.2f} s vs {floor['secs']:.2f} s)", q <= 2)
    else:
        target("vertx-crawler wall <= 2 x the jsoup floor", "floor not run", None)
    P("| target | measured | met |")
    P("|---|---|---|")
    for name, value, ok in tg:
        P(f"| {name} | {value} | {ok} |")
    P("")
    if floor and cold:
        P(f"For scale (not a target): jsoup alone in a fresh JVM parses the pages once in {cold['secs']:.2f} s "
          f"({cold['secs'] / floor['secs']:.2f} x its warm pass) and its whole process takes {cold['process']:.2f} s; "
          f"vertx-crawler's whole crawl takes {v['wall'] / cold['process']:.2f} x that process.")
        P("")

P("Every run (wall s / CPU s / peak RSS MB / pages):")
P("")
for t in tools:
    P(f"- {names[t]}: " + "; ".join(f"{x['wall']:.2f} / {x['cpu']:.2f} / {x['rss']:.0f} / {x['pages']}" for x in rows[t]))
if floor:
    P("- jsoup floor (timed pass, s): " + "; ".join(f"{s:.2f}" for s in floor["all"])
      + ("; vertx-crawler / floor in the same round: " + "; ".join(
          f"{x['wall'] / s:.2f}" for x, s in zip(rows["vertx"], floor["all"])) if "vertx" in rows else ""))
if cold:
    P("- jsoup floor, cold (first pass s / whole process s): " + "; ".join(f"{a:.2f} / {b:.2f}" for a, b in cold["all"]))
P("")
P("Commands (cwd an empty temp dir; $TMP is the run's temp dir, $PORT nginx's port; N the run number):")
P("")
for t in tools:
    P(f"- {names[t]} (concurrency {1 if t == 'wget' else concurrency}): `{cmds[t]}`"
      + (f" (VC_CMD from {vc_src})" if t in ("vertx", "vertx-base") else ""))
if floor:
    P(f"- jsoup floor (the same JVM as vertx-crawler): `{floor['cmd']}`")
if cold:
    P(f"- jsoup floor, cold (under GNU time): `{cold['cmd']}`")
train = E.get("PC_TRAIN", "-")
if train != "-":
    desc, tcmd = train.split(" cmd=", 1)
    P(f"- vertx-crawler's start-up cache, written before the rounds by one untimed training crawl of a different "
      f"site ({desc.strip()}): `{tcmd}`")
if wrk:
    P(f"- nginx raw: `{wrk['cmd']}`" + (f" ({wrk['non200']} answers not 200)" if wrk["non200"] else ""))
open(md_path, "w").write("\n".join(out) + "\n")
PY
rc=$?
set -e
[ "$rc" = 0 ] || die "report failed (exit $rc)"
cat "$MD"

if [ "$WRITE_MD" = 1 ]; then
  "$PY" - "$BENCHMARKS_MD" "$MD" <<'PY' || die "could not update $BENCHMARKS_MD"
import os, sys
path, section = sys.argv[1], open(sys.argv[2]).read()
BEGIN, END = "<!-- peer-compare:begin -->", "<!-- peer-compare:end -->"
text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
block = f"{BEGIN}\n{section.rstrip()}\n{END}"
b, e = text.find(BEGIN), text.find(END)
if b != -1 and e > b:
    text = text[:b] + block + text[e + len(END):]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
tmp = path + ".tmp"
open(tmp, "w").write(text)
os.replace(tmp, path)
PY
  log "wrote the section into $BENCHMARKS_MD (between the peer-compare markers)"
fi
log "total ${SECONDS} s"
exit 0
