package dev.vertxcrawler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Contract of /health, /status, /metrics and the request id, against a real crawl. */
@ExtendWith(VertxExtension.class)
class StatusServerIT {
  @Test
  void endpointsAnswerDuringACrawl(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<String> accessLog = new CopyOnWriteArrayList<>();
    WebClient client = WebClient.create(vertx);
    JsonObject[] finalSummary = new JsonObject[1];
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 300)).compose(site -> {
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, CrawlHarness.config("politeness.minDelayMs=5"), out,
          List.of(site.url("/p/0"))).withMetrics(registry);
      StatusServer server = new StatusServer(vertx, crawler, registry, accessLog::add);
      return vertx.deployVerticle(crawler).compose(id -> server.listen("127.0.0.1", 0)).compose(port -> {
        // Wait (with a timer, not a sleep) until some pages are done, then ask everything at once.
        io.vertx.core.Promise<Void> some = io.vertx.core.Promise.promise();
        vertx.setPeriodic(20, t -> crawler.status().onSuccess(s -> {
          if (s.getJsonObject("pages").getLong("fetched") >= 20) {
            vertx.cancelTimer(t);
            some.tryComplete();
          }
        }));
        return some.future().compose(v -> Future.all(
            client.get(port, "127.0.0.1", "/health").putHeader("X-Request-Id", "req-42").send(),
            client.get(port, "127.0.0.1", "/status").send(),
            client.get(port, "127.0.0.1", "/metrics").send(),
            client.get(port, "127.0.0.1", "/health").putHeader("X-Request-Id", "<bad id>").send()));
      }).compose(all -> crawler.finished().map(summary -> {
        finalSummary[0] = summary;
        return all;
      }));
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      HttpResponse<?> health = all.resultAt(0);
      assertEquals(200, health.statusCode());
      assertEquals("req-42", health.getHeader("X-Request-Id"));
      assertEquals("ok", health.bodyAsJsonObject().getString("status"));
      JsonObject status = ((HttpResponse<?>) all.resultAt(1)).bodyAsJsonObject();
      assertTrue(status.getJsonObject("pages").getLong("fetched") >= 20);
      assertNotNull(status.getInteger("queueDepth"));
      assertNotNull(status.getInteger("inFlight"));
      assertEquals(1, status.getJsonArray("hosts").size());
      JsonObject hosts = status.getJsonObject("hostCounts");
      assertEquals(1, hosts.getLong("active") + hosts.getLong("waiting") + hosts.getLong("done"), hosts.encode());
      assertTrue(status.getLong("memoryPerHostBytes") > 0, "heap after the last GC over one host");
      assertEquals(new JsonObject().put("active", 0L).put("waiting", 0L).put("done", 1L),
          finalSummary[0].getJsonObject("hostCounts"), "at the end the one host is done");
      assertTrue(finalSummary[0].getLong("memoryPerHostBytes") > 0);
      String metrics = ((HttpResponse<?>) all.resultAt(2)).bodyAsString();
      assertTrue(metrics.contains("crawler_pages_total{outcome=\"fetched\",status=\"200\"}"), metrics);
      assertTrue(metrics.contains("crawler_fetch_seconds_bucket"), "a latency histogram");
      assertTrue(metrics.contains("crawler_queue_depth"));
      assertTrue(metrics.contains("crawler_connections_open"), "connections to all hosts, under http.maxOpenConnections");
      assertTrue(metrics.contains("crawler_robots_total"));
      String generated = ((HttpResponse<?>) all.resultAt(3)).getHeader("X-Request-Id");
      assertTrue(generated.matches("[0-9a-f-]{36}"), "an unusable id is replaced: " + generated);
      assertTrue(accessLog.stream().anyMatch(l -> l.startsWith("access req-42 GET /health 200")), accessLog.toString());
      ctx.completeNow();
    })));
  }
}
