package dev.vertxcrawler.report;

import dev.vertxcrawler.store.PgLiveView;
import dev.vertxcrawler.store.PgLiveView.HostRow;
import dev.vertxcrawler.store.PgLiveView.NodeRow;
import dev.vertxcrawler.store.PgLiveView.Sample;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The live view of a crawl shared by many nodes, for the report UI's dashboard ({@code /live}): sampled from the
 * database every {@link #SAMPLE_MS} (each node's last heartbeat, the URLs by state), kept as a series for the
 * chart, summed into the crawl's totals and mixes; the host table read at most every {@link #HOSTS_MS} (one
 * grouped pass over the URLs) and paged here. The same numbers go to {@code /metrics}, one series per node.
 * Event-loop only; the database through the reactive client.
 */
public final class ClusterLive {
  static final long SAMPLE_MS = 2_000;
  static final long HOSTS_MS = 10_000;
  /** The rate behind the time-left estimate: pages done over this last stretch. */
  static final long ETA_WINDOW_MS = 60_000;

  private final Vertx vertx;
  private final PgLiveView view;
  private final String crawl;
  private final LongSupplier clock;
  private final RateSeries series = new RateSeries(SAMPLE_MS);
  private Sample sample;
  private String sampleError;
  private long sampledAt;
  private boolean sampling;
  private List<HostRow> hosts = List.of();
  private long hostsAt = Long.MIN_VALUE / 2;
  private Future<List<HostRow>> hostsLoading;
  private long timer = -1;
  private final Map<MultiGauge, ToDoubleFunction<NodeRow>> nodeGauges = new LinkedHashMap<>();

  public ClusterLive(Vertx vertx, PgLiveView view, String crawl, LongSupplier clock) {
    this.vertx = vertx;
    this.view = view;
    this.crawl = crawl;
    this.clock = clock;
  }

  /** Samples now and then every {@link #SAMPLE_MS}. */
  public void start() {
    sample();
    timer = vertx.setPeriodic(SAMPLE_MS, id -> sample());
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return view.close();
  }

  /** Per-node gauges ({@code node} label) and the crawl's URL counts, from the latest sample. */
  public void bindMetrics(PrometheusMeterRegistry registry) {
    registry.gauge("crawler.cluster.urls.known", this, c -> c.sample == null ? 0 : c.sample.known());
    registry.gauge("crawler.cluster.urls.queued", this, c -> c.sample == null ? 0 : c.sample.queued());
    registry.gauge("crawler.cluster.urls.in.flight", this, c -> c.sample == null ? 0 : c.sample.inFlight());
    registry.gauge("crawler.cluster.urls.done", this, c -> c.sample == null ? 0 : c.sample.done());
    gauge(registry, "crawler.cluster.node.pages.per.second", "pages/s since the node's previous heartbeat",
        n -> running(n) ? n.status().getDouble("pagesPerSecond", 0.0) : 0);
    gauge(registry, "crawler.cluster.node.pages.fetched", "pages fetched", n -> pages(n, "fetched"));
    gauge(registry, "crawler.cluster.node.pages.failed", "pages failed", n -> pages(n, "failed"));
    gauge(registry, "crawler.cluster.node.hosts.held", "hosts held", n -> n.status().getLong("hostsHeld", 0L));
    gauge(registry, "crawler.cluster.node.leases.lost", "host leases that ran out on the node",
        n -> n.status().getLong("leasesLost", 0L));
    gauge(registry, "crawler.cluster.node.leases.taken.over", "hosts the node took over from a lease that ran out",
        n -> n.status().getLong("leasesTakenOver", 0L));
    gauge(registry, "crawler.cluster.node.heartbeat.age.seconds", "seconds since the node's last heartbeat",
        n -> n.heartbeatAgeMs() / 1000.0);
  }

  private void gauge(PrometheusMeterRegistry registry, String name, String help, ToDoubleFunction<NodeRow> value) {
    nodeGauges.put(MultiGauge.builder(name).description(help).register(registry), value);
  }

  private void updateGauges() {
    nodeGauges.forEach((g, value) -> {
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (NodeRow n : sample.nodes()) {
        double v = value.applyAsDouble(n);
        rows.add(MultiGauge.Row.of(Tags.of("node", n.node(), "crawl", crawl), () -> v));
      }
      g.register(rows, true);
    });
  }

  private void sample() {
    if (sampling) {
      return; // the database is slower than the period: skip a beat rather than queue queries
    }
    sampling = true;
    view.sample().onComplete(ar -> {
      sampling = false;
      if (ar.failed()) {
        sampleError = String.valueOf(ar.cause().getMessage());
        return;
      }
      sampleError = null;
      sample = ar.result();
      sampledAt = clock.getAsLong();
      series.add(sampledAt, sample.done(), sum("failed"));
      updateGauges();
    });
  }

  /** The dashboard's poll: totals, progress, mixes, nodes and the series. */
  public JsonObject live() {
    JsonObject out = new JsonObject().put("crawl", crawl).put("where", view.where());
    if (sample == null) {
      return out.put("state", "connecting").put("error", sampleError);
    }
    out.put("error", sampleError).put("sampledAgoMs", clock.getAsLong() - sampledAt);
    if (!sample.started()) {
      return out.put("state", "not started");
    }
    out.put("state", sample.finishReason() != null ? sample.finishReason() : "running");
    double recent = series.recentRate(ETA_WINDOW_MS);
    long left = sample.queued() + sample.inFlight();
    out.put("progress", new JsonObject().put("known", sample.known()).put("done", sample.done())
        .put("queued", sample.queued()).put("inFlight", sample.inFlight())
        .put("fraction", sample.known() == 0 ? 0.0 : (double) sample.done() / sample.known())
        .put("pagesPerSecond", Math.round(recent * 10) / 10.0)
        // URLs still to be found make it longer: an estimate from what is known now
        .put("etaSeconds", left == 0 ? Long.valueOf(0) : recent <= 0 ? null : Math.round(left / recent)));
    JsonArray nodes = new JsonArray();
    long live = 0;
    double rate = 0;
    for (NodeRow n : sample.nodes()) {
      JsonObject s = n.status();
      String reported = s.getString("state", "running");
      boolean isLive = live(n);
      // A node that stopped said so in its last heartbeat; one still "running" whose heartbeat is older than its
      // lease died, or lost the database (its hosts are free for the others).
      String state = "running".equals(reported) && !isLive ? "lost" : reported;
      isLive = "running".equals(state);
      if (isLive) {
        live++;
        rate += s.getDouble("pagesPerSecond", 0.0);
      }
      nodes.add(new JsonObject().put("node", n.node()).put("state", state).put("heartbeatAgeMs", n.heartbeatAgeMs())
          .put("pagesPerSecond", isLive ? s.getDouble("pagesPerSecond", 0.0) : 0.0)
          .put("fetched", pages(n, "fetched")).put("failed", pages(n, "failed")).put("skipped", pages(n, "skipped"))
          .put("hostsHeld", isLive ? s.getLong("hostsHeld", 0L) : 0L).put("inFlight", s.getLong("inFlight", 0L))
          .put("leasesLost", s.getLong("leasesLost", 0L)).put("leasesTakenOver", s.getLong("leasesTakenOver", 0L)));
    }
    out.put("totals", new JsonObject().put("fetched", sum("fetched")).put("failed", sum("failed"))
        .put("skipped", sum("skipped")).put("pagesPerSecond", Math.round(rate * 10) / 10.0).put("nodesLive", live)
        .put("nodes", sample.nodes().size()));
    return out.put("nodes", nodes).put("statusMix", mix("statusCounts")).put("errorMix", mix("errorCounts"))
        .put("series", series.toJson());
  }

  /** A page of the host table; the rows are read again when older than {@link #HOSTS_MS}. */
  public Future<JsonObject> hosts(HostPage.Query query) {
    return currentHosts().compose(rows -> vertx.executeBlocking(() -> HostPage.of(rows, query), false));
  }

  private Future<List<HostRow>> currentHosts() {
    if (clock.getAsLong() - hostsAt < HOSTS_MS) {
      return Future.succeededFuture(hosts);
    }
    if (hostsLoading == null) {
      hostsLoading = view.hosts().onComplete(ar -> {
        hostsLoading = null;
        if (ar.succeeded()) {
          hosts = ar.result();
          hostsAt = clock.getAsLong();
        }
      });
    }
    return hostsLoading;
  }

  private static boolean running(NodeRow n) {
    return live(n) && "running".equals(n.status().getString("state", "running"));
  }

  /** A node is live while its last heartbeat is younger than its lease (after that its hosts are free). */
  private static boolean live(NodeRow n) {
    return n.heartbeatAgeMs() < n.status().getLong("leaseMs", 30_000L);
  }

  private static long pages(NodeRow n, String outcome) {
    JsonObject pages = n.status().getJsonObject("pages");
    return pages == null ? 0 : pages.getLong(outcome, 0L);
  }

  /** The nodes' pages by one outcome: each counts its own, so the sum is the crawl's (up to their last beats). */
  private long sum(String outcome) {
    long total = 0;
    for (NodeRow n : sample.nodes()) {
      total += pages(n, outcome);
    }
    return total;
  }

  private JsonObject mix(String key) {
    Map<String, Long> total = new TreeMap<>();
    for (NodeRow n : sample.nodes()) {
      JsonObject counts = n.status().getJsonObject(key);
      if (counts != null) {
        counts.forEach(e -> total.merge(e.getKey(), ((Number) e.getValue()).longValue(), Long::sum));
      }
    }
    return new JsonObject(new TreeMap<>(total));
  }
}
