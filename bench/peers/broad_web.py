#!/usr/bin/python3
"""Helpers of bench/broad-crawl.sh: the broad synthetic web, a failing DNS upstream, a sampler, the analysis.

  broad_web.py generate OUT HOSTS PAGES SEED PORT FAIL_FRACTION
      Writes, under OUT:
        web/index.html, web/p1.html … web/p{PAGES-1}.html, web/robots.txt — ONE page set shared by every host.
          Page p links (relative) to its tree children 2p+1, 2p+2 and back to the index (every page within
          log2(PAGES) hops of the seed), and to CROSS=3 pages of other hosts, written
          http://@Xk@.broad.test:PORT/pJ.html: nginx's sub_filter replaces @Xk@ with $bxk, the host's k-th
          link slot (0 <= k < SLOTS=8), so every host links to its own 8 other hosts (chosen with SEED).
          Bodies carry 2-6 KB of filler text (deterministic per page).
        nginx-maps.conf — the http-level maps $host -> $bx0 … $bx7 (one line per host and slot) and
          $broad_known (1 for every generated host name: the server answers 404 to any other Host).
        hosts.good — "ADDR NAME" for every host that resolves (dnsmasq's addn-hosts file).
        fail-nxdomain.txt, fail-servfail.txt, fail-silent.txt — the names meant to fail that way (disjoint,
          FAIL_FRACTION of the hosts each, at least one; never h1).
        seeds.txt — every host's index URL (the failing ones too).
        meta.json — hosts, pages, port, the names of each kind and every name's address.
      Host n (1-based) is hN.broad.test on 127.A.B.C with A = 1 + i // 254², B = 1 + (i // 254) % 254,
      C = 1 + i % 254 (i = n - 1): never .0 or .255, never 127.0.0.1. 50 000 hosts: about 2 s.
  broad_web.py upstream PORTFILE
      A DNS "upstream" on 127.0.0.1 with two UDP sockets on free ports, written to PORTFILE as
      "SERVFAIL_PORT SILENT_PORT": the first answers every query SERVFAIL (rcode 2, the question echoed),
      the second is never read (no answer, ever). Runs until killed.
  broad_web.py sample OUT PORT ROOT_PID
      Every second until killed: "epoch established_connections cpu_ticks" — the server-side TCP
      connections in state ESTABLISHED on PORT (`ss -Htn state established '( sport = :PORT )'`) and the
      user+sys clock ticks (SC_CLK_TCK) of ROOT_PID and all its descendants (reaped children included).
  broad_web.py analyse TMP    — see analyse() below; prints the table, exits 1 when a criterion fails.
Only Python's standard library is used.
"""
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024

SLOTS = 8
CROSS = 3
DOMAIN = "broad.test"


def addr(n):
    i = n - 1
    return f"127.{1 + i // (254 * 254)}.{1 + (i // 254) % 254}.{1 + i % 254}"


def name(n):
    return f"h{n}.{DOMAIN}"


def page_path(p):
    return "/index.html" if p == 0 else f"/p{p}.html"


def generate(out, hosts, pages, seed, port, fail_fraction):
    rng = random.Random(seed)
    if hosts > 254 * 254 * 254:
        sys.exit("too many hosts")
    web = os.path.join(out, "web")
    os.makedirs(web, exist_ok=True)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
             for _ in range(500)]
    slots = min(SLOTS, hosts - 1) if hosts > 1 else 0
    for p in range(pages):
        own = [c for c in (2 * p + 1, 2 * p + 2) if c < pages] + ([0] if p else [])
        hrefs = [page_path(c).lstrip("/") for c in own]
        if slots:
            for j in range(CROSS):
                k = (p * CROSS + j) % slots
                target = (p * 5 + j * 7 + 1) % pages
                hrefs.append(f"http://@X{k}@.{DOMAIN}:{port}{page_path(target)}")
        filler = " ".join(rng.choice(words) for _ in range(rng.randint(300, 900)))
        items = "\n".join(f'<li><a href="{h}">link {i}</a></li>' for i, h in enumerate(hrefs))
        body = (f"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>page {p}</title></head>\n"
                f"<body><h1>page {p}</h1>\n<p>{filler}</p>\n<ul>\n{items}\n</ul>\n</body></html>\n")
        with open(os.path.join(web, page_path(p).lstrip("/")), "w") as f:
            f.write(body)
    with open(os.path.join(web, "robots.txt"), "w") as f:
        f.write("User-agent: *\nAllow: /\n")

    k = max(1, round(hosts * fail_fraction)) if hosts >= 4 and fail_fraction > 0 else 0
    failing = rng.sample(range(2, hosts + 1), 3 * k) if k else []
    kinds = {"nxdomain": sorted(failing[:k]), "servfail": sorted(failing[k:2 * k]),
             "silent": sorted(failing[2 * k:])}
    bad = set(failing)
    for kind, ns in kinds.items():
        with open(os.path.join(out, f"fail-{kind}.txt"), "w") as f:
            f.writelines(name(n) + "\n" for n in ns)

    # slot targets: SLOTS distinct other hosts per host (failing ones included: links to them exist)
    targets = []
    for n in range(1, hosts + 1):
        chosen = set()
        while len(chosen) < slots:
            t = rng.randint(1, hosts)
            if t != n:
                chosen.add(t)
        targets.append(sorted(chosen, key=lambda t: rng.random()))
    with open(os.path.join(out, "nginx-maps.conf"), "w") as f:
        size = 1 << max(10, (2 * hosts).bit_length())
        f.write(f"  map_hash_max_size {size};\n  map_hash_bucket_size 128;\n")
        f.write("  map $host $broad_known {\n    default 0;\n")
        f.writelines(f"    {name(n)} 1;\n" for n in range(1, hosts + 1))
        f.write("  }\n")
        for s in range(slots):
            f.write(f"  map $host $bx{s} {{\n    default h0;\n")
            f.writelines(f"    {name(n)} h{targets[n - 1][s]};\n" for n in range(1, hosts + 1))
            f.write("  }\n")
    with open(os.path.join(out, "nginx-sub.conf"), "w") as f:
        f.write("    sub_filter_once off;\n")
        f.writelines(f"    sub_filter '@X{s}@' $bx{s};\n" for s in range(slots))
    with open(os.path.join(out, "hosts.good"), "w") as f:
        f.writelines(f"{addr(n)} {name(n)}\n" for n in range(1, hosts + 1) if n not in bad)
    with open(os.path.join(out, "seeds.txt"), "w") as f:
        f.writelines(f"http://{name(n)}:{port}/index.html\n" for n in range(1, hosts + 1))
    meta = dict(hosts=hosts, pages=pages, port=port, seed=seed, slots=slots, cross=CROSS,
                kinds={kd: [name(n) for n in ns] for kd, ns in kinds.items()},
                page_paths=[page_path(p) for p in range(pages)])
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f)
    html = sum(os.path.getsize(os.path.join(web, page_path(p).lstrip("/"))) for p in range(pages))
    print(f"hosts={hosts} pages={pages} page-files={pages} html-bytes={html} slots={slots} "
          f"fail-each={k} seed={seed}")


def upstream(portfile):
    servfail = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    servfail.bind(("127.0.0.1", 0))
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{servfail.getsockname()[1]} {silent.getsockname()[1]}\n")
    os.replace(tmp, portfile)
    while True:
        data, peer = servfail.recvfrom(4096)
        if len(data) < 12:
            continue
        # header: same id, QR=1, opcode and RD copied, RA=1, rcode=2 (SERVFAIL); the question echoed
        flags = 0x8000 | (data[2] << 8 & 0x7900) | 0x0080 | 2
        qdcount = data[4:6]
        servfail.sendto(data[:2] + flags.to_bytes(2, "big") + qdcount + b"\0\0\0\0\0\0" + data[12:], peer)


def tree_ticks(root):
    """CPU ticks (user+sys, with reaped children) and resident KiB summed over root's process tree."""
    children, stat, rss = {}, {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        fields = s[s.rindex(")") + 2:].split()
        ppid = int(fields[1])
        children.setdefault(ppid, []).append(int(pid))
        stat[int(pid)] = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        rss[int(pid)] = int(fields[21]) * PAGE_KIB  # rss in pages
    total, kib, todo = 0, 0, [root]
    while todo:
        p = todo.pop()
        total += stat.get(p, 0)
        kib += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total, kib


def java_in(root):
    """The pid of the java process in root's tree, or None."""
    todo, seen = [root], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            if open(f"/proc/{p}/comm").read().strip() == "java":
                return p
            kids = open(f"/proc/{p}/task/{p}/children").read().split()
        except OSError:
            continue
        todo.extend(int(k) for k in kids)
    return None


class LiveSetProbe:
    """At 10/25/50/75/99 % of the expected pages (200 .html lines appended to nginx's access log), a full GC
    (jcmd GC.run), so that the GC log has the live set at those points of the crawl: what a full GC leaves is
    what the crawler holds, where a young GC's "after" also counts old-generation garbage not collected yet."""
    MARKS = (0.10, 0.25, 0.50, 0.75, 0.99)

    def __init__(self, access, expected, jcmd, root, out):
        self.access, self.expected, self.jcmd, self.root, self.out = access, expected, jcmd, root, out
        self.offset, self.pages, self.next = os.path.getsize(access), 0, 0
        self.tail = b""

    def poll(self):
        with open(self.access, "rb") as f:
            f.seek(self.offset)
            chunk = f.read()
        self.offset += len(chunk)
        lines = (self.tail + chunk).split(b"\n")
        self.tail = lines.pop()
        self.pages += sum(1 for line in lines if b'.html HTTP' in line and b'" 200 ' in line)
        while self.next < len(self.MARKS) and self.pages >= self.MARKS[self.next] * self.expected:
            pid = java_in(self.root)
            if pid:
                subprocess.Popen([self.jcmd, str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                with open(self.out, "a") as f:
                    f.write(f"{time.time():.3f} {self.MARKS[self.next]} {self.pages}\n")
            self.next += 1


def sample(out, port, root, probe=None):
    with open(out, "a", buffering=1) as f:
        nxt = time.time()
        while True:
            if probe:
                probe.poll()
            r = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"],
                               capture_output=True, text=True)
            conns = sum(1 for line in r.stdout.splitlines() if line.strip())
            ticks, kib = tree_ticks(root)
            f.write(f"{time.time():.3f} {conns} {ticks} {kib}\n")
            nxt += 1
            time.sleep(max(0.05, nxt - time.time()))


# ------------------------------------------------------------------------------------------------ analysis
def read_access(path):
    """Lines of `$msec $request_time $host "$request" $status $body_bytes_sent $server_addr "$http_user_agent"
    $connection_requests` (the last: 1 for a request that opened its connection; absent in older logs)."""
    reqs, bad = [], 0
    for raw in open(path, encoding="utf-8", errors="replace"):
        try:
            head, request, rest = raw.split('"', 2)
            msec, rtime, host = head.split()
            parts = request.split()
            status, _bytes, server_addr = rest.split()[:3]
            tail = rest.rsplit('"', 1)[-1].split()
            end = float(msec)
            reqs.append(dict(start=end - float(rtime), end=end, host=host, uri=parts[1] if len(parts) > 1 else "",
                             status=int(status), addr=server_addr, conn_req=int(tail[0]) if tail else 0))
        except ValueError:
            bad += 1
    return reqs, bad


def read_samples(path):
    out = []
    if os.path.exists(path):
        for line in open(path):
            p = line.split()
            if len(p) >= 3:  # time, connections, CPU ticks[, resident KiB]
                out.append((float(p[0]), int(p[1]), int(p[2]), int(p[3]) if len(p) > 3 else 0))
    return out


def ticks_at(samples, t):
    """CPU ticks at time t, linearly interpolated between samples."""
    if not samples:
        return None
    if t <= samples[0][0]:
        return samples[0][2]
    for a, b in zip(samples, samples[1:]):
        if a[0] <= t <= b[0]:
            return a[2] + (b[2] - a[2]) * (t - a[0]) / (b[0] - a[0]) if b[0] > a[0] else a[2]
    return samples[-1][2]


def gc_points(path):
    """[(uptime s, heap MB after, kind)] from -Xlog:gc lines like
    [1.234s][info][gc] GC(3) Pause Young (Allocation Failure) 95M->12M(368M) 4.1ms"""
    import re
    pat = re.compile(r"^\[(\d+\.\d+)s\].*GC\(\d+\) (Pause \S+).* (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
    unit = {"K": 1 / 1024, "M": 1, "G": 1024}
    pts = []
    if os.path.exists(path):
        for line in open(path, errors="replace"):
            m = pat.match(line)
            if m:
                pts.append((float(m.group(1)), int(m.group(5)) * unit[m.group(6)], m.group(2),
                            "Diagnostic Command" in line or "System.gc()" in line))  # jcmd GC.run
    return pts


def timeline(run, html, samples, slices=10):
    """The crawl in equal slices of its wall time: pages, pages/s, CPU s, pages per CPU s and connections open in
    each — a short crawl's start (JVM, JIT, every host's robots.txt at once) and tail (its last hosts, one page
    per delay each) against its middle, where a long one spends most of its time."""
    t0, t1 = run["t0"], run["t1"]
    if not samples or t1 <= t0:
        return
    width = (t1 - t0) / slices
    hz = os.sysconf("SC_CLK_TCK")
    print(f"timeline ({slices} slices of {width:.1f} s from launch): pages, pages/s, CPU s, pages per CPU s, "
          "connections open (median)")
    for i in range(slices):
        a, b = t0 + i * width, t0 + (i + 1) * width
        n = sum(1 for r in html if a <= r["end"] < b)
        ta, tb = ticks_at(samples, a), ticks_at(samples, b)
        cpu = (tb - ta) / hz if ta is not None and tb is not None else 0
        conns = [c for t, c, *_ in samples if a <= t < b] or [0]
        print(f"  {i * width:6.1f}-{(i + 1) * width:6.1f} s {n:8d} {n / width:7.0f} {cpu:7.1f} "
              f"{n / cpu if cpu > 0 else 0:7.0f} {statistics.median(conns):6.0f}")
    print()


def gaps(reqs, limit_ms):
    per = {}
    for r in reqs:
        per.setdefault(r["host"], []).append(r["start"])
    short, n, mins = 0, 0, None
    for starts in per.values():
        starts.sort()
        for a, b in zip(starts, starts[1:]):
            g = (b - a) * 1000
            n += 1
            mins = g if mins is None else min(mins, g)
            if g < limit_ms:
                short += 1
    return short, n, mins


def analyse(tmp):
    E = os.environ
    meta = json.load(open(f"{tmp}/meta.json"))
    delay = int(E.get("DELAY_MS", "1000"))
    slack = int(E.get("GAP_SLACK_MS", "10"))
    hosts, pages = meta["hosts"], meta["pages"]
    failing = {h: kd for kd, hs in meta["kinds"].items() for h in hs}
    good = [name(n) for n in range(1, hosts + 1) if name(n) not in failing]
    expected = {(h, p) for h in good for p in meta["page_paths"]}
    address = {name(n): addr(n) for n in range(1, hosts + 1)}
    results, lines = [], []

    def crit(label, ok, value):
        results.append((label, ok, value))

    # ---------------------------------------------------------------- vertx-crawler
    v = json.load(open(f"{tmp}/vertx.run.json"))
    wall, user, sysc, rss = v["wall"], v["user"], v["sys"], v["rss_kb"] / 1024
    cpu = user + sysc
    reqs, bad = read_access(f"{tmp}/vertx.access.log")
    html = [r for r in reqs if r["status"] == 200 and r["uri"].endswith(".html")]
    counts = {}
    for r in reqs:
        counts[(r["host"], r["uri"])] = counts.get((r["host"], r["uri"]), 0) + 1
    fetched = {(r["host"], r["uri"]) for r in html}
    dup_pages = sum(1 for k, c in counts.items() if c > 1 and k[1].endswith(".html"))
    dup_other = sorted((k, c) for k, c in counts.items() if c > 1 and not k[1].endswith(".html"))
    missing, extra = expected - fetched, fetched - expected
    non200 = [r for r in reqs if r["status"] != 200 and r["uri"] != "/sitemap.xml"]
    wrong_addr = [r for r in reqs if address.get(r["host"]) != r["addr"]]
    n_pages = len(html)
    pps = n_pages / wall if wall else 0
    first = min((r["start"] for r in reqs), default=0)
    last = max((r["end"] for r in reqs), default=0)
    active = last - first
    short, ngaps, min_gap = gaps(reqs, delay - slack)
    samples = read_samples(f"{tmp}/vertx.samples")
    conns = [c for t, c, *_ in samples if first <= t <= last] or [c for _, c, *_ in samples] or [0]
    gc = gc_points(f"{tmp}/vertx.gc.log")
    # The crawl's 10 % .. 100 % on the JVM's clock (GC log uptime; the JVM starts within milliseconds of t0).
    # The live set is what a full GC leaves (the sampler forces one at 10/25/50/75/99 % of the pages): a young GC's "after" still holds old-generation garbage not
    # collected yet, so it rises and falls with the old generation's fill, not with what the crawler keeps.
    c10, c100 = first + 0.10 * active - v["t0"], last - v["t0"]
    heap_at, flat, live = {}, None, []
    if gc:
        for f in (0.10, 0.25, 0.50, 0.75, 1.00):
            before = [p for p in gc if p[0] <= first + f * active - v["t0"]]
            heap_at[f] = (before[-1] if before else gc[0])
        live = [p for p in gc if p[2] == "Pause Full" and p[3] and first - v["t0"] <= p[0] <= c100 + 5] \
            or [p for p in gc if p[2] == "Pause Full" and c10 <= p[0] <= c100]
        window = [p[1] for p in live] if len(live) >= 3 else [p[1] for p in gc if c10 <= p[0] <= c100]
        if window and min(window) > 0:
            mean = sum(window) / len(window)
            flat = (max(window) / min(window), min(window), max(window), len(window),
                    "full GCs" if len(live) >= 3 else "GCs of any kind: fewer than 3 full GCs",
                    (min(window) / mean - 1) * 100, (max(window) / mean - 1) * 100, mean)
    after_crawl = [p[1] for p in gc if p[2] == "Pause Full" and p[0] > c100]
    rss_crawl = [k / 1024 for t, _, _, k in samples if first <= t <= last and k]
    rss_after = [k / 1024 for t, _, _, k in samples if t > last and k]
    rss_at = {}
    for f in (0.10, 0.25, 0.50, 0.75, 1.00):
        before = [k / 1024 for t, _, _, k in samples if t <= first + f * active and k]
        if before:
            rss_at[f] = before[-1]
    summary = json.load(open(f"{tmp}/vertx-out/summary.json"))
    errors = summary.get("errorCounts", {}) or {}
    skips = summary.get("skipCounts", {}) or {}
    # a DNS failure is recorded as a failed page (errorCounts) or, when its origin is given up, as skipped
    # URLs (skipCounts) — both count here, by kind
    dns_kinds = {}
    for d in (errors, skips):
        for k, c in d.items():
            if "dns" in k.lower():
                dns_kinds[k] = dns_kinds.get(k, 0) + c
    other_errors = {k: c for k, c in errors.items() if "dns" not in k.lower() and c}
    other_errors.update({"skip:" + k: c for k, c in skips.items() if "dns" not in k.lower() and c})
    # what each failing kind's URLs got, from pages.jsonl
    by_kind = {kd: {} for kd in meta["kinds"]}
    good_failed = {}
    from urllib.parse import urlsplit
    for line in open(f"{tmp}/vertx-out/pages.jsonl", encoding="utf-8"):
        rec = json.loads(line)
        host = (urlsplit(rec.get("url", "")).hostname or "").lower()
        what = f"{rec.get('outcome')}:{rec.get('error') or rec.get('status')}"
        if host in failing:
            d = by_kind[failing[host]]
            d[what] = d.get(what, 0) + 1
        elif rec.get("outcome") != "fetched":
            good_failed[what] = good_failed.get(what, 0) + 1
    failing_fetched = sum(1 for r in reqs if r["host"] in failing)

    # steady window, the same definition as the peer's: from WARMUP s after launch to PEER_SECONDS (or the end)
    warm = float(E.get("WARMUP_SECONDS", "15"))
    peer_s = float(E.get("PEER_SECONDS", "120"))

    def steady(run, reqs_, samples_, stop):
        t0 = run["t0"] + warm
        t1 = min(run["t0"] + stop, run["t1"])
        n = sum(1 for r in reqs_ if r["status"] == 200 and r["uri"].endswith(".html") and t0 <= r["end"] <= t1)
        a, b = ticks_at(samples_, t0), ticks_at(samples_, t1)
        c = (b - a) / os.sysconf("SC_CLK_TCK") if a is not None and b is not None else float("nan")
        return dict(t=t1 - t0, pages=n, cpu=c, pps=n / (t1 - t0) if t1 > t0 else float("nan"),
                    ppc=n / c if c and c == c and c > 0 else float("nan"))

    v_steady = steady(v, reqs, samples, peer_s)

    print()
    print(f"broad web: {hosts} hosts x {pages} pages ({len(good)} resolvable; NXDOMAIN "
          f"{len(meta['kinds']['nxdomain'])}, SERVFAIL {len(meta['kinds']['servfail'])}, no answer "
          f"{len(meta['kinds']['silent'])}), {meta['slots']} cross-host link slots per host, seed {meta['seed']}")
    print(f"vertx-crawler: {v['cmd']}")
    print()
    rows = [
        ("wall s (process)", f"{wall:.1f}"),
        ("first request -> last response s (nginx)", f"{active:.1f}"),
        ("CPU s (user+sys)", f"{cpu:.1f} ({user:.1f} + {sysc:.1f})"),
        ("pages fetched (200 .html)", f"{n_pages} of {len(expected)} expected"),
        ("requests (all, incl. robots.txt, sitemap.xml)", str(len(reqs))),
        ("pages/s (pages / wall)", f"{pps:.0f}"),
        ("pages/s (pages / first request -> last response)", f"{n_pages / active:.0f}" if active else "-"),
        ("pages per CPU s", f"{n_pages / cpu:.0f}" if cpu else "-"),
        (f"steady window ({warm:.0f} s after launch -> {peer_s:.0f} s or the end): pages/s, pages per CPU s",
         f"{v_steady['pps']:.0f}, {v_steady['ppc']:.0f} ({v_steady['pages']} pages, {v_steady['cpu']:.1f} CPU s "
         f"in {v_steady['t']:.0f} s)" if v_steady["t"] > 0 else "- (the crawl ended within the warm-up)"),
        ("peak RSS MB (GNU time %M)", f"{rss:.0f}"),
    ]
    if rss_at:
        rows.append(("RSS MB at 10/25/50/75/100 % of the crawl (sampled 1/s)",
                     " / ".join(f"{rss_at[f]:.0f}" for f in sorted(rss_at))))
        rows.append(("RSS MB peak: during the crawl, after it (summary, report.html)",
                     f"{max(rss_crawl, default=0):.0f}, {max(rss_after, default=0):.0f}"))
    for f, p in heap_at.items():
        rows.append((f"heap after GC at {f * 100:.0f} % of the crawl MB", f"{p[1]:.0f} ({p[2]} at {p[0]:.1f} s)"))
    if live:
        rows.append(("live set MB (heap after a full GC at 10/25/50/75/99 % of the pages; else every full GC)",
                     " ".join(f"{p[1]:.0f}" for p in live)))
    if len(live) >= 5:
        # The last probe falls in the crawl's tail, when few hosts are left in play: the points before it say
        # whether the live set grows with the hosts crawled; the connections open say how many are in play.
        head = [p[1] for p in live[:-1]]
        mean = sum(head) / len(head)

        def conns_at(p):
            near = min(samples, key=lambda smp: abs(smp[0] - (v["t0"] + p[0])), default=None)
            return str(near[1]) if near else "-"
        rows.append(("live set before the tail (all probes but the last): min / max of their mean; connections "
                     "open at each probe", f"{(min(head) / mean - 1) * 100:+.1f} % / {(max(head) / mean - 1) * 100:+.1f}"
                     f" % of {mean:.0f} MB; " + " ".join(conns_at(p) for p in live)))
    if after_crawl:
        rows.append(("heap after full GC once the crawl is over (summary, report.html) MB, max",
                     f"{max(after_crawl):.0f}"))
    rows.append(("heap after GC max/min from 10 % to 100 % of the crawl",
                 f"{flat[0]:.2f} ({flat[1]:.0f}-{flat[2]:.0f} MB over {flat[3]} {flat[4]}; {flat[5]:+.1f} % / "
                 f"{flat[6]:+.1f} % of their mean, {flat[7]:.0f} MB)" if flat else "no GC logged"))
    fulls = sum(1 for p in gc if p[2] == "Pause Full")
    rows.append(("GC pauses logged: young, full", f"{len(gc) - fulls}, {fulls}" + (
        " (no full GC: the heap after a young GC includes old-generation garbage not collected yet)"
        if gc and not fulls else "")))
    rows.append(("connections open to nginx: max, median (ss, 1/s)", f"{max(conns)}, {statistics.median(conns):.0f}"))
    opened = sum(1 for r in reqs if r["conn_req"] == 1)
    if any(r["conn_req"] for r in reqs):
        rows.append(("connections opened (requests first on their connection), requests per connection",
                     f"{opened}, {len(reqs) / max(opened, 1):.2f}"))
    rows.append((f"per-host gaps under {delay - slack} ms", f"{short} of {ngaps} (min gap {min_gap:.0f} ms)"
                 if min_gap is not None else "no gaps"))
    rows.append(("pages fetched more than once", f"{dup_pages}" + (f" (+ {len(dup_other)} other URIs, e.g. "
                 f"{dup_other[0]})" if dup_other else "")))
    rows.append(("pages missing / unexpected", f"{len(missing)} / {len(extra)}"))
    rows.append(("summary.json errorCounts", json.dumps(errors, sort_keys=True)))
    rows.append(("summary.json skipCounts", json.dumps(skips, sort_keys=True)))
    for kd in ("nxdomain", "servfail", "silent"):
        rows.append((f"URLs of the {kd} hosts in pages.jsonl", json.dumps(by_kind[kd], sort_keys=True) or "{}"))
    rows.append(("requests reaching a failing host / on a wrong address / non-200 (not sitemap)",
                 f"{failing_fetched} / {len(wrong_addr)} / {len(non200)}"))
    rows.append(("finishReason", str(summary.get("finishReason"))))

    peer = None
    if os.path.exists(f"{tmp}/scrapy.run.json"):
        s = json.load(open(f"{tmp}/scrapy.run.json"))
        sreqs, _ = read_access(f"{tmp}/scrapy.access.log")
        ssamples = read_samples(f"{tmp}/scrapy.samples")
        peer = steady(s, sreqs, ssamples, peer_s)
        sshort, sngaps, smin = gaps(sreqs, delay - slack)
        shtml = sum(1 for r in sreqs if r["status"] == 200 and r["uri"].endswith(".html"))
        sconns = [c for _, c, *_ in ssamples] or [0]
        rows.append(("--- Scrapy", s["cmd"]))
        rows.append(("Scrapy: run s, pages, CPU s, peak RSS MB (whole process)",
                     f"{s['wall']:.1f}, {shtml}, {s['user'] + s['sys']:.1f}, {s['rss_kb'] / 1024:.0f}"))
        rows.append((f"Scrapy steady window ({warm:.0f} -> {peer_s:.0f} s): pages/s, pages per CPU s",
                     f"{peer['pps']:.1f}, {peer['ppc']:.1f} ({peer['pages']} pages, {peer['cpu']:.1f} CPU s)"))
        rows.append(("Scrapy: connections max, median; gaps under the delay", f"{max(sconns)}, "
                     f"{statistics.median(sconns):.0f}; {sshort} of {sngaps}"
                     + (f" (min {smin:.0f} ms)" if smin is not None else "")))
        ours = n_pages / cpu if cpu else float("nan")
        rows.append(("pages per CPU s: vertx-crawler (whole run) / Scrapy (steady)",
                     f"{ours:.0f} / {peer['ppc']:.1f} = {ours / peer['ppc']:.1f} x" if peer["ppc"] > 0 else "-"))
        rows.append(("pages per CPU s: vertx-crawler (steady) / Scrapy (steady)",
                     f"{v_steady['ppc']:.0f} / {peer['ppc']:.1f} = {v_steady['ppc'] / peer['ppc']:.1f} x"
                     if peer["ppc"] > 0 else "-"))

    w = max(len(a) for a, _ in rows)
    print(f"| {'measure'.ljust(w)} | value |")
    print(f"|{'-' * (w + 2)}|-------|")
    for a, b in rows:
        print(f"| {a.ljust(w)} | {b} |")
    print()
    timeline(v, html, samples)

    crit("peak RSS <= 512 MB", rss <= 512, f"{rss:.0f} MB")
    crit("heap after GC flat from 10 % to 100 %: every point within +-15 % of their mean",
         flat is not None and flat[5] >= -15 and flat[6] <= 15,
         f"{flat[5]:+.1f} % / {flat[6]:+.1f} % (max/min {flat[0]:.2f})" if flat else "no GC logged")
    crit(f"zero per-host gaps under {delay} ms ({slack} ms slack)", short == 0, f"{short} gaps")
    crit("every page exactly once", not missing and not extra and dup_pages == 0,
         f"{len(missing)} missing, {len(extra)} unexpected, {dup_pages} twice or more")
    # each failing kind's URLs must carry its own kind: NXDOMAIN -> *nxdomain*, SERVFAIL -> *servfail*,
    # no answer -> *timeout*
    want = {"nxdomain": "nxdomain", "servfail": "servfail", "silent": "timeout"}
    wrong_kind = {kd: {w: c for w, c in by_kind[kd].items() if want[kd] not in w} for kd in by_kind}
    wrong_kind = {kd: d for kd, d in wrong_kind.items() if d}
    unseen = [kd for kd in by_kind if meta["kinds"][kd] and not by_kind[kd]]
    dns_ok = not other_errors and not good_failed and failing_fetched == 0 and not wrong_kind and not unseen
    crit("DNS failures by kind, nothing else failed", dns_ok,
         f"dns {json.dumps(dns_kinds, sort_keys=True)}; other errors/skips {json.dumps(other_errors, sort_keys=True)}; "
         f"resolvable hosts' URLs not fetched {json.dumps(good_failed, sort_keys=True)}"
         + (f"; failing hosts' URLs of another kind {json.dumps(wrong_kind, sort_keys=True)}" if wrong_kind else "")
         + (f"; kinds never recorded {unseen}" if unseen else ""))
    crit(">= 1 500 pages/s (pages / wall)", pps >= 1500, f"{pps:.0f} pages/s")
    if peer:
        ratio = (n_pages / cpu) / peer["ppc"] if peer["ppc"] > 0 else float("nan")
        crit("pages per CPU s >= 20 x Scrapy's (ours whole run, Scrapy steady)", ratio >= 20, f"{ratio:.1f} x")
    for label, ok, value in results:
        print(f"{'PASS' if ok else 'FAIL'}: {label}: {value}")
    if bad:
        print(f"note: {bad} access log lines not parsed")
    if missing:
        print(f"note: missing e.g. {sorted(missing)[:3]}")
    if wrong_addr:
        print(f"note: wrong address e.g. {wrong_addr[0]}")
    return 0 if all(ok for _, ok, _ in results) else 1


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    a = sys.argv[2:]
    if cmd == "generate":
        generate(a[0], int(a[1]), int(a[2]), int(a[3]), int(a[4]), float(a[5]))
    elif cmd == "upstream":
        upstream(a[0])
    elif cmd == "sample":
        probe = LiveSetProbe(a[3], int(a[4]), a[5], int(a[2]), a[0] + ".marks") if len(a) > 5 else None
        sample(a[0], int(a[1]), int(a[2]), probe)
    elif cmd == "analyse":
        sys.exit(analyse(a[0]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
