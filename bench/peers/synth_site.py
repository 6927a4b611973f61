#!/usr/bin/python3
"""Deterministic synthetic site for bench/peer-compare.sh (SITE=synthetic), written as static files for nginx.

Run:  /usr/bin/python3 bench/peers/synth_site.py OUT_DIR [N] [SEED]
Writes N HTML pages (default 10000) under OUT_DIR: page 0 is /index.html (the seed), page i > 0 is
/p/<i // 1000>/<i>.html. Each page is 5-100 KB (uniform, bytes), and holds about 100 a[href] links:
  - its tree children i*10+1 .. i*10+10 (so every page is reachable, at most ~log10(N) hops from the seed);
  - random other pages, written as root-relative, page-relative (../), dot-segment (/./) hrefs, some with
    a #fragment, so tools must resolve and de-duplicate them the same way;
  - with probability 0.2 a broken link (one of N/100 missing pages -> 404);
  - with probability 0.3 a link to a redirect /r/<k>.html (N/100 of them) -> 301 to a real page;
  - one off-site link (http://offsite.invalid/...) that no tool may follow.
Also writes OUT_DIR/../<basename>-redirects.conf: nginx `location = /r/<k>.html { return 301 ...; }` lines for
the server block to include, and prints one line: `synthetic pages=N bytes=B links=L redirects=R missing=M`.
Only Python's standard library is used; the same N and SEED always give byte-identical files.
"""
import os
import random
import sys

BRANCH = 10
LINKS = 100


def page_path(i):
    return "/index.html" if i == 0 else f"/p/{i // 1000}/{i}.html"


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: synth_site.py OUT_DIR [N] [SEED]")
    out = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    if n < 2:
        sys.exit("N must be >= 2")
    rng = random.Random(seed)

    # A fixed block of text to cut filler from (generating words per page would be slow for ~500 MB).
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
             for _ in range(2000)]
    text = " ".join(rng.choice(words) for _ in range(60000))

    n_missing = max(1, n // 100)
    n_redirects = max(1, n // 100)
    redirect_to = [rng.randrange(n) for _ in range(n_redirects)]

    def href(frm, to):
        """One of several spellings of a same-origin link from page frm to page to."""
        p = page_path(to)
        r = rng.random()
        if r < 0.5:
            h = p
        elif r < 0.8 and frm != 0 and to != 0:
            # page-relative: ../<dir>/<i>.html works from any /p/<d>/ page
            h = f"../{to // 1000}/{to}.html"
        elif r < 0.9:
            h = "/." + p  # a dot segment to resolve: /./p/3/3456.html
        else:
            h = p + "#sec" + str(rng.randrange(5))
        return h

    total_bytes = total_links = 0
    for i in range(n):
        size = rng.randint(5 * 1024, 100 * 1024)
        targets = [c for c in range(i * BRANCH + 1, i * BRANCH + BRANCH + 1) if c < n]
        while len(targets) < LINKS - 3:
            targets.append(rng.randrange(n))
        hrefs = [href(i, t) for t in targets]
        if rng.random() < 0.2:
            hrefs.append(f"/missing/{rng.randrange(n_missing)}.html")
        if rng.random() < 0.3:
            hrefs.append(f"/r/{rng.randrange(n_redirects)}.html")
        hrefs.append(f"http://offsite.invalid/{rng.randrange(1000)}.html")
        rng.shuffle(hrefs)

        head = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>Synthetic page {i}</title></head>\n<body>\n<h1>Page {i}</h1>\n")
        parts = [head]
        used = len(head)
        # Links in chunks of 10 list items, with filler paragraphs between, until the size is reached.
        chunks = [hrefs[k:k + 10] for k in range(0, len(hrefs), 10)]
        filler_total = max(0, size - used - sum(len(h) + 40 for h in hrefs) - 30)
        per_gap = filler_total // (len(chunks) + 1)
        for chunk in chunks:
            off = rng.randrange(len(text) - per_gap - 1) if per_gap else 0
            parts.append(f"<p>{text[off:off + per_gap]}</p>\n<ul>\n")
            for h in chunk:
                parts.append(f"<li><a href=\"{h}\">link {h.rsplit('/', 1)[-1]}</a></li>\n")
            parts.append("</ul>\n")
        body = "".join(parts)
        rest = max(0, size - len(body) - 20)
        off = rng.randrange(len(text) - rest - 1) if rest < len(text) - 1 else 0
        body += f"<p>{text[off:off + rest]}</p>\n</body></html>\n"
        data = body.encode("utf-8")
        path = out + page_path(i)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        total_bytes += len(data)
        total_links += len(hrefs)

    conf = os.path.join(os.path.dirname(out), os.path.basename(out) + "-redirects.conf")
    with open(conf, "w") as f:
        for k, to in enumerate(redirect_to):
            f.write(f"location = /r/{k}.html {{ return 301 {page_path(to)}; }}\n")
    print(f"synthetic pages={n} bytes={total_bytes} links={total_links} redirects={n_redirects} "
          f"missing={n_missing} seed={seed}")


if __name__ == "__main__":
    main()
