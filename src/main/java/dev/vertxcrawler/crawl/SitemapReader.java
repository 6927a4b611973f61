package dev.vertxcrawler.crawl;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import dev.vertxcrawler.fetch.BodyPolicy;
import dev.vertxcrawler.fetch.FetchErrors;
import dev.vertxcrawler.fetch.FetchRequest;
import dev.vertxcrawler.fetch.Fetcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches one sitemap (or sitemap index, plain or gzipped) through our {@link Fetcher} and parses it with
 * crawler-commons' {@link SiteMapParser} on a worker thread.
 */
final class SitemapReader {
  /** Child sitemaps of an index, or page URLs of a urlset; {@code error} set when it could not be read. */
  record Content(List<String> sitemaps, List<String> urls, String error) {
    static Content failed(String error) {
      return new Content(List.of(), List.of(), error);
    }
  }

  private final Vertx vertx;
  private final Fetcher fetcher;
  private final long maxBytes;

  SitemapReader(Vertx vertx, Fetcher fetcher, long maxBytes) {
    this.vertx = vertx;
    this.fetcher = fetcher;
    this.maxBytes = maxBytes;
  }

  Future<Content> read(String url, Runnable onStart) {
    return fetcher.fetch(FetchRequest.of(url, BodyPolicy.document(maxBytes)).onStart(onStart)).compose(result -> {
      if (!result.complete()) {
        return Future.succeededFuture(Content.failed(result.error()));
      }
      if (result.status() < 200 || result.status() >= 300 || result.body() == null) {
        return Future.succeededFuture(Content.failed("status-" + result.status()));
      }
      byte[] bytes = result.body().getBytes();
      return vertx.executeBlocking(() -> parse(url, bytes, maxBytes), false)
          .recover(err -> Future.succeededFuture(Content.failed("parse")));
    });
  }

  /** Blocking: worker threads only. */
  static Content parse(String url, byte[] bytes, long maxBytes) throws Exception {
    // The fetcher already undid Content-Encoding; a .xml.gz file still arrives gzipped (magic 1f 8b). It is
    // inflated here, at most maxBytes of it — a gzip bomb named sitemap.xml.gz stops at the cap too.
    boolean gzipped = bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    byte[] xml = bytes;
    if (gzipped) {
      xml = gunzip(bytes, maxBytes);
      if (xml == null) {
        return Content.failed(FetchErrors.TOO_LARGE);
      }
    }
    SiteMapParser parser = new SiteMapParser(false);
    AbstractSiteMap sitemap = parser.parseSiteMap("text/xml", xml, new URL(url));
    List<String> sitemaps = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    if (sitemap instanceof SiteMapIndex index) {
      for (AbstractSiteMap child : index.getSitemaps()) {
        sitemaps.add(child.getUrl().toString());
      }
    } else if (sitemap instanceof SiteMap set) {
      for (SiteMapURL entry : set.getSiteMapUrls()) {
        urls.add(entry.getUrl().toString());
      }
    }
    return new Content(sitemaps, urls, null);
  }

  /** The inflated bytes, or null when they would exceed {@code maxBytes}. */
  private static byte[] gunzip(byte[] gz, long maxBytes) throws java.io.IOException {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] step = new byte[16 * 1024];
      for (int n; (n = in.read(step)) > 0; ) {
        if (out.size() + n > maxBytes) {
          return null;
        }
        out.write(step, 0, n);
      }
      return out.toByteArray();
    }
  }
}
