#!/usr/bin/env bash
# recrawl-check.sh — does a recrawl (--since) of a real documentation site ask nginx conditionally, download only
# what changed, and still reach every page?
#
# Serves the Debian package openjdk-17-doc (the JDK 17 API docs, ~10 000 HTML files) with a private nginx on
# 127.0.0.1, which sends ETag and Last-Modified for static files and answers If-None-Match with 304. Three
# crawls in throughput mode (java -jar JAR crawl --seed SEED --out DIR --quiet --seeds-dir /nonexistent
# -s politeness.minDelayMs=0 -s workers=8 -s politeness.maxConcurrencyPerHost=8 -s maxDepth=100 -s maxPages=0):
#   ref     : a full crawl into ref/;
#   (then CHANGED pages of ref are served changed — nginx reloaded with `location =` overrides: the original
#    plus a link to one new page, /recrawl-new.html)
#   since   : the same crawl into since/ with --since ref/;
#   again   : the same crawl into again/ with --since since/ (a recrawl of a recrawl, nothing changed).
# Checks: ref recorded validators on every 200 HTML page; in `since` every page ref fetched with 200 was asked
# for with If-None-Match = its recorded ETag; the unchanged ones came back 304 (changed false), the changed ones
# 200 (changed true), the new page was found (changed null) and the URL set is ref's plus it; summary.json's
# changes match; nginx sent less than a tenth of ref's body bytes; `again` is all 304 with changed 0 and the
# same URL set; `report DIR --format json` of each recrawl lists the changed pages, the new one, nothing gone (and
# nothing at all for `again`). Prints a table and PASS/FAIL lines. Exits 1 when a check fails, 2 on a setup failure.
#
# Usage: bench/recrawl-check.sh
# Env:   VC_JAR=path (use this jar as is; default target/vertx-crawler.jar, rebuilt when missing or stale)
#        DOC_PKG=openjdk-17-doc  DOC_DIR=/usr/share/doc/$DOC_PKG  SEED_PATH=/api/index.html  CHANGED=10
#        CRAWL_TIMEOUT=600 (s, per crawl)  KEEP_TMP=1 (keep the temp dir; kept anyway when a check fails)
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHANGED=${CHANGED:-10}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-600}
WORKERS=8
PY=/usr/bin/python3

# ---------------------------------------------------------------- 1. tools and the doc site
need=()
bench_doc_site
[ -x "$PY" ] || need+=(python3)
bench_jar_plan
bench_install_missing "${need[@]}"
[ -f "$DOC_DIR$SEED_PATH" ] || die "$DOC_DIR$SEED_PATH not found"
bench_jar_build
bench_tmp

PORT=$(bench_free_ports 1)
# $TMP/overrides.conf holds the `location =` blocks of the changed pages (empty for ref).
: >"$TMP/overrides.conf"
bench_doc_server "$PORT" "include $TMP/overrides.conf;" \
  | bench_nginx_conf 2 1024 '$status $body_bytes_sent "$request" "$http_if_none_match"'
bench_doc_serve
log "nginx pid $NGINX_PID serving $DOC_DIR at $BASE/"
find -L "$DOC_DIR" -type f -name '*.html' -exec cat {} + >/dev/null   # the page cache, warm for every crawl

# ---------------------------------------------------------------- 2. the crawls
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# crawl NAME [--since DIR] : one crawl into $TMP/NAME; its slice of the access log into $TMP/NAME.access.log and
# "NAME wall_ms rc" into $TMP/phases.txt.
crawl() {
  local name=$1
  shift
  local start end t0 t1 rc=0
  start=$(stat -c %s "$TMP/nginx/logs/access.log")
  t0=$(now_ms)
  (cd "$TMP" && exec timeout "$CRAWL_TIMEOUT" java -jar "$JAR" crawl --seed "$SEED" --out "$TMP/$name" --quiet \
    --seeds-dir /nonexistent -s politeness.minDelayMs=0 -s workers=$WORKERS \
    -s politeness.maxConcurrencyPerHost=$WORKERS -s maxDepth=100 -s maxPages=0 "$@") \
    >"$TMP/$name.stdout" 2>"$TMP/$name.stderr" || rc=$?
  t1=$(now_ms)
  sleep 0.3   # nginx's last log lines
  end=$(stat -c %s "$TMP/nginx/logs/access.log")
  dd if="$TMP/nginx/logs/access.log" of="$TMP/$name.access.log" iflag=skip_bytes,count_bytes status=none \
    skip="$start" count="$((end - start))"
  echo "$name $((t1 - t0)) $rc" >>"$TMP/phases.txt"
  log "$name: exit $rc after $((t1 - t0)) ms, $(wc -l <"$TMP/$name.access.log") requests"
  [ "$rc" = 0 ] || { KEEP_TMP=${KEEP_TMP:-1}; tail -5 "$TMP/$name.stderr" >&2; die "$name: crawl failed (exit $rc)"; }
}
: >"$TMP/phases.txt"

crawl ref

# CHANGED pages of ref, spread over its sorted 200 HTML URLs, are served changed from here on.
mkdir -p "$TMP/changed"
chmod 755 "$TMP" "$TMP/changed"   # nginx's workers (www-data when started as root) read the changed pages
"$PY" - "$TMP" "$BASE" "$DOC_DIR" "$CHANGED" <<'PY' >"$TMP/overrides.conf"
import json, os, re, sys
tmp, base, doc, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
pages = [json.loads(l) for l in open(f"{tmp}/ref/pages.jsonl")]
paths = sorted(p["url"][len(base):] for p in pages if p.get("status") == 200
               and (p.get("contentType") or "").startswith("text/html")
               and re.fullmatch(r"/[A-Za-z0-9/._-]+\.html", p["url"][len(base):]) and p["url"] != base + "/api/index.html")
step = max(1, len(paths) // n)
chosen = paths[::step][:n]
with open(f"{tmp}/changed/new.html", "w") as f:
    f.write("<!DOCTYPE html><title>new since the first crawl</title><p>new\n")
print(f"location = /recrawl-new.html {{ alias {tmp}/changed/new.html; }}")
for i, path in enumerate(chosen):
    body = open(doc + path, "rb").read() + b'\n<a href="/recrawl-new.html">new</a>\n'
    with open(f"{tmp}/changed/{i}.html", "wb") as f:
        f.write(body)
    print(f"location = {path} {{ alias {tmp}/changed/{i}.html; }}")
with open(f"{tmp}/changed/paths.txt", "w") as f:
    f.write("\n".join(chosen) + "\n")
PY
kill -HUP "$NGINX_PID"
first_changed=$(head -1 "$TMP/changed/paths.txt")
for _ in $(seq 50); do
  curl -fsS -o "$TMP/probe.html" "$BASE$first_changed" 2>/dev/null || true
  cmp -s "$TMP/probe.html" "$TMP/changed/0.html" && break
  bench_nginx_alive
  sleep 0.1
done
cmp -s "$TMP/probe.html" "$TMP/changed/0.html" || { KEEP_TMP=${KEEP_TMP:-1}; die "nginx did not pick up the changed pages (see $TMP/nginx/logs/error.log)"; }
log "$(wc -l <"$TMP/changed/paths.txt") pages changed, each now linking /recrawl-new.html"
: >"$TMP/nginx/logs/access.log"

crawl since --since "$TMP/ref"
crawl again --since "$TMP/since"
# The report of each recrawl: what changed, what is new, what is gone.
for name in since again; do
  t0=$(now_ms)
  java -jar "$JAR" report "$TMP/$name" --format json >"$TMP/$name.report.json" 2>"$TMP/$name.report.stderr" \
    || die "report $name failed: $(tail -3 "$TMP/$name.report.stderr")"
  log "report $name: $(($(now_ms) - t0)) ms"
done

# ---------------------------------------------------------------- 3. checks
set +e
"$PY" - "$TMP" "$BASE" <<'PY'
import json, re, sys
tmp, base = sys.argv[1], sys.argv[2]
walls = {l.split()[0]: int(l.split()[1]) for l in open(f"{tmp}/phases.txt")}
changed_paths = set(open(f"{tmp}/changed/paths.txt").read().split())
NEW = "/recrawl-new.html"

def pages(name):
    return {p["url"][len(base):]: p for p in map(json.loads, open(f"{tmp}/{name}/pages.jsonl"))}

def access(name):
    out = []
    for line in open(f"{tmp}/{name}.access.log"):
        m = re.match(r'(\d+) (\d+) "(\S+) (\S+) [^"]*" "([^"]*)"', line)
        if m:
            # nginx writes a header's double quotes as \x22 in the log
            out.append((int(m.group(1)), int(m.group(2)), m.group(4), m.group(5).replace("\\x22", '"')))
    return out

crawls = {n: pages(n) for n in ("ref", "since", "again")}
logs = {n: access(n) for n in crawls}
summaries = {n: json.load(open(f"{tmp}/{n}/summary.json")) for n in crawls}

print()
print("| crawl | --since | wall s | requests | 200 | 304 | other | body bytes sent by nginx | changed | unchanged |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, since in (("ref", "-"), ("since", "ref"), ("again", "since")):
    log = logs[name]
    s = [st for st, _, _, _ in log]
    ch = summaries[name].get("changes", {})
    print(f"| {name} | {since} | {walls[name] / 1000:.2f} | {len(log)} | {s.count(200)} | {s.count(304)} | "
          f"{len(s) - s.count(200) - s.count(304)} | {sum(b for _, b, _, _ in log):,} | {ch.get('changed')} | "
          f"{ch.get('unchanged')} |")
print()

checks = []
def check(name, ok, observed):
    checks.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {observed}")

ref, since, again = crawls["ref"], crawls["since"], crawls["again"]
ref_html = {u: p for u, p in ref.items() if p.get("status") == 200 and (p.get("contentType") or "").startswith("text/html")}
no_validators = [u for u, p in ref_html.items() if not p.get("etag") or not p.get("lastModified")]
check("ref: every 200 HTML page recorded its ETag and Last-Modified", not no_validators and len(ref_html) > 1000,
      f"{len(ref_html)} pages, {len(no_validators)} without")
ref_ok = {u: p for u, p in ref.items() if p.get("status") == 200 and p.get("sha256")}
asked = {}
for st, _, path, inm in logs["since"]:
    asked.setdefault(path, inm)
wrong = [u for u, p in ref_ok.items() if asked.get(u) != p.get("etag")]
check("since: every page ref fetched (200) asked for with If-None-Match = its recorded ETag", not wrong,
      f"{len(ref_ok)} pages, {len(wrong)} not" + (f" (e.g. {wrong[:2]})" if wrong else ""))
unchanged_expect = set(ref_ok) - changed_paths
bad = [u for u in unchanged_expect if since.get(u, {}).get("status") != 304 or since[u].get("changed") is not False]
check("since: every unchanged page 304, changed false", not bad, f"{len(unchanged_expect)} pages, {len(bad)} not")
bad = [u for u in changed_paths if since.get(u, {}).get("status") != 200 or since[u].get("changed") is not True]
check("since: every changed page 200, changed true", not bad, f"{len(changed_paths)} pages, {len(bad)} not")
check("since: the new page found, changed null", NEW in since and since[NEW].get("changed") is None
      and since[NEW].get("status") == 200, str({k: since.get(NEW, {}).get(k) for k in ("status", "changed")}))
missing = set(ref) - set(since)
extra = set(since) - set(ref) - {NEW}
check("since: URL set = ref's + the new page", not missing and not extra, f"{len(missing)} missing, {len(extra)} extra")
ch = summaries["since"].get("changes", {})
check("since: summary.json changes", ch == {"changed": len(changed_paths), "unchanged": len(unchanged_expect)}, str(ch))
ref_bytes = sum(b for _, b, _, _ in logs["ref"])
since_bytes = sum(b for _, b, _, _ in logs["since"])
check("since: nginx sent < 0.1 x ref's body bytes", since_bytes < ref_bytes / 10,
      f"{since_bytes:,} vs {ref_bytes:,} ({since_bytes / max(1, ref_bytes):.4f} x)")
rep = json.load(open(f"{tmp}/since.report.json"))["changes"]
expect_changed = {base + p for p in changed_paths}
check("report since: changed = the changed pages, new = the new page, gone none",
      set(rep["changed"]["urls"]) == expect_changed and rep["changed"]["count"] == len(changed_paths)
      and rep["new"]["urls"] == [base + NEW] and rep["gone"]["count"] == 0 and rep["unchanged"] == len(unchanged_expect),
      f"changed {rep['changed']['count']}, unchanged {rep['unchanged']}, new {rep['new']['urls']}, gone {rep['gone']['count']}")
rep = json.load(open(f"{tmp}/again.report.json"))["changes"]
check("report again: nothing changed, new or gone", rep["changed"]["count"] == 0 and rep["new"]["count"] == 0
      and rep["gone"]["count"] == 0, f"changed {rep['changed']['count']}, new {rep['new']['count']}, gone {rep['gone']['count']}")
a = summaries["again"].get("changes", {})
check("again (since since): nothing changed, same URLs", a.get("changed") == 0 and set(again) == set(since)
      and all(again[u].get("status") == 304 for u in since if since[u].get("status") in (200, 304)
              and since[u].get("sha256")), f"changes {a}, {len(set(again) ^ set(since))} URLs differ")
sys.exit(0 if all(checks) else 1)
PY
rc=$?
if [ "$rc" != 0 ]; then KEEP_TMP=${KEEP_TMP:-1}; fi
exit "$rc"
