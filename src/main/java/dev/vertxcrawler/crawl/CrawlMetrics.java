package dev.vertxcrawler.crawl;

import dev.vertxcrawler.store.PageRecord;
import dev.vertxcrawler.store.PageRecord.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The crawl's own Micrometer meters (Vert.x's HTTP client pool metrics come from vertx-micrometer-metrics
 * on the same registry): pages by outcome and status, bytes, fetch latency histogram, robots decisions, and
 * gauges for the work queue, in-flight work and the frontier.
 */
final class CrawlMetrics {
  private final MeterRegistry registry;
  private final Counter bytes;
  private final Timer latency;

  CrawlMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bytes = Counter.builder("crawler.bytes").description("Decoded body bytes received").baseUnit("bytes")
        .register(registry);
    this.latency = Timer.builder("crawler.fetch").description("Fetch time, first byte sent to last received")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
  }

  void gauges(Supplier<Number> queueDepth, Supplier<Number> inFlight, Supplier<Number> frontier,
      Supplier<Number> connectionsOpen) {
    Gauge.builder("crawler.queue.depth", queueDepth).description("URLs in the bounded work queue").register(registry);
    Gauge.builder("crawler.inflight", inFlight).description("Workers busy with a URL").register(registry);
    Gauge.builder("crawler.frontier.queued", frontier).description("URLs waiting in windows and the store")
        .register(registry);
    Gauge.builder("crawler.connections.open", connectionsOpen)
        .description("HTTP connections open, to all hosts (bounded by http.maxOpenConnections)").register(registry);
  }

  void page(PageRecord record) {
    registry.counter("crawler.pages", "outcome", record.outcome().json(),
        "status", record.status() == null ? "none" : String.valueOf(record.status())).increment();
    bytes.increment(record.bytes());
    if (record.outcome() != Outcome.SKIPPED) {
      latency.record(Duration.ofMillis(record.elapsedMs()));
    }
  }

  void robots(String kind) {
    registry.counter("crawler.robots", "decision", kind).increment();
  }
}
