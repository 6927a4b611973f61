package dev.vertxcrawler.crawl;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One line of pages.jsonl: the decision about one URL. Field names are the output contract. */
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
    int retries) {

  public static final String FETCHED = "fetched";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public JsonObject toJson() {
    return new JsonObject()
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
        .put("retries", retries);
  }
}
