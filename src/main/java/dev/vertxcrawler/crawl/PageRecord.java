package dev.vertxcrawler.crawl;

import dev.vertxcrawler.fetch.Validators;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One line of pages.jsonl: the decision about one URL. Field names are the output contract. {@code data} (the
 * values of the config's extract rules) is written only for a page that was parsed with rules. {@code changed}
 * is set only in a crawl made {@code since} an earlier one: false when the page is as it was then (304, or the
 * same SHA-256), true when its body differs, null when there is nothing to compare.
 */
public record PageRecord(
    String url,
    String outcome,
    Integer status,
    String error,
    String contentType,
    long bytes,
    String sha256,
    int depth,
    String referrer,
    Instant fetchedAt,
    long elapsedMs,
    String title,
    int links,
    String location,
    int retries,
    String canonical,
    Boolean noindex,
    JsonObject data,
    Validators validators,
    Boolean changed) {

  public static final String FETCHED = "fetched";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("url", url)
        .put("outcome", outcome)
        .put("status", status)
        .put("error", error)
        .put("contentType", contentType)
        .put("bytes", bytes)
        .put("sha256", sha256)
        .put("depth", depth)
        .put("referrer", referrer)
        .put("fetchedAt", fetchedAt.toString())
        .put("elapsedMs", elapsedMs)
        .put("title", title)
        .put("links", links)
        .put("location", location)
        .put("retries", retries)
        .put("canonical", canonical)
        .put("noindex", noindex)
        .put("etag", validators.etag())
        .put("lastModified", validators.lastModified())
        .put("changed", changed);
    return data == null ? json : json.put("data", data);
  }

  /** The same record with an error kind (a fetched page that was not parsed says why). */
  public PageRecord withError(String kind) {
    return new PageRecord(url, outcome, status, kind, contentType, bytes, sha256, depth, referrer, fetchedAt, elapsedMs,
        title, links, location, retries, canonical, noindex, data, validators, changed);
  }

  /** A URL decided without a request: robots.txt, a given-up host, … ({@code error} says which). */
  public static PageRecord skipped(String url, int depth, String referrer, String error) {
    return new PageRecord(url, SKIPPED, null, error, null, 0, null, depth, referrer, Instant.now(), 0, null, 0, null,
        0, null, null, null, Validators.NONE, null);
  }
}
