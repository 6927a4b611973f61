#!/usr/bin/env bash
# report-check.sh — the crawl-report acceptance line on a real ~10 000-page documentation site:
# "report DIR --broken lists each broken target with all of its referrers, report.html opens from disk in
# Chromium with correct counts, and the live endpoints answer as above during the crawl."
#
# Serves the OpenJDK 17 API docs (Debian openjdk-17-doc; ~50 of its links point at files the package does
# not ship, so there are real broken links) with a private nginx on 127.0.0.1, crawls them in throughput
# mode with the status server on, and checks:
#   during the crawl: /health 200 with X-Request-Id echoed, /status JSON with counts, /metrics with
#   crawler_pages_total — each asked several times;
#   after: `report DIR --broken --format json` against crawl.db queried independently with sqlite3 (every
#   target that answered 4xx/5xx or failed, every page whose links point at it);
#   report.html opened from disk by headless Chromium (--dump-dom runs its script) shows the same totals.
# Usage: bench/report-check.sh     Env: VC_JAR=path  KEEP_TMP=1.  Traffic goes to 127.0.0.1 only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOC_DIR=/usr/share/doc/openjdk-17-doc
PY=/usr/bin/python3

need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f "$DOC_DIR/api/index.html" ] || need+=(openjdk-17-doc)
bench_install_missing "${need[@]}"
bench_jar_plan always
bench_jar_build

bench_tmp
chmod 755 "$TMP"

read -r PORT STATUS < <(bench_free_ports 2)
bench_nginx_conf 1 1024 <<CONF
  server { listen 127.0.0.1:$PORT; root $DOC_DIR; }
CONF
bench_nginx_start
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/index.html" >/dev/null && break; sleep 0.1; done

OUT=$TMP/out
java -jar "$JAR" crawl --seed "http://127.0.0.1:$PORT/api/index.html" --out "$OUT" --quiet --seeds-dir /nonexistent \
  -s politeness.minDelayMs=0 -s workers=8 -s politeness.maxConcurrencyPerHost=8 -s maxDepth=100 -s maxPages=0 \
  -s status.port="$STATUS" >"$TMP/crawler.log" 2>&1 &
CRAWLER_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$STATUS/health" >/dev/null && break; sleep 0.1; done

# ---- live endpoints, several times while the crawl runs
live_ok=0 live_total=0
while kill -0 "$CRAWLER_PID" 2>/dev/null && [ "$live_total" -lt 5 ]; do
  live_total=$((live_total + 1))
  h=$(curl -s -D "$TMP/h.hdr" -H 'X-Request-Id: check-'"$live_total" "http://127.0.0.1:$STATUS/health" || true)
  s=$(curl -s "http://127.0.0.1:$STATUS/status" || true)
  m=$(curl -s "http://127.0.0.1:$STATUS/metrics" || true)
  if grep -qi "^x-request-id: check-$live_total" "$TMP/h.hdr" && [[ "$h" == *'"status":"ok"'* ]] \
      && "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["pages"]["fetched"] >= 0 and "queueDepth" in d' "$s" \
      && [[ "$m" == *crawler_queue_depth* ]] && [[ "$m" == *vertx_http_client* ]]; then
    live_ok=$((live_ok + 1))
  elif kill -0 "$CRAWLER_PID" 2>/dev/null; then
    log "round $live_total failed: health=${h:0:80} status=${s:0:80} metrics=${#m} bytes"
  else
    live_total=$((live_total - 1))   # the crawl ended during this round: it does not count
    break
  fi
  sleep 1
done
wait "$CRAWLER_PID" || die "crawler failed: $(tail -5 "$TMP/crawler.log")"
CRAWLER_PID=

# ---- report --broken against crawl.db, queried independently
java -jar "$JAR" report "$OUT" --broken --format json >"$TMP/broken.json"
# links hold one row per page, its targets' URL ids as LEB128 varints (store schema 3): decoded here, in Python
"$PY" - "$OUT/crawl.db" >"$TMP/broken.sql" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
broken = dict(db.execute("SELECT url_id, url FROM pages WHERE outcome = 'failed' OR status >= 400"))
url = dict(db.execute("SELECT id, url FROM urls"))
refs = {t: set() for t in broken}
for from_id, blob in db.execute("SELECT from_id, to_ids FROM links"):
    v = shift = 0
    for b in blob:
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            if v in refs:
                refs[v].add(url[from_id])
            v = shift = 0
for t, target in broken.items():
    for r in sorted(refs[t]) or [""]:
        print(f"{target}|{r}")
PY
broken=$("$PY" - "$TMP/broken.json" "$TMP/broken.sql" <<'PY'
import json, sys, collections
report = {b["url"]: set(b["referrers"]) for b in json.load(open(sys.argv[1]))["broken"]}
db = collections.defaultdict(set)
for line in open(sys.argv[2]):
    target, _, ref = line.rstrip("\n").partition("|")
    db[target]
    if ref: db[target].add(ref)
missing_targets = set(db) - set(report)
bad = [t for t in db if t in report and db[t] and db[t] != report[t]]
refs = sum(len(v) for v in report.values())
print(len(report), len(db), refs, len(missing_targets), len(bad))
PY
)
read -r rep_targets db_targets rep_refs missing bad <<<"$broken"

# ---- report.html from disk in headless Chromium: the script runs, the cards show the totals
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$TMP/chrome" \
  --virtual-time-budget=10000 --dump-dom "file://$OUT/report.html" >"$TMP/dom.html" 2>"$TMP/chrome.log" || true
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$TMP/chrome" --window-size=1400,1000 \
  --screenshot="$TMP/report.png" "file://$OUT/report.html" >/dev/null 2>&1 || true
html=$("$PY" - "$TMP/dom.html" "$OUT/summary.json" <<'PY'
import re, sys, json
dom = open(sys.argv[1], encoding="utf-8").read()
summary = json.load(open(sys.argv[2]))
def card(name):
    m = re.search(r'id="card-%s"><b>([^<]*)</b>' % name, dom)
    return m.group(1) if m else "?"
pages = summary["pages"]
expected = pages["fetched"] + pages["failed"] + pages["skipped"]
print(card("pages"), card("fetched"), card("brokentargets"), expected, pages["fetched"])
PY
)
read -r html_pages html_fetched html_broken exp_pages exp_fetched <<<"$html"

echo
echo "| check | result | observed |"
echo "|---|---|---|"
fail=0
row() { if [ "$2" = PASS ]; then :; else fail=1; fi; echo "| $1 | $2 | $3 |"; }
[ "$live_total" -gt 0 ] && [ "$live_ok" = "$live_total" ] && r=PASS || r=FAIL
row "live /health, /status, /metrics, X-Request-Id during the crawl" $r "$live_ok of $live_total rounds"
[ "$missing" = 0 ] && [ "$bad" = 0 ] && [ "$rep_targets" = "$db_targets" ] && [ "$rep_targets" -gt 0 ] && r=PASS || r=FAIL
row "report --broken: every broken target with all its referrers" $r "$rep_targets targets ($db_targets in crawl.db), $rep_refs referrers, $missing missing, $bad with other referrers"
[ "$html_pages" = "$exp_pages" ] && [ "$html_fetched" = "$exp_fetched" ] && [ "$html_broken" = "$rep_targets" ] && r=PASS || r=FAIL
row "report.html from disk in Chromium shows the right counts" $r "pages $html_pages/$exp_pages, fetched $html_fetched/$exp_fetched, broken $html_broken/$rep_targets"
echo
[ "$fail" = 0 ] && echo "RESULT: PASS" || { echo "RESULT: FAIL"; KEEP_TMP=1; exit 1; }
