// check.mjs — reads a crawl's WARC files with webrecorder's warcio.js (not the library that wrote them) and
// checks them against the crawl's own pages.jsonl and summary.json. Prints PASS/FAIL lines; exit 1 on a FAIL.
// Usage: node check.mjs CRAWL_DIR ORIGIN
import { WARCParser } from "warcio";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [dir, origin] = process.argv.slice(2);
const pages = fs.readFileSync(path.join(dir, "pages.jsonl"), "utf8").split("\n").filter(Boolean).map(JSON.parse);
const summary = JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8"));
const files = fs.readdirSync(path.join(dir, "warc")).filter(f => f.endsWith(".warc.gz")).sort();

function base32(buf) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const b of buf) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out;
}

let records = 0, firstNotInfo = [], badDigest = [], requests = new Map(), responses = new Map();
for (const file of files) {
  const parser = new WARCParser(fs.createReadStream(path.join(dir, "warc", file)));
  let first = true;
  for await (const record of parser) {
    records++;
    if (first && record.warcType !== "warcinfo") firstNotInfo.push(file);
    first = false;
    if (record.warcType === "response") {
      const payload = Buffer.from(await record.readFully(false));   // the body as received (still encoded)
      const digest = "sha1:" + base32(crypto.createHash("sha1").update(payload).digest());
      if (digest !== record.warcPayloadDigest) badDigest.push(record.warcTargetURI);
      const encoding = (record.httpHeaders.headers.get("content-encoding") || "").trim().toLowerCase();
      let decoded = payload;
      try {
        if (encoding === "gzip") decoded = zlib.gunzipSync(payload);
        else if (encoding === "deflate") decoded = zlib.inflateSync(payload);
      } catch (e) { decoded = null; }
      responses.set(record.warcTargetURI, {
        status: Number(record.httpHeaders.statusCode), encoding, concurrentTo: record.warcHeader("WARC-Concurrent-To"),
        sha256: decoded && crypto.createHash("sha256").update(decoded).digest("hex"),
        transferEncoding: record.httpHeaders.headers.get("transfer-encoding"),
      });
    } else if (record.warcType === "request") {
      await record.readFully(false);
      requests.set(record.warcHeader("WARC-Record-ID"), { method: record.httpHeaders.method });
    }
  }
}

const checks = [];
function check(name, ok, observed) {
  checks.push(ok);
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}: ${observed}`);
}
const fetched = pages.filter(p => p.outcome === "fetched");
const gzipped = [...responses.values()].filter(r => r.encoding === "gzip").length;
check("every record parses (warcio.js) and the count is summary.json's", records === summary.warc.records,
  `${records} records in ${files.length} file(s), summary ${summary.warc.records}, failed ${summary.warc.failed}`);
check("each file opens with a warcinfo record", firstNotInfo.length === 0, `${firstNotInfo.length} do not`);
check("every WARC-Payload-Digest matches its payload", badDigest.length === 0 && responses.size > 0,
  `${responses.size} responses, ${badDigest.length} mismatched`);
const missing = fetched.filter(p => !responses.has(p.url)).map(p => p.url);
const pageUrls = new Set(fetched.map(p => p.url));
const others = [...responses.keys()].filter(u => !pageUrls.has(u));
const strays = others.filter(u => u !== origin + "/robots.txt" && !/sitemap[^/]*$/.test(u));
check("a response record for every fetched page, for robots.txt and the sitemaps, nothing else", missing.length === 0
  && responses.has(origin + "/robots.txt") && strays.length === 0,
  `${fetched.length} pages, ${missing.length} without; besides them: ${others.map(u => u.slice(origin.length)).join(", ")}`);
const wrongStatus = fetched.filter(p => responses.get(p.url)?.status !== p.status).length;
check("each response's status is the page record's", wrongStatus === 0, `${wrongStatus} differ`);
const bodies = fetched.filter(p => p.sha256 && p.status === 200);
const wrongBody = bodies.filter(p => responses.get(p.url)?.sha256 !== p.sha256).map(p => p.url);
check("each 200 body, decoded from the archive, has the page record's SHA-256", wrongBody.length === 0,
  `${bodies.length} bodies (${gzipped} archived gzip-encoded, as nginx sent them), ${wrongBody.length} differ` +
  (wrongBody.length ? ` e.g. ${wrongBody.slice(0, 2)}` : ""));
const orphans = [...responses.values()].filter(r => requests.get(r.concurrentTo)?.method !== "GET").length;
check("each response has its GET request record (WARC-Concurrent-To)", orphans === 0, `${orphans} without`);
const framed = [...responses.values()].filter(r => r.transferEncoding).length;
check("no Transfer-Encoding left in an archived response", framed === 0, `${framed} with`);
process.exit(checks.every(Boolean) ? 0 : 1);
