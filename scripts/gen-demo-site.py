#!/usr/bin/env python3
"""Writes the demo site bundled in the jar (src/main/resources/demo-site) — deterministic, no randomness.

The demo server (dev.vertxcrawler.demo.DemoSite) serves these files and adds a few dynamic routes:
/old-guide/ (301 to /guide/), /slow.html (answers after a delay). Re-run after editing; commit the output.
"""
import os
import shutil

ROOT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "demo-site")
CHAPTERS = ["Getting started", "Configuration", "Politeness", "Output", "Operations", "Troubleshooting"]
SECTIONS = 10
CLASSES = ["Beacon", "Lens", "Keeper", "Signal", "Fog", "Tide", "Harbor", "Buoy", "Chart", "Compass",
           "Anchor", "Mast", "Rudder", "Keel", "Sail", "Hull", "Deck", "Cabin", "Lantern", "Rope",
           "Knot", "Pier", "Dock", "Wave", "Current", "Reef", "Shoal", "Cape", "Bay", "Cove",
           "Sound", "Strait", "Channel", "Inlet", "Lagoon", "Atoll", "Isle", "Cliff", "Dune", "Shore"]
files = {}


def page(title, body, depth_prefix=""):
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} — Lighthouse Handbook</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<nav><a href="/">Home</a> · <a href="/guide/">Guide</a> · <a href="/api/">API</a> · <a href="/about.html">About</a></nav>
<h1>{title}</h1>
{body}
<footer><a href="/about.html#license">License</a> · <a href="mailto:keeper@example.invalid">Contact</a></footer>
</body>
</html>
"""


def para(seed):
    words = ("the lamp turns slowly while the keeper writes the log and the fog horn sounds over the bay "
             "every ship that passes reads the signal and keeps its course away from the reef").split()
    return " ".join(words[(seed * 7 + i) % len(words)] for i in range(60)).capitalize() + "."


files["index.html"] = page("Lighthouse Handbook", f"""
<p>{para(1)}</p>
<ul>
<li><a href="/guide/">The guide</a></li>
<li><a href="/api/">API reference</a></li>
<li><a href="/old-guide/">The old guide (moved)</a></li>
<li><a href="/slow.html">A page that answers slowly</a></li>
<li><a href="/files/keepers.csv">Keepers as CSV</a></li>
<li><a href="/files/handbook.txt">The handbook as plain text</a></li>
<li><a href="/private/notes.html">Keeper's private notes</a> (robots.txt disallows them)</li>
<li><a href="https://example.invalid/elsewhere">A page on another host</a> (out of scope)</li>
<li><a href="/about.html" rel="nofollow">About (nofollow)</a></li>
</ul>
""")

files["about.html"] = page("About", f"<p>{para(2)}</p><p id=\"license\">Text under CC0.</p>"
                           "<p><a href=\"/guide/ch1/s1.html\">Start reading</a></p>")
files["slow-target.html"] = ""  # placeholder removed below; /slow.html is dynamic
del files["slow-target.html"]

chapter_links = "\n".join(f'<li><a href="ch{c + 1}/">{name}</a></li>' for c, name in enumerate(CHAPTERS))
files["guide/index.html"] = page("The guide", f"<p>{para(3)}</p><ol>{chapter_links}</ol>")
for c, name in enumerate(CHAPTERS, start=1):
    sections = "\n".join(f'<li><a href="s{s}.html">{name} {s}</a></li>' for s in range(1, SECTIONS + 1))
    files[f"guide/ch{c}/index.html"] = page(name, f"<p>{para(c + 10)}</p><ol>{sections}</ol>"
                                            f'<p><a href="../">Back to the guide</a></p>')
    for s in range(1, SECTIONS + 1):
        links = ['<a href="index.html">Chapter contents</a>']
        if s > 1:
            links.append(f'<a href="s{s - 1}.html">Previous</a>')
        if s < SECTIONS:
            links.append(f'<a href="s{s + 1}.html">Next</a>')
        links.append(f'<a href="/api/{CLASSES[(c * SECTIONS + s) % len(CLASSES)].lower()}.html#methods">'
                     f'{CLASSES[(c * SECTIONS + s) % len(CLASSES)]}</a>')
        if s == 5:
            links.append(f'<a href="s{SECTIONS + 1}.html">A section that was never written</a>')  # 404
        if c == 3 and s == 2:
            links.append('<a href="../../downloads/lighthouse-1.0.tar.gz">Old download</a>')  # 404
        files[f"guide/ch{c}/s{s}.html"] = page(f"{name} {s}", f"<p>{para(c * 100 + s)}</p>"
                                              f"<p>{' · '.join(links)}</p>")

api_links = "\n".join(f'<li><a href="{n.lower()}.html">{n}</a></li>' for n in CLASSES)
files["api/index.html"] = page("API reference", f"<p>{para(4)}</p><ul>{api_links}</ul>")
for i, n in enumerate(CLASSES):
    see = CLASSES[(i + 1) % len(CLASSES)]
    extra = '<p><a href="removed.html">A class that was removed</a></p>' if i % 13 == 0 else ""
    files[f"api/{n.lower()}.html"] = page(f"class {n}", f"<p>{para(i + 200)}</p><h2 id=\"methods\">Methods</h2>"
                                          f"<p>See also <a href=\"{see.lower()}.html\">{see}</a>.</p>{extra}")

files["private/notes.html"] = page("Private notes", "<p>Robots should not read this.</p>")
files["style.css"] = "body { font-family: sans-serif; max-width: 40em; margin: 2em auto; }\n"
files["robots.txt"] = "User-agent: *\nDisallow: /private/\n"
files["files/keepers.csv"] = "name,years\n" + "".join(f"keeper{i},{1900 + i}-{1910 + i}\n" for i in range(50))
files["files/handbook.txt"] = "\n\n".join(para(i) for i in range(40)) + "\n"

if os.path.isdir(ROOT):
    shutil.rmtree(ROOT)
for path, text in sorted(files.items()):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)
with open(os.path.join(ROOT, "manifest.txt"), "w", encoding="utf-8") as f:
    f.write("".join(p + "\n" for p in sorted(files)))
print(f"wrote {len(files)} files to {os.path.normpath(ROOT)}")
