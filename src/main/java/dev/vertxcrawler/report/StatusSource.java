package dev.vertxcrawler.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** What the live status server asks a running crawl; both answers come from the crawl's own event loop. */
public interface StatusSource {
  /** Completes when the crawl's event loop ran a task: it is responsive. */
  Future<Void> ping();

  /** Counts, rate, queue depth, in-flight, per-host state, finishReason once done. */
  Future<JsonObject> status();
}
