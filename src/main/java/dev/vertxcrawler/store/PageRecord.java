package dev.vertxcrawler.store;

import dev.vertxcrawler.fetch.Validators;
import dev.vertxcrawler.frontier.CrawlTask;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of pages.jsonl: the decision about one URL. Field names are the output contract, named once in
 * {@link PageField}. {@code data} (the values of the config's extract rules) is written only for a page that
 * was parsed with rules. {@code changed} is set only in a crawl made {@code since} an earlier one: false when
 * the page is as it was then (304, or the same SHA-256), true when its body differs, null when there is nothing
 * to compare. Built by {@link #builder}, {@link #skipped} or {@link #failed}: twenty positional values would
 * let two of them swap unseen.
 */
public record PageRecord(
    String url,
    Outcome outcome,
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

  /** What became of a URL, as pages.jsonl's {@code outcome} names it. */
  public enum Outcome {
    FETCHED, FAILED, SKIPPED;

    private final String json = name().toLowerCase(Locale.ROOT);

    public String json() {
      return json;
    }

    /** The outcome a record's JSON names, or null for anything else (a damaged or foreign row). */
    public static Outcome of(String json) {
      for (Outcome o : values()) {
        if (o.json.equals(json)) {
          return o;
        }
      }
      return null;
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (PageField field : PageField.SCALARS) {
      json.put(field.json(), value(field));
    }
    return data == null ? json : json.put(PageField.DATA.json(), data);
  }

  /** The field's value as pages.jsonl writes it. */
  public Object value(PageField field) {
    return switch (field) {
      case URL -> url;
      case OUTCOME -> outcome.json();
      case STATUS -> status;
      case ERROR -> error;
      case CONTENT_TYPE -> contentType;
      case BYTES -> bytes;
      case SHA256 -> sha256;
      case DEPTH -> depth;
      case REFERRER -> referrer;
      case FETCHED_AT -> fetchedAt.toString();
      case ELAPSED_MS -> elapsedMs;
      case TITLE -> title;
      case LINKS -> links;
      case LOCATION -> location;
      case RETRIES -> retries;
      case CANONICAL -> canonical;
      case NOINDEX -> noindex;
      case ETAG -> validators.etag();
      case LAST_MODIFIED -> validators.lastModified();
      case CHANGED -> changed;
      case DATA -> data;
    };
  }

  /** The same record with an error kind (a fetched page that was not parsed says why). */
  public PageRecord withError(String kind) {
    return toBuilder().error(kind).build();
  }

  /** A URL decided without a request: robots.txt, a given-up host, … ({@code error} says which). */
  public static PageRecord skipped(CrawlTask task, String error) {
    return builder(task.url(), Outcome.SKIPPED).depth(task.depth()).referrer(task.referrer()).error(error).build();
  }

  /** A URL that failed without a response to record (the crawler's own error: {@code kind} says which). */
  public static PageRecord failed(CrawlTask task, String kind) {
    return builder(task, Outcome.FAILED).error(kind).build();
  }

  /** A record of the task's URL, depth, referrer and retries; fetched now unless told otherwise. */
  public static Builder builder(CrawlTask task, Outcome outcome) {
    return builder(task.url(), outcome).depth(task.depth()).referrer(task.referrer()).retries(task.retries());
  }

  public static Builder builder(String url, Outcome outcome) {
    return new Builder(url, outcome);
  }

  public Builder toBuilder() {
    return new Builder(url, outcome).status(status).error(error).contentType(contentType).bytes(bytes)
        .sha256(sha256).depth(depth).referrer(referrer).fetchedAt(fetchedAt).elapsedMs(elapsedMs).title(title)
        .links(links).location(location).retries(retries).canonical(canonical).noindex(noindex).data(data)
        .validators(validators).changed(changed);
  }

  /** Named setters for a record; an unset field is null, 0, now ({@code fetchedAt}) or no validators. */
  public static final class Builder {
    private final String url;
    private final Outcome outcome;
    private Integer status;
    private String error;
    private String contentType;
    private long bytes;
    private String sha256;
    private int depth;
    private String referrer;
    private Instant fetchedAt;
    private long elapsedMs;
    private String title;
    private int links;
    private String location;
    private int retries;
    private String canonical;
    private Boolean noindex;
    private JsonObject data;
    private Validators validators = Validators.NONE;
    private Boolean changed;

    private Builder(String url, Outcome outcome) {
      this.url = url;
      this.outcome = outcome;
    }

    public Builder status(Integer value) {
      status = value;
      return this;
    }

    public Builder error(String value) {
      error = value;
      return this;
    }

    public Builder contentType(String value) {
      contentType = value;
      return this;
    }

    public Builder bytes(long value) {
      bytes = value;
      return this;
    }

    public Builder sha256(String value) {
      sha256 = value;
      return this;
    }

    public Builder depth(int value) {
      depth = value;
      return this;
    }

    public Builder referrer(String value) {
      referrer = value;
      return this;
    }

    public Builder fetchedAt(Instant value) {
      fetchedAt = value;
      return this;
    }

    public Builder elapsedMs(long value) {
      elapsedMs = value;
      return this;
    }

    public Builder title(String value) {
      title = value;
      return this;
    }

    public Builder links(int value) {
      links = value;
      return this;
    }

    public Builder location(String value) {
      location = value;
      return this;
    }

    public Builder retries(int value) {
      retries = value;
      return this;
    }

    public Builder canonical(String value) {
      canonical = value;
      return this;
    }

    public Builder noindex(Boolean value) {
      noindex = value;
      return this;
    }

    public Builder data(JsonObject value) {
      data = value;
      return this;
    }

    public Builder validators(Validators value) {
      validators = value;
      return this;
    }

    public Builder changed(Boolean value) {
      changed = value;
      return this;
    }

    public PageRecord build() {
      return new PageRecord(url, outcome, status, error, contentType, bytes, sha256, depth, referrer,
          fetchedAt == null ? Instant.now() : fetchedAt, elapsedMs, title, links, location, retries, canonical,
          noindex, data, validators, changed);
    }
  }
}
