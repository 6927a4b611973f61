package dev.vertxcrawler.report;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.Consumer;

/**
 * The live status server of a running crawl (vertx-web): {@code /health} (200 with uptime while the crawl's
 * event loop answers within a second, else 503), {@code /status} (JSON), {@code /metrics} (Prometheus text
 * from Micrometer), {@code /} (a dashboard polling /status). Binds to 127.0.0.1 unless configured otherwise.
 */
public final class StatusServer {
  static final long HEALTH_TIMEOUT_MS = 1000;

  private final Vertx vertx;
  private final StatusSource source;
  private final PrometheusMeterRegistry registry;
  private final Consumer<String> accessLog;
  private final long startedNanos = System.nanoTime();
  private HttpServer server;

  public StatusServer(Vertx vertx, StatusSource source, PrometheusMeterRegistry registry, Consumer<String> accessLog) {
    this.vertx = vertx;
    this.source = source;
    this.registry = registry;
    this.accessLog = accessLog;
  }

  public Future<Integer> listen(String host, int port) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds(accessLog));
    router.get("/health").handler(this::health);
    router.get("/status").handler(this::status);
    if (registry != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    }
    router.get("/").handler(ctx -> Dashboard.send(ctx));
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    return server.requestHandler(router).listen().map(HttpServer::actualPort);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void health(RoutingContext ctx) {
    long timer = vertx.setTimer(HEALTH_TIMEOUT_MS, id -> {
      if (!ctx.response().ended()) {
        json(ctx, 503, new JsonObject().put("status", "unresponsive"));
      }
    });
    source.ping().onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (!ctx.response().ended()) {
        json(ctx, ar.succeeded() ? 200 : 503, new JsonObject().put("status", ar.succeeded() ? "ok" : "down")
            .put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L));
      }
    });
  }

  private void status(RoutingContext ctx) {
    source.status().onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 200, ar.result());
      } else {
        json(ctx, 503, new JsonObject().put("error", String.valueOf(ar.cause().getMessage())));
      }
    });
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store").end(body.encode());
  }
}
