package dev.vertxcrawler.crawl;

import dev.vertxcrawler.fetch.FetchResult;
import dev.vertxcrawler.fetch.Validators;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.store.PreviousCrawl;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A URL's page as an earlier crawl recorded it, in a crawl made {@code since} that one: the validators to ask
 * the server with, the SHA-256 to compare a new body against, and what a 304 answer stands for. Only a
 * complete page (fetched, 2xx or 304, with a hash) counts; anything else is as if the URL were new.
 */
record EarlierPage(long urlId, JsonObject record) {

  /** The usable earlier page, or null. */
  static EarlierPage of(PreviousCrawl.Page page) {
    if (page == null) {
      return null;
    }
    EarlierPage earlier = new EarlierPage(page.urlId(), page.record());
    Object status = page.record().getValue("status");
    boolean complete = PageRecord.FETCHED.equals(earlier.text("outcome")) && earlier.text("sha256") != null
        && status instanceof Number n && (n.intValue() / 100 == 2 || n.intValue() == 304);
    return complete ? earlier : null;
  }

  Validators validators() {
    return Validators.of(text("etag"), text("lastModified"));
  }

  /** Whether a complete new body differs from the earlier one; null when the new body is incomplete. */
  Boolean changedBy(String sha256) {
    return sha256 == null ? null : !sha256.equals(text("sha256"));
  }

  /**
   * The record of a 304 answer: nothing was transferred (bytes 0), the page is what it was, so its hash, title,
   * canonical, robots meta, extracted data, link count and not-html mark are the earlier ones; the validators
   * are the 304's own when it sent any (RFC 9110 §15.4.5), else the earlier ones.
   */
  PageRecord notModified(CrawlTask task, FetchResult r, Instant at) {
    Object noindex = record.getValue("noindex");
    Object data = record.getValue("data");
    int links = record.getValue("links") instanceof Number n ? n.intValue() : 0;
    // A fetched page's error says why it was not parsed (not-html): still true of the same bytes.
    return new PageRecord(task.url(), PageRecord.FETCHED, r.status(), text("error"), text("contentType"), 0,
        text("sha256"), task.depth(), task.referrer(), at, r.elapsedMs(), text("title"), links, null, task.retries(),
        text("canonical"), noindex instanceof Boolean b ? b : null, data instanceof JsonObject d ? d : null,
        r.validators().any() ? r.validators() : validators(), false);
  }

  /** A string value of the earlier record; anything else (a damaged or foreign row) reads as absent. */
  private String text(String key) {
    return record.getValue(key) instanceof String s ? s : null;
  }
}
