#!/usr/bin/env bash
# politeness-throughput.sh — how close does a polite crawl of many hosts come to the ideal time?
#
# Benchmark line: "On a synthetic web of 200 hosts (distinct loopback addresses with names, ~20 pages each,
# cross-host links) with a 1 s per-host delay and `politeness.jitter=0`, the default config (4 workers)
# finishes within 5 % of the ideal time (the busiest host's number of requests × 1 s), with no two request
# starts to one host closer than the delay — robots.txt included."
#
# Generates HOSTS sites h001.bench.test … on 127.0.1.1 … (a generated hosts file, passed to the crawler as
# -s network.hostsFile; /etc/hosts is not touched), each with robots.txt (allow all), index.html linking to
# its 19 other pages and to the index pages of 5 other hosts, and pages linking back to the index and to 2–3
# pages of other hosts (every page within depth 2 of the seeds). One private nginx serves them all, one
# server block per address, the same port everywhere. Seeds: the HOSTS index URLs, in a seed file.
#
# Each crawl: java -jar JAR crawl --seeds FILE --out DIR --quiet --seeds-dir /nonexistent
#             -s network.hostsFile=FILE -s politeness.jitter=0 -s maxPages=0 [-s workers=16]
# (everything else default: 4 workers, politeness.minDelayMs=1000, adaptive on, sitemaps on).
#
# From nginx's access log (request start = $msec - $request_time, ms resolution), per host: every request
# (robots.txt, sitemap.xml, pages) and the gaps between consecutive request starts.
#   ideal  = max over hosts of (requests × 1 s): the busiest host, one request per delay, its last one
#            given a full delay slot too;  strict lower bound = max over hosts of (requests − 1) × 1 s.
#   actual = first request start → last request end in the access log (the crawler process's own wall
#            time, JVM start and exit included, is printed beside it).
#   PASS   = actual ≤ 1.05 × ideal, no gap under 1000 ms, and, as sanity checks, every page fetched and
#            robots.txt the first request to every host.
# Exits 1 when a row fails, 2 on a setup or crawler failure (including a timeout).
#
# Usage: bench/politeness-throughput.sh
# Env:   VC_JAR=path (use this jar as is; default target/vertx-crawler.jar, rebuilt when missing or stale)
#        HOSTS=200 (1..250)  PAGES=20 (per host, index included; 5..99)  DELAY_MS=1000 (the default delay;
#        only used for the arithmetic: the crawler runs with its default)  WORKERS_ALT="16" (extra rows with
#        -s workers=N, space separated; empty for none)  CRAWL_TIMEOUT=300 (s, per crawl)
#        KEEP_TMP=1 (keep the temp dir with sites, logs and crawl outputs; kept anyway when a row
#        fails, unless KEEP_TMP=0)
# Traffic goes to 127.0.1.1 … 127.0.1.HOSTS (loopback; all of 127/8 is loopback on Linux) only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOSTS=${HOSTS:-200}
PAGES=${PAGES:-20}
DELAY_MS=${DELAY_MS:-1000}
WORKERS_ALT=${WORKERS_ALT-16}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-300}
PY=/usr/bin/python3            # Debian's python; only the standard library is used

[ "$HOSTS" -ge 1 ] && [ "$HOSTS" -le 250 ] || die "HOSTS must be 1..250"
[ "$PAGES" -ge 5 ] && [ "$PAGES" -le 99 ] || die "PAGES must be 5..99"

# ---------------------------------------------------------------- 1. tools
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ -x "$PY" ] || need+=(python3)
bench_jar_plan
bench_install_missing "${need[@]}"
bench_jar_build

# ---------------------------------------------------------------- 2. addresses, port, the synthetic web
bench_tmp
chmod 755 "$TMP"   # nginx's workers run as an unprivileged user and must read the sites

# One port free on every 127.0.1.N (tried a few times: another program may hold it on one address).
PORT=$("$PY" - "$HOSTS" <<'PY'
import socket, sys
n = int(sys.argv[1])
for _ in range(20):
    probe = socket.socket(); probe.bind(("127.0.1.1", 0)); port = probe.getsockname()[1]; probe.close()
    try:
        for i in range(1, n + 1):
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((f"127.0.1.{i}", port)); s.close()
    except OSError as e:
        if e.errno == 99:   # EADDRNOTAVAIL: this machine does not route 127.0.1.x to loopback
            print(f"ERROR 127.0.1.{i}: {e}"); sys.exit(0)
        continue
    print(port); sys.exit(0)
print("ERROR no port free on all addresses")
PY
)
case "$PORT" in ERROR*) die "cannot bind the loopback addresses 127.0.1.1-127.0.1.$HOSTS: ${PORT#ERROR }";; esac

"$PY" - "$TMP" "$HOSTS" "$PAGES" "$PORT" <<'PY'
import os, sys
tmp, n, pages, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
name = lambda h: f"h{h:03d}.bench.test"          # h = 1..n
url = lambda h, path: f"http://{name(h)}:{port}{path}"
other = lambda h, k: (h - 1 + k) % n + 1          # the host k places after h (wraps)
pfile = lambda p: f"/p{p:02d}.html"                # p = 1..pages-1

def page(title, links):
    items = "\n".join(f'<li><a href="{h}">{h}</a></li>' for h in links)
    return f"<!doctype html>\n<html><head><title>{title}</title></head>\n<body><h1>{title}</h1>\n<ul>\n{items}\n</ul></body></html>\n"

with open(f"{tmp}/hosts", "w") as hosts, open(f"{tmp}/seeds.txt", "w") as seeds:
    hosts.write("# generated by politeness-throughput.sh\n")
    for h in range(1, n + 1):
        hosts.write(f"127.0.1.{h} {name(h)}\n")
        seeds.write(url(h, "/index.html") + "\n")
        root = f"{tmp}/sites/{name(h)}"
        os.makedirs(root)
        with open(f"{root}/robots.txt", "w") as f:
            f.write("User-agent: *\nAllow: /\n")
        # index: its own pages (relative), then 5 other hosts' index pages (absolute)
        own = [pfile(p) for p in range(1, pages)]
        cross = [url(other(h, k), "/index.html") for k in (1, 7, 31, 63, 101) if other(h, k) != h]
        with open(f"{root}/index.html", "w") as f:
            f.write(page(f"{name(h)} index", own + cross))
        for p in range(1, pages):
            links = ["/index.html"]
            for j, k in enumerate((p, 3 * p + 1, 5 * p + 2)[: 2 + p % 2]):   # 2 or 3 other hosts' pages
                oh = other(h, k % (n - 1) + 1) if n > 1 else h
                links.append(url(oh, pfile((p + j) % (pages - 1) + 1)))
            with open(f"{root}{pfile(p)}", "w") as f:
                f.write(page(f"{name(h)} {pfile(p)}", links))
PY

# ---------------------------------------------------------------- 3. private nginx, one server per address
{
  cat <<EOF
  keepalive_timeout 300s;
EOF
  for h in $(seq 1 "$HOSTS"); do
    n=$(printf 'h%03d.bench.test' "$h")
    printf '  server { listen 127.0.1.%d:%d; server_name %s; root %s/sites/%s; index index.html; }\n' \
      "$h" "$PORT" "$n" "$TMP" "$n"
  done
} | bench_nginx_conf 1 4096 '$msec $request_time $host "$request" $status $server_addr'
bench_nginx_start
last=$(printf 'h%03d.bench.test' "$HOSTS")
for _ in $(seq 50); do
  curl -fsS -o /dev/null --resolve "$last:$PORT:127.0.1.$HOSTS" "http://$last:$PORT/index.html" 2>/dev/null && break
  bench_nginx_alive
  sleep 0.1
done
for h in 1 "$HOSTS"; do
  n=$(printf 'h%03d.bench.test' "$h")
  curl -fsS --resolve "$n:$PORT:127.0.1.$h" "http://$n:$PORT/robots.txt" | cmp -s - "$TMP/sites/$n/robots.txt" \
    || die "$n robots.txt not served at 127.0.1.$h:$PORT: $(tail -3 "$TMP/nginx/logs/error.log")"
done
log "nginx pid $NGINX_PID: $HOSTS hosts h001.bench.test…$last on 127.0.1.1…127.0.1.$HOSTS port $PORT, $PAGES pages each"
: >"$TMP/nginx/logs/access.log"   # forget the readiness probes (nginx appends to the same open file)

# ---------------------------------------------------------------- 4. the crawls
# run_crawl NAME [-s key=value]... : one crawl under a timeout; its slice of the access log is kept apart.
: >"$TMP/runs.txt"
run_crawl() {
  local name=$1; shift
  local start_bytes end_bytes t0 t1 rc=0
  start_bytes=$(stat -c %s "$TMP/nginx/logs/access.log")
  log "crawl $name: $*"
  t0=$(date +%s.%N)
  (cd "$TMP" && exec timeout --kill-after=10 "$CRAWL_TIMEOUT" java -jar "$JAR" crawl --seeds "$TMP/seeds.txt" \
    --out "$TMP/$name" --quiet --seeds-dir /nonexistent \
    -s network.hostsFile="$TMP/hosts" -s politeness.jitter=0 -s maxPages=0 "$@") \
    >"$TMP/$name.stdout" 2>"$TMP/$name.stderr" || rc=$?
  t1=$(date +%s.%N)
  sleep 0.3   # let nginx finish writing the last log lines
  end_bytes=$(stat -c %s "$TMP/nginx/logs/access.log")
  dd if="$TMP/nginx/logs/access.log" of="$TMP/$name.access.log" iflag=skip_bytes,count_bytes status=none \
    skip="$start_bytes" count="$((end_bytes - start_bytes))"
  printf '%s %s %s %s\n' "$name" "$t0" "$t1" "$rc" >>"$TMP/runs.txt"
  log "crawl $name: exit $rc, $(wc -l <"$TMP/$name.access.log") requests"
  if [ "$rc" != 0 ]; then
    sed 's/^/   crawler: /' "$TMP/$name.stderr" | tail -20 >&2
    KEEP_TMP=1
    die "crawl $name exited $rc$([ "$rc" = 124 ] || [ "$rc" = 137 ] && echo ' (TIMEOUT)')"
  fi
}
run_crawl workers-4
for w in $WORKERS_ALT; do
  sleep 2   # no request of one crawl within a delay of the next one's first request to the same host
  run_crawl "workers-$w" -s workers="$w"
done

# ---------------------------------------------------------------- 5. analysis
set +e
"$PY" - "$TMP" "$HOSTS" "$PAGES" "$PORT" "$DELAY_MS" <<'PY'
import json, re, statistics, sys
tmp, n, pages, port, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
LINE = re.compile(r'^(\d+\.\d+) (\d+\.\d+) (\S+) "(\S+) (\S+)[^"]*" (\d{3}) (\S+)$')
expected_addr = {f"h{h:03d}.bench.test": f"127.0.1.{h}" for h in range(1, n + 1)}

rows, details, any_fail = [], [], False
for run in open(f"{tmp}/runs.txt"):
    name, p0, p1, rc = run.split()
    p0, p1 = float(p0), float(p1)
    per_host, unparsed, wrong_addr = {}, [], []
    for raw in open(f"{tmp}/{name}.access.log", encoding="utf-8", errors="replace"):
        raw = raw.rstrip("\n")
        m = LINE.match(raw)
        if not m:
            unparsed.append(raw)
            continue
        end = round(float(m.group(1)) * 1000)
        start = end - round(float(m.group(2)) * 1000)
        host = m.group(3)
        if expected_addr.get(host) != m.group(7):
            wrong_addr.append(raw)
        per_host.setdefault(host, []).append((start, end, m.group(5), int(m.group(6)), raw))
    allreq = [r for rs in per_host.values() for r in rs]
    if not allreq:
        rows.append(dict(name=name, fail=True)); any_fail = True
        details.append(f"{name}: no requests in the access log"); continue
    first_start = min(r[0] for r in allreq)
    last_end = max(r[1] for r in allreq)
    gaps, short, not_robots_first, counts = [], [], [], {}
    first_off, last_off = {}, {}
    for host, rs in per_host.items():
        rs.sort(key=lambda r: (r[0], r[1]))
        counts[host] = len(rs)
        first_off[host] = (rs[0][0] - first_start) / 1000
        last_off[host] = (rs[-1][0] - first_start) / 1000
        if rs[0][2] != "/robots.txt":
            not_robots_first.append(rs[0][4])
        for a, b in zip(rs, rs[1:]):
            g = b[0] - a[0]
            gaps.append(g)
            if g < delay:
                short.append((g, host, a, b))
    busiest = max(counts.values())
    busiest_hosts = sorted(h for h, c in counts.items() if c == busiest)
    ideal = busiest * delay / 1000
    lower = (busiest - 1) * delay / 1000
    actual = (last_end - first_start) / 1000
    proc = p1 - p0
    # the crawler's own record
    summary = json.load(open(f"{tmp}/{name}/summary.json"))
    pg = summary.get("pages", {})
    fetched = pg.get("fetched", 0)
    st = {}
    for line in open(f"{tmp}/{name}/pages.jsonl", encoding="utf-8"):
        r = json.loads(line)
        st[r.get("outcome")] = st.get(r.get("outcome"), 0) + 1
    want_pages = n * pages
    ok_time = actual <= 1.05 * ideal
    ok_gaps = not short
    ok_pages = fetched == want_pages and pg.get("failed", 0) == 0 and pg.get("skipped", 0) == 0
    ok_robots = not not_robots_first and len(per_host) == n
    fail = not (ok_time and ok_gaps and ok_pages and ok_robots)
    any_fail |= fail
    rows.append(dict(name=name, hosts=len(per_host), fetched=fetched, requests=len(allreq), busiest=busiest,
                     ideal=ideal, lower=lower, actual=actual, proc=proc, pct=100 * actual / ideal,
                     min_gap=min(gaps) if gaps else None, n_short=len(short), fail=fail,
                     ok_time=ok_time, ok_gaps=ok_gaps, ok_pages=ok_pages, ok_robots=ok_robots))
    late_first = max(first_off.items(), key=lambda kv: kv[1])
    late_last = max(last_off.items(), key=lambda kv: kv[1])
    med_gap = statistics.median(gaps) if gaps else float("nan")
    details.append(f"{name}: {len(allreq)} requests to {len(per_host)} hosts; per-host requests min "
                   f"{min(counts.values())} / max {busiest} (busiest: {', '.join(busiest_hosts[:3])}"
                   f"{' …' if len(busiest_hosts) > 3 else ''}); finishReason {summary.get('finishReason')}; "
                   f"pages.jsonl outcomes {st}; summary pages {pg}")
    details.append(f"{name}: gaps min {min(gaps) if gaps else '-'} ms, median {med_gap:.0f} ms; hosts' first "
                   f"request by {late_first[1]:.2f} s at the latest ({late_first[0]}); last request start "
                   f"{late_last[1]:.2f} s at the latest ({late_last[0]}); crawler process {proc:.2f} s "
                   f"(first request {(first_start / 1000 - p0):.2f} s after launch, exit "
                   f"{(p1 - last_end / 1000):.2f} s after the last request end)")
    if short:
        by_pair = {}
        for g, host, a, b in short:
            key = f"{a[2] if a[2] in ('/robots.txt', '/sitemap.xml') else 'page'} -> " \
                  f"{b[2] if b[2] in ('/robots.txt', '/sitemap.xml') else 'page'}"
            by_pair[key] = by_pair.get(key, 0) + 1
        details.append(f"{name}: {len(short)} gaps under {delay} ms on {len({s[1] for s in short})} hosts; "
                       + ", ".join(f"{sum(1 for s in short if s[0] < b)} under {b}" for b in (999, 990, 900, 500))
                       + f"; by request pair {by_pair}; the shortest:")
        for g, host, a, b in sorted(short, key=lambda s: s[0])[:6]:
            details.append(f"    {g} ms: {a[4]}")
            details.append(f"    {' ' * len(str(g))}     {b[4]}")
    if not_robots_first:
        details.append(f"{name}: {len(not_robots_first)} hosts whose first request is not robots.txt, e.g. {not_robots_first[0]}")
    if len(per_host) != n:
        details.append(f"{name}: requests reached {len(per_host)} hosts, not {n}: {sorted(set(expected_addr) - set(per_host))[:5]}")
    if wrong_addr:
        details.append(f"{name}: {len(wrong_addr)} requests on an address other than the host's, e.g. {wrong_addr[0]}")
    if unparsed:
        details.append(f"{name}: {len(unparsed)} access log lines not parsed, e.g. {unparsed[0]!r}")

print()
print(f"synthetic web: {n} hosts × {pages} pages (+ robots.txt, sitemap.xml 404), delay {delay} ms, jitter 0")
print(f"ideal = max over hosts of requests × {delay / 1000:g} s; strict lower bound = max over hosts of "
      f"(requests − 1) × {delay / 1000:g} s; actual = first request start → last request end (nginx log)")
print()
hdr = ("run", "hosts", "pages fetched", "busiest host requests", "ideal s", "lower bound s", "actual s",
       "process s", "actual/ideal %", "min gap ms", "gaps < %d ms" % delay, "result")
print("| " + " | ".join(hdr) + " |")
print("|" + "|".join("-" * (len(h) + 2) for h in hdr) + "|")
for r in rows:
    if "ideal" not in r:
        print(f"| {r['name']} | no data |"); continue
    why = [w for w, ok in (("time", r["ok_time"]), ("gaps", r["ok_gaps"]), ("pages", r["ok_pages"]),
                           ("robots-first", r["ok_robots"])) if not ok]
    cells = (r["name"], r["hosts"], r["fetched"], r["busiest"], f"{r['ideal']:.1f}", f"{r['lower']:.1f}",
             f"{r['actual']:.2f}", f"{r['proc']:.2f}", f"{r['pct']:.1f}", r["min_gap"], r["n_short"],
             "PASS" if not r["fail"] else "FAIL (" + ", ".join(why) + ")")
    print("| " + " | ".join(str(c).rjust(len(h)) for c, h in zip(cells, hdr)) + " |")
print()
for d in details:
    print(d)
print()
if any_fail:
    print("RESULT: FAIL — see the rows marked FAIL (time: actual > 1.05 × ideal; gaps: a gap under the delay; "
          "pages: not every page fetched; robots-first: a host's first request was not robots.txt)")
    sys.exit(1)
print("RESULT: PASS — every run within 5 % of the ideal, no gap under the delay")
PY
rc=$?
set -e
[ "$rc" = 0 ] || KEEP_TMP=${KEEP_TMP:-1}
exit "$rc"
