#!/usr/bin/env bash
# report-scale.sh — does report.html still get written for a crawl 20 times the JDK docs, with four times their
# links (~200 000 pages, ~21 million links between them), under the launcher's default heap (-Xmx320m)?
#
# Takes a finished crawl directory (crawl.db) — without one, crawls the OpenJDK 17 API docs (Debian
# openjdk-17-doc, served by a private nginx on 127.0.0.1) in throughput mode first —, copies its database and
# repeats its pages COPIES times (the
# copies' URLs get ?copy=N, their url ids +N·1 000 000) and every links row's targets LINK_REPEAT times, then
# times `bin/vertx-crawler report SCALED --html --format json` under GNU time and prints one table row: pages,
# stored links, wall s, peak RSS MB, report.html MB, the exit code. Exits 1 when the report command fails
# (an OutOfMemoryError under -XX:+ExitOnOutOfMemoryError is exit 3), 2 on a setup error.
#
# Usage: bench/report-scale.sh [CRAWL_DIR]    Env: COPIES=20  LINK_REPEAT=4  VC_JAR=path  KEEP_TMP=1
# Needs root for apt-get when nginx, sqlite3 or the docs are missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=${1:-}
COPIES=${COPIES:-20}
LINK_REPEAT=${LINK_REPEAT:-4}
DOC_DIR=/usr/share/doc/openjdk-17-doc
[ -z "$SRC" ] || [ -f "$SRC/crawl.db" ] || die "$SRC: no crawl.db — give a crawl directory, or none to crawl the JDK docs"
[[ "$COPIES" =~ ^[1-9][0-9]*$ && "$LINK_REPEAT" =~ ^[1-9][0-9]*$ ]] || die "COPIES and LINK_REPEAT must be positive integers"
need=()
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ -z "$SRC" ]; then
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  [ -f "$DOC_DIR/api/index.html" ] || need+=(openjdk-17-doc)
fi
[ -x /usr/bin/time ] || need+=(time)
bench_install_missing "${need[@]}"
bench_jar_plan stale
bench_jar_build
bench_tmp
# The launcher without its start-up cache (VC_CDS=0): this measures memory, and leaves ~/.cache alone.
export VC_CDS=0
if [ -z "$SRC" ]; then
  read -r PORT < <(bench_free_ports 1)
  bench_nginx_conf 2 4096 <<NGINX
  server { listen 127.0.0.1:$PORT; root $DOC_DIR; index index.html; }
NGINX
  bench_nginx_start
  bench_nginx_serves "http://127.0.0.1:$PORT/api/index.html" "$DOC_DIR/api/index.html"
  log "crawling the JDK docs into $TMP/crawl"
  env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" crawl --seed "http://127.0.0.1:$PORT/api/index.html" \
    --out "$TMP/crawl" --quiet --seeds-dir /nonexistent -s politeness.minDelayMs=0 -s workers=16 \
    -s politeness.maxConcurrencyPerHost=16 -s maxPages=0 -s maxDepth=1000 >"$TMP/crawl.log" 2>&1 \
    || die "the crawl failed: see $TMP/crawl.log"
  bench_nginx_stop
  SRC=$TMP/crawl
fi
mkdir -p "$TMP/scaled"
sqlite3 "$SRC/crawl.db" ".backup '$TMP/scaled/crawl.db'"
repeat=to_ids
for _ in $(seq 2 "$LINK_REPEAT"); do repeat="$repeat || to_ids"; done
counts=$(sqlite3 "$TMP/scaled/crawl.db" <<SQL
CREATE TEMP TABLE k AS WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $COPIES - 1)
  SELECT i FROM k WHERE i < $COPIES;
INSERT INTO pages (url_id, record) SELECT p.url_id + k.i * 1000000,
  json_set(p.record, '\$.url', json_extract(p.record, '\$.url') || '?copy=' || k.i)
  FROM k, main.pages p WHERE p.url_id < 1000000;
INSERT INTO links (from_id, n, to_ids) SELECT l.from_id + k.i * 1000000, l.n, l.to_ids
  FROM k, main.links l WHERE l.from_id < 1000000;
UPDATE links SET to_ids = $repeat, n = n * $LINK_REPEAT;
SELECT (SELECT count(*) FROM pages) || ' ' || (SELECT sum(n) FROM links);
SQL
)
read -r pages links <<<"$counts"
log "scaled crawl.db: $pages pages, $links stored links ($COPIES copies, links x $LINK_REPEAT)"
status=0
/usr/bin/time -f "%e %M" -o "$TMP/time" env VC_JAR="$JAR" "$REPO/bin/vertx-crawler" report "$TMP/scaled" \
  --html --format json >"$TMP/report.json" 2>"$TMP/report.err" || status=$?
read -r wall rss_kb < <(tail -1 "$TMP/time") # GNU time puts "Command exited with …" first
html_mb=0
[ -f "$TMP/scaled/report.html" ] && html_mb=$(( $(stat -c %s "$TMP/scaled/report.html") / 1000000 ))
echo "| pages | stored links | wall s | peak RSS MB | report.html MB | exit |"
echo "|---:|---:|---:|---:|---:|---:|"
echo "| $pages | $links | $wall | $((rss_kb / 1024)) | $html_mb | $status |"
if [ "$status" != 0 ]; then
  tail -c 300 "$TMP/report.json" >&2; tail -5 "$TMP/report.err" >&2
  exit 1
fi
