"""Scrapy peer for bench/compare-discovery.sh: follow a[href]/area[href] on one host:port, record every URL fetched.

Run:  scrapy runspider bench/discovery_spider.py -a start_url=http://127.0.0.1:PORT/index.html -a out=FILE
Writes one JSON object per line to FILE: {"url", "status", "contentType", "kind", "referer", "depth"}; kind is
  "response" (a response reached the callback), "redirect" (a URL that redirected; its target is recorded
  separately), "http-error" (non-2xx, recorded with the request URL) or "error" (no response at all).
"""
import json
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import CrawlSpider, Rule


class DiscoverySpider(CrawlSpider):
    name = "discovery"
    custom_settings = {
        "ROBOTSTXT_OBEY": False,      # vertx-crawler reads no robots.txt either
        "DEPTH_LIMIT": 0,             # no depth limit
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "RETRY_ENABLED": False,       # one try per URL, like the other two
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }

    # Only a/area href; deny_extensions=[] so .svg/.pdf/... links are fetched too (Scrapy skips them by default).
    rules = (
        Rule(
            LinkExtractor(tags=("a", "area"), attrs=("href",), deny_extensions=[]),
            callback="record",
            errback="record_error",
            follow=True,
            process_links="same_origin",
        ),
    )

    def __init__(self, start_url=None, out=None, *args, **kwargs):
        if not start_url or not out:
            raise ValueError("need -a start_url=URL -a out=FILE")
        self.start_urls = [start_url]
        origin = urlsplit(start_url)
        # allowed_domains ignores ports; same_origin() below restricts to the exact scheme://host:port too.
        self.allowed_domains = [origin.hostname]
        self.origin = (origin.scheme, origin.netloc.lower())
        self.out = open(out, "w", encoding="utf-8")
        super().__init__(*args, **kwargs)

    def start_requests(self):
        # Unlike Scrapy's default, the seed goes through the dupefilter (so a later link back to it is not
        # fetched twice) and its errors are recorded too.
        for url in self.start_urls:
            yield Request(url, callback=self._parse, errback=self.record_error, dont_filter=False)

    def same_origin(self, links):
        keep = []
        for link in links:
            u = urlsplit(link.url)
            if (u.scheme, u.netloc.lower()) == self.origin:
                keep.append(link)
        return keep

    def _write(self, request, url, status, content_type, kind):
        referer = request.headers.get("Referer", b"").decode("latin-1") or None
        self.out.write(json.dumps({"url": url, "status": status, "contentType": content_type, "kind": kind,
                                   "referer": referer, "depth": request.meta.get("depth", 0)}) + "\n")

    def record(self, response):
        # URLs that redirected on the way here were fetched too.
        for url in response.meta.get("redirect_urls", []):
            self._write(response.request, url, None, None, "redirect")
        ctype = response.headers.get("Content-Type", b"").decode("latin-1") or None
        self._write(response.request, response.url, response.status, ctype, "response")
        return []

    def parse_start_url(self, response, **kwargs):
        return self.record(response)

    def record_error(self, failure):
        if failure.check(HttpError):
            response = failure.value.response
            ctype = response.headers.get("Content-Type", b"").decode("latin-1") or None
            self._write(failure.request, failure.request.url, response.status, ctype, "http-error")
        else:
            self._write(failure.request, failure.request.url, None, None, "error:" + failure.type.__name__)

    def closed(self, reason):
        self.out.close()
