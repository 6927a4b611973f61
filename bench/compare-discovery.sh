#!/usr/bin/env bash
# compare-discovery.sh — does vertx-crawler find every page that wget and Scrapy find?
#
# Serves a Debian documentation package (~1000 HTML pages) with a private nginx on 127.0.0.1, crawls it
# with wget, Scrapy (bench/discovery_spider.py) and vertx-crawler following a[href]/area[href] links only,
# normalises the three URL sets the same way and compares them. Exits 1 when vertx-crawler misses a URL
# that a peer found, 2 on a setup or crawler failure (including a timeout).
#
# Usage: bench/compare-discovery.sh
# Env:   DOC_PKG=postgresql-doc-15  DOC_DIR=/usr/share/doc/$DOC_PKG/html  CRAWL_TIMEOUT=600 (s, per crawler)
#        VC_JAR=path (use this jar as is; default target/vertx-crawler.jar, rebuilt when missing or stale)
#        KEEP_TMP=1 (keep the temp dir with all logs and outputs)
#        MIN_HTML=500 (fewest HTML files the doc dir must hold; 1 lets a small hand-made site be used)
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOC_PKG=${DOC_PKG:-postgresql-doc-15}
DOC_DIR=${DOC_DIR:-/usr/share/doc/$DOC_PKG/html}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-600}
PY=/usr/bin/python3            # Debian's python, where python3-scrapy lives (not a pyenv/venv one)

# ---------------------------------------------------------------- 1. tools and the doc site
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wget >/dev/null 2>&1 || need+=(wget)
"$PY" -c 'import scrapy' >/dev/null 2>&1 || need+=(python3-scrapy)
[ -f "$DOC_DIR/index.html" ] || need+=("$DOC_PKG")
# The crawler jar: VC_JAR as is, or target/vertx-crawler.jar, (re)built when missing or older than the sources.
bench_jar_plan
bench_install_missing "${need[@]}"
[ -f "$DOC_DIR/index.html" ] || die "$DOC_DIR/index.html not found"
html_files=$(find "$DOC_DIR" -type f -name '*.html' | wc -l)
all_files=$(find "$DOC_DIR" -type f | wc -l)
log "doc site: $DOC_DIR — $html_files HTML files, $all_files files in all"
MIN_HTML=${MIN_HTML:-500}    # set MIN_HTML=1 to try the comparison on a small hand-made site
[ "$html_files" -ge "$MIN_HTML" ] && [ "$html_files" -le 3000 ] || die "want ~1000 HTML pages, $DOC_DIR has $html_files"

bench_jar_build

# ---------------------------------------------------------------- 2. private nginx on 127.0.0.1
bench_tmp

PORT=$(bench_free_ports 1)
# $msec status method "uri as sent" "content type sent" bytes — the access log is the neutral record of each run.
bench_nginx_conf 2 1024 '$msec $status $request_method "$request_uri" "$sent_http_content_type" $body_bytes_sent' <<EOF
  server {
    listen 127.0.0.1:$PORT;
    server_name localhost;
    root $DOC_DIR;
    index index.html;
  }
EOF
bench_nginx_start
BASE=http://127.0.0.1:$PORT
SEED=$BASE/index.html
bench_nginx_serves "$BASE/" "$DOC_DIR/index.html"   # ready, serving the right bytes; probes forgotten
log "nginx pid $NGINX_PID serving $DOC_DIR at $BASE/ (seed $SEED)"

# ---------------------------------------------------------------- 3. the three crawls
# run_tool NAME CMD... : times one crawler under a timeout and remembers its slice of the access log.
run_tool() {
  local name=$1; shift
  local start_bytes end_bytes t0 t1 rc=0
  start_bytes=$(stat -c %s "$TMP/nginx/logs/access.log")
  log "crawling with $name"
  t0=$(date +%s%N)
  timeout --kill-after=10 "$CRAWL_TIMEOUT" "$@" >"$TMP/$name.stdout" 2>"$TMP/$name.stderr" || rc=$?
  t1=$(date +%s%N)
  sleep 0.2   # let nginx finish writing the last log lines
  end_bytes=$(stat -c %s "$TMP/nginx/logs/access.log")
  dd if="$TMP/nginx/logs/access.log" of="$TMP/$name.access.log" iflag=skip_bytes,count_bytes status=none \
    skip="$start_bytes" count="$((end_bytes - start_bytes))"
  printf '%s %d.%03d %s\n' "$name" $(((t1 - t0) / 1000000000)) $(((t1 - t0) / 1000000 % 1000)) "$rc" >>"$TMP/runs.txt"
  log "$name: exit $rc, $(wc -l <"$TMP/$name.access.log") requests"
}
: >"$TMP/runs.txt"

# wget: recursive, no depth limit, this host only (no -H), no robots.txt, one try. --follow-tags keeps it to
# <a>/<area> links; 'base' must stay in the list or wget ignores <base href> and resolves links wrongly.
# Default (verbose) log: it names every request, redirects included (-nv names only saved files).
run_tool wget wget -r -l inf --no-parent -e robots=off --follow-tags=a,area,base --tries=1 --timeout=30 \
  -P "$TMP/wget-files" -o "$TMP/wget.log" "$SEED"

# Scrapy: CrawlSpider following a/area href on this scheme://host:port.
run_tool scrapy "$PY" -m scrapy runspider "$REPO/bench/discovery_spider.py" \
  -a start_url="$SEED" -a out="$TMP/scrapy.jsonl"

# vertx-crawler: exactly the acceptance flags; cwd is the temp dir so no seeds/ folder is near either.
run_tool vertx-crawler bash -c 'cd "$1" && shift && exec "$@"' _ "$TMP" java -jar "$JAR" crawl --seed "$SEED" \
  --out "$TMP/vc" --quiet --seeds-dir /nonexistent \
  -s politeness.minDelayMs=0 -s workers=8 -s politeness.maxConcurrencyPerHost=8 -s maxDepth=50 -s maxPages=0

# ---------------------------------------------------------------- 4. normalise, compare, report
set +e
"$PY" - "$TMP" "$BASE" <<'PY'
import json, re, sys
from urllib.parse import urlsplit, urlunsplit

tmp, base = sys.argv[1], sys.argv[2]
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

def remove_dot_segments(path):
    out = []
    for seg in path.split("/"):
        if seg == "..":
            if len(out) > 1:
                out.pop()
        elif seg != ".":
            out.append(seg)
    res = "/".join(out)
    if path.endswith(("/.", "/..")):
        res += "/"
    return res if res.startswith("/") else "/" + res

def norm_pct(s):
    # %7e -> ~ (unreserved chars decoded), other escapes upper-cased; nothing else is encoded or decoded.
    def fix(m):
        ch = chr(int(m.group(1), 16))
        return ch if ch in UNRESERVED else "%" + m.group(1).upper()
    return re.sub(r"%([0-9A-Fa-f]{2})", fix, s)

def canon(url):
    """The comparison key: what crawler-commons' BasicURLNormalizer does for these URLs — lower-case scheme and
    host, default port dropped, empty path -> '/', dot segments resolved, percent escapes normalised, query
    parameters sorted, fragment dropped. Raw path bytes are otherwise kept as given."""
    s = urlsplit(url.strip())
    scheme, host = s.scheme.lower(), (s.hostname or "").lower()
    port = s.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = norm_pct(remove_dot_segments(s.path or "/"))
    query = "&".join(sorted(norm_pct(p) for p in s.query.split("&") if p)) if s.query else ""
    return urlunsplit((scheme, netloc, path, query, ""))

origin = canon(base + "/").rstrip("/")
def in_scope(c):
    return c == origin or c.startswith(origin + "/") or c.startswith(origin + "?")

# --- each tool's own record of what it fetched: {canonical url: (status, content type or None)}
def load_wget():
    # '--2024-01-01 12:00:00--  http://...' starts each request; its status is on a later
    # 'HTTP request sent, awaiting response... 200 OK' line (redirects are requests of their own).
    found, current = {}, None
    for line in open(f"{tmp}/wget.log", encoding="utf-8", errors="replace"):
        m = re.match(r"^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--  (\S+)$", line.rstrip("\n"))
        if m:
            current = m.group(1)
            found.setdefault(current, (None, None))
            continue
        m = re.search(r"awaiting response\.\.\. (\d{3})", line)
        if m and current:
            found[current] = (int(m.group(1)), None)
            current = None
    return found

where = {}   # tool -> {canonical url: "linked from ..."} to explain differences
def load_scrapy():
    found = {}
    for line in open(f"{tmp}/scrapy.jsonl", encoding="utf-8"):
        r = json.loads(line)
        found.setdefault(r["url"], (r["status"], r["contentType"]))
        where.setdefault("scrapy", {}).setdefault(canon(r["url"]), f"linked from {r['referer']}, depth {r['depth']}")
    return found

def load_vc():
    found = {}
    for line in open(f"{tmp}/vc/pages.jsonl", encoding="utf-8"):
        r = json.loads(line)
        found[r["url"]] = (r.get("status"), r.get("contentType"))
        where.setdefault("vertx-crawler", {})[canon(r["url"])] = \
            f"status {r.get('status')}, linked from {r.get('referrer')}, depth {r.get('depth')}"
    return found

# --- nginx's record of the same run: every request, with status and Content-Type
LOG_RE = re.compile(r'^(\S+) (\d{3}) (\S+) "(.*)" "(.*)" (\d+)$')
def load_access(name):
    reqs = []
    for line in open(f"{tmp}/{name}.access.log", encoding="utf-8", errors="replace"):
        m = LOG_RE.match(line.rstrip("\n"))
        if m:
            reqs.append((m.group(4), int(m.group(2)), m.group(5)))
    return reqs

runs = {}
for line in open(f"{tmp}/runs.txt"):
    n, secs, rc = line.split()
    runs[n] = (float(secs), int(rc))

loaders = {"vertx-crawler": load_vc, "wget": load_wget, "scrapy": load_scrapy}
ok_rc = {"vertx-crawler": {0}, "wget": {0, 8}, "scrapy": {0}}   # wget 8 = some URL answered 4xx/5xx
urls, notes, rows, failed = {}, [], [], False
for name, load in loaders.items():
    secs, rc = runs[name]
    if rc not in ok_rc[name]:
        failed = True
        notes.append(f"{name} exited {rc}" + (" (TIMEOUT)" if rc in (124, 137) else "") + f"; see {name}.stderr")
    try:
        raw = load()
    except FileNotFoundError as e:
        raw, failed = {}, True
        notes.append(f"{name}: no output ({e})")
    canon_map = {}
    for u in raw:
        canon_map.setdefault(canon(u), u)
    out_of_scope = [u for c, u in canon_map.items() if not in_scope(c)]
    if out_of_scope:
        notes.append(f"{name}: {len(out_of_scope)} out-of-scope URLs ignored, e.g. {out_of_scope[0]}")
    found = {c for c in canon_map if in_scope(c)}
    collapsed = len(raw) - len(canon_map)
    if collapsed:
        notes.append(f"{name}: {collapsed} raw URLs collapsed into others by normalisation")
    urls[name] = found
    # nginx view: distinct canonical URIs requested, and which were 200 text/html
    reqs = load_access(name)
    served = {canon(base + uri) for uri, _, _ in reqs}
    html200 = {canon(base + uri) for uri, st, ct in reqs if st == 200 and ct.lower().startswith("text/html")}
    dup = len(reqs) - len({uri for uri, _, _ in reqs})
    if served != found:
        notes.append(f"{name}: own record and nginx log differ: {len(found - served)} recorded but not requested "
                     f"{sorted(found - served)[:3]}, {len(served - found)} requested but not recorded "
                     f"{sorted(served - found)[:3]}")
    if dup:
        notes.append(f"{name}: {dup} requests repeated a URI already requested in the same run")
    rows.append([name, len(found), len(html200), len(reqs), secs])

vc = urls["vertx-crawler"]
missing_any = False
print()
for peer in ("wget", "scrapy"):
    miss = sorted(urls[peer] - vc)
    extra = sorted(vc - urls[peer])
    missing_any |= bool(miss)
    print(f"{peer} found, vertx-crawler did not: {len(miss)}")
    for u in miss[:10]:
        print(f"    {u}    ({where.get('scrapy', {}).get(u, 'not reached by scrapy')})")
    print(f"vertx-crawler found, {peer} did not: {len(extra)}")
    for u in extra[:10]:
        print(f"    {u}    ({where['vertx-crawler'].get(u)})")
for r in rows:
    r.append("-" if r[0] == "vertx-crawler" else len(urls[r[0]] - vc))

print()
hdr = ["tool", "URLs found", "HTML 200 pages", "nginx requests", "wall seconds", "missing vs vertx-crawler"]
fmt = "| {:<13} | {:>10} | {:>14} | {:>14} | {:>12} | {:>24} |"
print(fmt.format(*hdr))
print("|" + "|".join("-" * (w + 2) for w in (13, 10, 14, 14, 12, 24)) + "|")
for name, n, h, q, secs, miss in rows:
    print(fmt.format(name, n, h, q, f"{secs:.1f}", miss))
print()
for n in notes:
    print("note: " + n)
if failed:
    print("RESULT: FAILED — a crawler did not finish cleanly")
    sys.exit(2)
if missing_any:
    print("RESULT: FAIL — vertx-crawler missed URLs that a peer found")
    sys.exit(1)
print("RESULT: PASS — vertx-crawler found every URL that wget and Scrapy found")
PY
rc=$?
set -e
exit "$rc"
