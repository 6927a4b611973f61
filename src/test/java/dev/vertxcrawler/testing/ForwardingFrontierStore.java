package dev.vertxcrawler.testing;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.HostLeases;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A real store with one or two calls changed by a test: every call not overridden goes to {@link #delegate()}. */
public interface ForwardingFrontierStore extends FrontierStore {
  FrontierStore delegate();

  @Override
  default Future<Opened> open() {
    return delegate().open();
  }

  @Override
  default Future<Admitted> admit(List<CrawlTask> candidates) {
    return delegate().admit(candidates);
  }

  @Override
  default Future<List<CrawlTask>> lease(String origin, int max) {
    return delegate().lease(origin, max);
  }

  @Override
  default Future<Admitted> complete(CrawlTask task, Outcome outcome, String record, List<CrawlTask> discovered) {
    return delegate().complete(task, outcome, record, discovered);
  }

  @Override
  default Future<Void> saveHost(HostSnapshot host) {
    return delegate().saveHost(host);
  }

  @Override
  default Future<Optional<HostSnapshot>> loadHost(String origin) {
    return delegate().loadHost(origin);
  }

  @Override
  default Future<Void> saveCounters(JsonObject counters) {
    return delegate().saveCounters(counters);
  }

  @Override
  default Future<Optional<JsonObject>> crawlTotals() {
    return delegate().crawlTotals();
  }

  @Override
  default Optional<HostLeases> hostLeases() {
    return delegate().hostLeases();
  }

  @Override
  default Future<Void> close(FinishReason reason, JsonObject summary) {
    return delegate().close(reason, summary);
  }

  @Override
  default Future<Void> forEachPage(Consumer<JsonObject> consumer) {
    return delegate().forEachPage(consumer);
  }
}
