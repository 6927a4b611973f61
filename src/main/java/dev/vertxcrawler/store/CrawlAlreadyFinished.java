package dev.vertxcrawler.store;

import io.vertx.core.json.JsonObject;

/**
 * A node asked to join a shared crawl that already ended for good. A user's mistake on the command line (exit 2),
 * but under {@code --stay-up} (a container restarted by its policy, or a replica added late) the node serves the
 * crawl's summary instead, as on a finished single-node directory.
 */
public final class CrawlAlreadyFinished extends StoreException {
  private final String crawl;
  private final JsonObject summary;

  /** @param crawl the crawl as the user knows it: its database (password masked) and name */
  public CrawlAlreadyFinished(String crawl, JsonObject summary) {
    super(crawl + " already finished (" + summary.getString("finishReason") + ") — choose another store.crawl");
    this.crawl = crawl;
    this.summary = summary;
  }

  public String crawl() {
    return crawl;
  }

  /** The crawl's last summary as the database holds it (at least its finishReason). */
  public JsonObject summary() {
    return summary.copy();
  }
}
