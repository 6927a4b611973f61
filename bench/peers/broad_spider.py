"""Scrapy peer for bench/broad-crawl.sh: a broad crawl of the synthetic web of many hosts.

Run:  /usr/bin/python3 -m scrapy runspider bench/peers/broad_spider.py -a seeds=FILE \
        -s BROAD_DNS_SERVER=127.0.0.1:PORT -s CLOSESPIDER_TIMEOUT=SECONDS
Starts from every URL in FILE and follows every a[href] on a host under broad.test (allowed_domains), with the
settings of Scrapy's "Broad Crawls" page (docs.scrapy.org/en/latest/topics/broad-crawls.html) that the
benchmark names: CONCURRENT_REQUESTS=200, the DownloaderAwarePriorityQueue, REACTOR_THREADPOOL_MAXSIZE=20,
no cookies, no retries, INFO logging — and politeness like vertx-crawler's defaults: robots.txt obeyed,
DOWNLOAD_DELAY=1 per host (Scrapy's RANDOMIZE_DOWNLOAD_DELAY, on by default, spreads it over 0.5-1.5 s),
AutoThrottle off. Nothing is written but Scrapy's log: nginx's access log is the record.

Names are resolved by the benchmark's dnsmasq, the server vertx-crawler asks: Scrapy's default resolver
(CachingThreadedResolver) calls the system's getaddrinfo, which cannot be pointed at a port other than 53, so
DNS_RESOLVER is BroadResolver below — the same contract (IResolverSimple, IPv4, Scrapy's DNS cache of
DNSCACHE_SIZE names, one attempt of DNS_TIMEOUT seconds), asking BROAD_DNS_SERVER over UDP with
twisted.names instead of a thread pool. Its answers, failures included (NXDOMAIN, SERVFAIL, no answer), are
the ones the crawler gets.
"""
from scrapy import Request, Spider
from scrapy.resolver import dnscache
from twisted.internet import defer
from twisted.internet.interfaces import IResolverSimple
from twisted.names import client
from zope.interface import implementer


@implementer(IResolverSimple)
class BroadResolver:
    def __init__(self, reactor, server, cache_size, timeout):
        host, port = server.rsplit(":", 1)
        self.reactor = reactor
        self.resolver = client.Resolver(servers=[(host, int(port))], reactor=reactor)
        dnscache.limit = cache_size
        self.timeout = timeout

    @classmethod
    def from_crawler(cls, crawler, reactor):
        s = crawler.settings
        size = s.getint("DNSCACHE_SIZE") if s.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, s.get("BROAD_DNS_SERVER"), size, s.getfloat("DNS_TIMEOUT"))

    def install_on_reactor(self):
        self.reactor.installResolver(self)

    def getHostByName(self, name, timeout=None):
        if name in dnscache:
            return defer.succeed(dnscache[name])
        d = self.resolver.getHostByName(name, timeout=(self.timeout,))
        if dnscache.limit:
            d.addCallback(self._cache, name)
        return d

    @staticmethod
    def _cache(result, name):
        dnscache[name] = result
        return result


class BroadSpider(Spider):
    name = "broad"
    allowed_domains = ["broad.test"]
    custom_settings = {
        # Scrapy's broad-crawl settings, as the benchmark names them
        "CONCURRENT_REQUESTS": 200,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "REACTOR_THREADPOOL_MAXSIZE": 20,
        "COOKIES_ENABLED": False,
        "RETRY_ENABLED": False,
        "LOG_LEVEL": "INFO",
        # politeness: one host at a time, 1 s apart (Scrapy's slot per domain), robots.txt obeyed
        "DOWNLOAD_DELAY": 1,
        "AUTOTHROTTLE_ENABLED": False,
        "ROBOTSTXT_OBEY": True,
        "DEPTH_LIMIT": 50,
        "DNS_RESOLVER": "broad_spider.BroadResolver",
        "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }

    def __init__(self, seeds=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not seeds:
            raise ValueError("need -a seeds=FILE")
        with open(seeds) as f:
            self.start_urls = [line.strip() for line in f if line.strip()]

    def start_requests(self):
        for url in self.start_urls:
            yield Request(url, callback=self.parse)

    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse)
