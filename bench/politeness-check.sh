#!/usr/bin/env bash
# politeness-check.sh — does vertx-crawler obey robots.txt (Crawl-delay, Disallow, Allow) on the wire?
#
# Acceptance line: "Against a site whose robots.txt says `Crawl-delay: 0.2` and disallows one path prefix with
# one `Allow` exception inside it, crawled with `-s politeness.minDelayMs=0`: the server's access log shows
# robots.txt requested first, no disallowed URL requested, the allowed exception fetched, and no two request
# starts to that host closer than 200 ms; with a second, unrestricted host in the same crawl, the second host
# finishes long before the first."
#
# Generates two static sites in a temp dir and serves them with one private nginx on 127.0.0.1:
#   site A (port PA): ~30 pages; robots.txt = Crawl-delay 0.2, Disallow /private/, Allow /private/open.html;
#                     pages link to /private/secret*.html and /private/open.html.
#   site B (port PB): 60 richly linked pages, no robots.txt (404).
# Crawls both roots in one run with -s politeness.minDelayMs=0 -s maxPages=0 -s maxDepth=20 (default jitter)
# and checks nginx's access log (request start = $msec - $request_time, ms resolution) and pages.jsonl.
# Prints a PASS/FAIL table. Exits 1 when a check fails, 2 on a setup or crawler failure (including a timeout).
#
# Usage: bench/politeness-check.sh
# Env:   VC_JAR=path (use this jar as is; default target/vertx-crawler.jar, rebuilt when missing or stale)
#        CRAWL_TIMEOUT=120 (s)   KEEP_TMP=1 (keep the temp dir with the sites, logs and crawl output; kept
#        anyway when a check fails, unless KEEP_TMP=0)
#        B_FRACTION=0.25 ("long before": B's last request start must be at most this fraction of A's, both
#                         counted from the crawl's first request start)
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-120}
B_FRACTION=${B_FRACTION:-0.25}
PY=/usr/bin/python3            # Debian's python; only the standard library is used

# ---------------------------------------------------------------- 1. tools
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ -x "$PY" ] || need+=(python3)
bench_jar_plan
bench_install_missing "${need[@]}"
bench_jar_build

# ---------------------------------------------------------------- 2. the two sites
bench_tmp
chmod 755 "$TMP"   # nginx's workers run as an unprivileged user and must read the sites

read -r PA PB < <(bench_free_ports 2)

"$PY" - "$TMP" <<'PY'
import os, sys
tmp = sys.argv[1]

def page(title, links):
    items = "\n".join(f'<li><a href="{h}">{h}</a></li>' for h in links)
    return f"<!doctype html>\n<html><head><title>{title}</title></head>\n<body><h1>{title}</h1>\n<ul>\n{items}\n</ul></body></html>\n"

def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

# Site A: index + 25 public pages + /private/open.html (allowed) + /private/secret1..4.html (disallowed).
a = os.path.join(tmp, "siteA")
write(a, "robots.txt", "User-agent: *\nCrawl-delay: 0.2\nDisallow: /private/\nAllow: /private/open.html\n")
pub = [f"/p{i:02d}.html" for i in range(1, 26)]
secrets = [f"/private/secret{k}.html" for k in range(1, 5)]
write(a, "index.html", page("A index", pub + ["/private/open.html", "/private/secret1.html"]))
for i, p in enumerate(pub):
    links = ["/index.html", pub[(i + 1) % len(pub)], pub[(i + 2) % len(pub)], secrets[i % len(secrets)]]
    if i % 5 == 0:
        links.append("/private/open.html")
    write(a, p.lstrip("/"), page(f"A {p}", links))
write(a, "private/open.html", page("A open", ["/index.html", "/p01.html"] + secrets))
for s in secrets:
    write(a, s.lstrip("/"), page(f"A {s}", ["/index.html"]))

# Site B: index + 59 pages, each linking to 8 others; no robots.txt.
b = os.path.join(tmp, "siteB")
bp = ["/index.html"] + [f"/b{i:02d}.html" for i in range(1, 60)]
for i, p in enumerate(bp):
    links = [bp[(i + d) % len(bp)] for d in (1, 2, 3, 5, 8, 13, 21, 34)]
    write(b, p.lstrip("/"), page(f"B {p}", links))
PY

# ---------------------------------------------------------------- 3. private nginx on 127.0.0.1:PA and :PB
# start of a request = $msec (time of logging) - $request_time; both come from nginx's cached ms clock.
bench_nginx_conf 1 1024 '$msec $request_time $server_port "$request" $status' <<EOF
  server { listen 127.0.0.1:$PA; server_name localhost; root $TMP/siteA; index index.html; }
  server { listen 127.0.0.1:$PB; server_name localhost; root $TMP/siteB; index index.html; }
EOF
bench_nginx_start
for port in "$PA" "$PB"; do
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/index.html" 2>/dev/null && continue 2
    bench_nginx_alive
    sleep 0.1
  done
  die "nginx does not answer on 127.0.0.1:$port: $(tail -3 "$TMP/nginx/logs/error.log")"
done
curl -fsS "http://127.0.0.1:$PA/robots.txt" | cmp -s - "$TMP/siteA/robots.txt" || die "site A robots.txt not served"
[ "$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PB/robots.txt")" = 404 ] || die "site B has a robots.txt"
log "nginx pid $NGINX_PID: site A at http://127.0.0.1:$PA/, site B at http://127.0.0.1:$PB/"
: >"$TMP/nginx/logs/access.log"   # forget the readiness probes (nginx appends to the same open file)

# ---------------------------------------------------------------- 4. the crawl
log "crawling both sites (timeout ${CRAWL_TIMEOUT}s)"
rc=0
t0=$(date +%s.%N)
(cd "$TMP" && exec timeout --kill-after=10 "$CRAWL_TIMEOUT" java -jar "$JAR" crawl \
  --seed "http://127.0.0.1:$PA/" --seed "http://127.0.0.1:$PB/" \
  --out "$TMP/out" --quiet --seeds-dir /nonexistent \
  -s politeness.minDelayMs=0 -s maxPages=0 -s maxDepth=20) >"$TMP/crawl.stdout" 2>"$TMP/crawl.stderr" || rc=$?
t1=$(date +%s.%N)
sleep 0.3   # let nginx finish writing the last log lines
cp "$TMP/nginx/logs/access.log" "$TMP/access.log"
log "crawler exit $rc after $("$PY" -c "print(f'{$t1 - $t0:.1f}')") s, $(wc -l <"$TMP/access.log") requests"
if [ "$rc" != 0 ]; then
  sed 's/^/   crawler: /' "$TMP/crawl.stderr" | tail -20 >&2
  KEEP_TMP=1
  die "crawler exited $rc$([ "$rc" = 124 ] || [ "$rc" = 137 ] && echo ' (TIMEOUT)')"
fi

# ---------------------------------------------------------------- 5. checks
set +e
"$PY" - "$TMP" "$PA" "$PB" "$t0" "$t1" "$B_FRACTION" <<'PY'
import json, re, statistics, sys
tmp, PA, PB, t0, t1, b_fraction = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
DELAY_MS = 200
LINE = re.compile(r'^(\d+\.\d+) (\d+\.\d+) (\d+) "(\S+) (\S+)[^"]*" (\d{3})$')

reqs = {PA: [], PB: []}   # port -> [(start_ms, end_ms, uri, status, raw line)]
unparsed = []
for raw in open(f"{tmp}/access.log", encoding="utf-8", errors="replace"):
    raw = raw.rstrip("\n")
    m = LINE.match(raw)
    if not m or m.group(3) not in reqs:
        unparsed.append(raw)
        continue
    end = round(float(m.group(1)) * 1000)
    start = end - round(float(m.group(2)) * 1000)
    reqs[m.group(3)].append((start, end, m.group(5), int(m.group(6)), raw))
for port in reqs:
    reqs[port].sort(key=lambda r: (r[0], r[1]))
A, B = reqs[PA], reqs[PB]

rows, details = [], []
def check(name, ok, value):
    rows.append((name, "PASS" if ok else "FAIL", value))
    return ok

def show(lines, limit=5):
    for r in lines[:limit]:
        details.append("    " + r[4])
    if len(lines) > limit:
        details.append(f"    ... {len(lines) - limit} more")

crawl0 = min(r[0] for r in A + B) if A + B else 0

# 1. robots.txt first on A (and, for information, on B)
first_a = A[0][2] if A else None
if not check("A: first request is /robots.txt", first_a == "/robots.txt", f"first: {first_a} ({len(A)} requests to A)"):
    details.append("A's first requests:"); show(A, 3)
robots_a = [r for r in A if r[2] == "/robots.txt"]
check("A: robots.txt requested once", len(robots_a) == 1, f"{len(robots_a)} time(s)")
first_b = B[0][2] if B else None
check("B: first request is /robots.txt", first_b == "/robots.txt",
      f"first: {first_b} -> {B[0][3] if B else '-'} ({len(B)} requests to B)")

# 2. nothing under /private/ but the Allow exception
def path_only(uri):
    return uri.split("?", 1)[0].split("#", 1)[0]
disallowed = [r for r in A if path_only(r[2]).startswith("/private/") and path_only(r[2]) != "/private/open.html"]
if not check("A: no disallowed /private/ URL requested", not disallowed, f"{len(disallowed)} requested"):
    details.append("disallowed URLs requested from A:"); show(disallowed)

# 3. the Allow exception fetched
opened = [r for r in A if r[2] == "/private/open.html"]
check("A: /private/open.html requested, 200", any(r[3] == 200 for r in opened),
      f"{len(opened)} request(s), status {[r[3] for r in opened]}")

# 4. gaps between request starts on A
starts = [r[0] for r in A]
gaps = [b - a for a, b in zip(starts, starts[1:])]
if gaps:
    gmin, gmed = min(gaps), statistics.median(gaps)
    short = [(i, g) for i, g in enumerate(gaps) if g < DELAY_MS]
    if not check(f"A: every gap between request starts >= {DELAY_MS} ms", not short,
                 f"min {gmin} ms, median {gmed:.0f} ms, max {max(gaps)} ms, {len(short)} of {len(gaps)} under"):
        details.append(f"A: gaps under {DELAY_MS} ms (pairs of consecutive requests, start = msec - request_time):")
        for i, g in short[:5]:
            details.append(f"    {g} ms between:")
            details.append("      " + A[i][4]); details.append("      " + A[i + 1][4])
else:
    check(f"A: every gap between request starts >= {DELAY_MS} ms", False, "fewer than 2 requests to A")

# 5. B finishes long before A
a_last = (A[-1][0] - crawl0) / 1000 if A else float("nan")
b_last = (B[-1][0] - crawl0) / 1000 if B else float("nan")
check(f"B's last start <= {b_fraction:g} x A's last start", bool(A and B) and b_last <= b_fraction * a_last,
      f"B finished at {b_last:.2f} s, A at {a_last:.2f} s")

# 6. pages.jsonl: disallowed URLs skipped for robots; open.html fetched; B complete
recs = {}
for line in open(f"{tmp}/out/pages.jsonl", encoding="utf-8"):
    r = json.loads(line)
    recs[r["url"]] = r
baseA = f"http://127.0.0.1:{PA}"
secret_urls = [f"{baseA}/private/secret{k}.html" for k in range(1, 5)]
bad = [(u, recs.get(u, {}).get("outcome"), recs.get(u, {}).get("error")) for u in secret_urls
       if recs.get(u, {}).get("outcome") != "skipped" or recs.get(u, {}).get("error") != "robots"]
if not check("pages.jsonl: /private/secret1-4 skipped, error robots", not bad,
             f"{len(secret_urls) - len(bad)} of {len(secret_urls)}"):
    for u, o, e in bad:
        details.append(f"    {u}: outcome {o}, error {e}")
op = recs.get(f"{baseA}/private/open.html", {})
check("pages.jsonl: /private/open.html fetched", op.get("outcome") == "fetched" and op.get("status") == 200,
      f"outcome {op.get('outcome')}, status {op.get('status')}")
other_skips = [(u, r.get("error")) for u, r in recs.items() if r.get("outcome") == "skipped" and u not in secret_urls]
failed = [(u, r.get("status"), r.get("error")) for u, r in recs.items() if r.get("outcome") == "failed"]
fetchedA = sum(1 for u, r in recs.items() if u.startswith(baseA + "/") and r.get("outcome") == "fetched")
fetchedB = sum(1 for u, r in recs.items() if u.startswith(f"http://127.0.0.1:{PB}/") and r.get("outcome") == "fetched")
# A: / and /index.html (distinct URLs), p01-p25, /private/open.html = 28; B: / and its 60 files = 61.
check("pages.jsonl: all 28 allowed A URLs and 61 B URLs fetched, none failed",
      fetchedA == 28 and fetchedB == 61 and not failed and not other_skips,
      f"A {fetchedA}, B {fetchedB}, failed {len(failed)}, other skips {len(other_skips)}")
for u, s, e in failed[:5]:
    details.append(f"    failed: {u} status {s} error {e}")
for u, e in other_skips[:5]:
    details.append(f"    skipped: {u} error {e}")

summary = json.load(open(f"{tmp}/out/summary.json"))
hostsum = summary.get("hosts", {})

# ---- report
print()
print(f"site A http://127.0.0.1:{PA}/ (Crawl-delay 0.2, Disallow /private/, Allow /private/open.html): "
      f"{len(A)} requests; site B http://127.0.0.1:{PB}/: {len(B)} requests")
print(f"crawler process: {t1 - t0:.2f} s; first request {(crawl0 / 1000 - t0):.2f} s after launch; "
      f"finishReason {summary.get('finishReason')}; pages {summary.get('pages')}")
for origin, h in sorted(hostsum.items()):
    print(f"  summary.json {origin}: {h}")
if gaps:
    print(f"A gaps (ms, start to start): min {min(gaps)}, median {statistics.median(gaps):.0f}, "
          f"max {max(gaps)}, mean {statistics.mean(gaps):.0f}")
print(f"B finished at {b_last:.2f} s, A at {a_last:.2f} s (last request start, from the crawl's first request)")
print()
w = max(len(r[0]) for r in rows)
print(f"| {'check':<{w}} | result | observed")
print(f"|-{'-' * w}-|--------|---------")
for name, res, val in rows:
    print(f"| {name:<{w}} | {res:<6} | {val}")
if unparsed:
    details.append(f"{len(unparsed)} access log lines not parsed, e.g. {unparsed[0]!r}")
if details:
    print()
    for d in details:
        print(d)
nfail = sum(1 for r in rows if r[1] == "FAIL")
print()
if nfail:
    print(f"RESULT: FAIL — {nfail} of {len(rows)} checks failed")
    sys.exit(1)
print(f"RESULT: PASS — all {len(rows)} checks passed")
PY
rc=$?
set -e
[ "$rc" = 0 ] || KEEP_TMP=${KEEP_TMP:-1}
exit "$rc"
