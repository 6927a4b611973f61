// Crawlee peer for bench/peer-compare.sh: CheerioCrawler from one seed, following every a[href] on the seed's
// hostname (enqueueLinks strategy "same-hostname"), fixed concurrency, nothing written to disk.
//
// Run:  node bench/peers/crawlee/crawl.mjs SEED_URL [CONCURRENCY]
// Env:  CRAWLEE_PERSIST_STORAGE=false (set by the harness: MemoryStorage keeps the request queue in memory
//       only), CRAWLEE_STORAGE_DIR=a temp dir (in case anything is written anyway), CRAWLEE_PURGE_ON_START=true.
//       CRAWLEE_MIN_CONCURRENCY (default: the same as CONCURRENCY, so the autoscaled pool does not start at 1
//       and scale down when the machine is busy — the other tools run a fixed concurrency too).
// Prints one JSON line to stdout at the end: Crawlee's own final statistics and pages handled by status.
// Needs @crawlee/cheerio (npm ci in this directory; versions pinned in package-lock.json).
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';

const seed = process.argv[2];
if (!seed) {
    console.error('usage: node crawl.mjs SEED_URL [CONCURRENCY]');
    process.exit(2);
}
const concurrency = Number(process.argv[3] || 16);
const minConcurrency = Number(process.env.CRAWLEE_MIN_CONCURRENCY || concurrency);

log.setLevel(log.LEVELS.WARNING);

const byStatus = {};
let handled = 0;

const crawler = new CheerioCrawler({
    maxConcurrency: concurrency,
    minConcurrency,
    maxRequestRetries: 0,            // one try per URL, like the other tools
    maxRequestsPerCrawl: undefined,  // no cap (the default, stated)
    // 404 pages reach the handler (4xx is not an error for CheerioCrawler); their links are not followed.
    async requestHandler({ request, response, enqueueLinks }) {
        handled++;
        const status = response.statusCode;
        byStatus[status] = (byStatus[status] || 0) + 1;
        if (status === 200) {
            await enqueueLinks({ strategy: 'same-hostname' });   // selector "a" (the default)
        }
    },
    // Non-HTML targets (e.g. SVG images linked with <a href>) are fetched, their body aborted by Crawlee and
    // the request failed without a retry: count them, without Crawlee's per-failure error log.
    async failedRequestHandler({ request }) {
        byStatus.failed = (byStatus.failed || 0) + 1;
    },
}, new Configuration({ persistStorage: false, purgeOnStart: true }));

const stats = await crawler.run([seed]);
process.stdout.write(JSON.stringify({
    handled,
    byStatus,
    requestsFinished: stats.requestsFinished,
    requestsFailed: stats.requestsFailed,
    requestsTotal: stats.requestsTotal,
    crawlerRuntimeMillis: stats.crawlerRuntimeMillis,
}) + '\n');
