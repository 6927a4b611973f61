#!/usr/bin/env bash
# warc-check.sh — is the WARC archive of a real crawl complete and readable by another tool?
#
# Serves the Debian package openjdk-17-doc (the JDK 17 API docs, ~10 000 HTML files) with a private nginx on
# 127.0.0.1 with gzip on (as real sites send pages), crawls it in throughput mode with warc.enabled
#   java -jar JAR crawl --seed SEED --out DIR --quiet --seeds-dir /nonexistent -s politeness.minDelayMs=0
#        -s workers=8 -s politeness.maxConcurrencyPerHost=8 -s maxDepth=100 -s maxPages=0 -s warc.enabled=true
#        -s warc.maxFileBytes=$MAX_FILE_BYTES
# then reads DIR/warc/ with webrecorder's warcio.js (bench/warc/check.mjs; npm ci, versions pinned): every
# record parses and their count is summary.json's, each file opens with warcinfo, every payload digest matches,
# a response for every fetched page (and robots.txt, the sitemaps, nothing else) with the record's status, every
# 200 body decoded from the archive has the page record's SHA-256, each response has its GET request, no
# Transfer-Encoding is left. Prints PASS/FAIL lines and a table (files, records, MB; the crawl's wall time).
# Exits 1 when a check fails, 2 on a setup failure.
#
# Usage: bench/warc-check.sh
# Env:   VC_JAR=path (use this jar as is; default target/vertx-crawler.jar, rebuilt when missing or stale)
#        DOC_PKG=openjdk-17-doc  DOC_DIR=/usr/share/doc/$DOC_PKG  SEED_PATH=/api/index.html
#        MAX_FILE_BYTES=20000000 (so that the archive spans several files)  CRAWL_TIMEOUT=600
#        KEEP_TMP=1 (keep the temp dir; kept anyway when a check fails)
# Traffic goes to 127.0.0.1 only (npm ci reaches the npm registry once, for warcio.js).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAX_FILE_BYTES=${MAX_FILE_BYTES:-20000000}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-600}
WORKERS=8
CHECKER=$REPO/bench/warc

need=()
bench_doc_site
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
bench_jar_plan
bench_install_missing "${need[@]}"
[ -f "$DOC_DIR$SEED_PATH" ] || die "$DOC_DIR$SEED_PATH not found"
bench_jar_build
if [ ! -f "$CHECKER/node_modules/warcio/package.json" ]; then
  log "installing warcio.js into $CHECKER (npm ci, versions pinned by package-lock.json)"
  (cd "$CHECKER" && npm ci --no-audit --no-fund --loglevel=error) >&2 || die "npm ci in $CHECKER failed"
fi
bench_tmp

PORT=$(bench_free_ports 1)
{ printf '  gzip on;\n  gzip_types text/css application/javascript text/plain;\n'; bench_doc_server "$PORT"; } \
  | bench_nginx_conf 2 1024
bench_doc_serve
find -L "$DOC_DIR" -type f -name '*.html' -exec cat {} + >/dev/null   # a warm page cache

log "crawling $SEED with warc.enabled (files of $MAX_FILE_BYTES bytes)"
t0=$(date +%s%N)
rc=0
(cd "$TMP" && exec timeout "$CRAWL_TIMEOUT" java -jar "$JAR" crawl --seed "$SEED" --out "$TMP/out" --quiet \
  --seeds-dir /nonexistent -s politeness.minDelayMs=0 -s workers=$WORKERS \
  -s politeness.maxConcurrencyPerHost=$WORKERS -s maxDepth=100 -s maxPages=0 -s warc.enabled=true \
  -s warc.maxFileBytes="$MAX_FILE_BYTES") >"$TMP/crawl.stdout" 2>"$TMP/crawl.stderr" || rc=$?
t1=$(date +%s%N)
if [ "$rc" != 0 ]; then
  KEEP_TMP=${KEEP_TMP:-1}
  tail -5 "$TMP/crawl.stderr" >&2
  die "crawl failed (exit $rc)"
fi

echo
echo "| pages fetched | WARC files | records | WARC MB | crawl wall s |"
echo "|---:|---:|---:|---:|---:|"
/usr/bin/python3 - "$TMP/out" $(((t1 - t0) / 1000000)) <<'PY'
import json, sys
s = json.load(open(f"{sys.argv[1]}/summary.json"))
w = s["warc"]
print(f"| {s['pages']['fetched']} | {w['files']} | {w['records']} | {w['bytes'] / 1e6:.1f} | {int(sys.argv[2]) / 1000:.2f} |")
PY
echo
rc=0
node "$CHECKER/check.mjs" "$TMP/out" "$BASE" || rc=$?
if [ "$rc" != 0 ]; then KEEP_TMP=${KEEP_TMP:-1}; fi
exit "$rc"
