package dev.vertxcrawler.crawl;

import dev.vertxcrawler.fetch.FetchResult;
import dev.vertxcrawler.fetch.Validators;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.store.PageField;
import dev.vertxcrawler.store.PageRecord;
import dev.vertxcrawler.store.PageRecord.Outcome;
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
    Object status = page.record().getValue(PageField.STATUS.json());
    boolean complete = Outcome.FETCHED.json().equals(earlier.text(PageField.OUTCOME))
        && earlier.text(PageField.SHA256) != null
        && status instanceof Number n && (n.intValue() / 100 == 2 || n.intValue() == 304);
    return complete ? earlier : null;
  }

  Validators validators() {
    return Validators.of(text(PageField.ETAG), text(PageField.LAST_MODIFIED));
  }

  /** Whether a complete new body differs from the earlier one; null when the new body is incomplete. */
  Boolean changedBy(String sha256) {
    return sha256 == null ? null : !sha256.equals(text(PageField.SHA256));
  }

  /**
   * The record of a 304 answer: nothing was transferred (bytes 0), the page is what it was, so its hash, title,
   * canonical, robots meta, extracted data, link count and not-html mark are the earlier ones; the validators
   * are the 304's own when it sent any (RFC 9110 §15.4.5), else the earlier ones.
   */
  PageRecord notModified(CrawlTask task, FetchResult r, Instant at) {
    Object noindex = record.getValue(PageField.NOINDEX.json());
    Object data = record.getValue(PageField.DATA.json());
    int links = record.getValue(PageField.LINKS.json()) instanceof Number n ? n.intValue() : 0;
    // A fetched page's error says why it was not parsed (not-html): still true of the same bytes.
    return PageRecord.builder(task, Outcome.FETCHED).status(r.status()).error(text(PageField.ERROR))
        .contentType(text(PageField.CONTENT_TYPE)).sha256(text(PageField.SHA256)).fetchedAt(at)
        .elapsedMs(r.elapsedMs()).title(text(PageField.TITLE)).links(links).canonical(text(PageField.CANONICAL))
        .noindex(noindex instanceof Boolean b ? b : null).data(data instanceof JsonObject d ? d : null)
        .validators(r.validators().any() ? r.validators() : validators()).changed(false).build();
  }

  /** A string value of the earlier record; anything else (a damaged or foreign row) reads as absent. */
  private String text(PageField field) {
    return record.getValue(field.json()) instanceof String s ? s : null;
  }
}
