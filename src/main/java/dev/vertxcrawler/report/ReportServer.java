package dev.vertxcrawler.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code serve DIR}: the report UI of a finished or running crawl over HTTP, read-only. Every request reads
 * crawl.db afresh (on a worker thread), so a running crawl's report stays current.
 */
public final class ReportServer {
  private final Vertx vertx;
  private final Path dir;
  private final Consumer<String> accessLog;
  private final long startedNanos = System.nanoTime();

  public ReportServer(Vertx vertx, Path dir, Consumer<String> accessLog) {
    this.vertx = vertx;
    this.dir = dir;
    this.accessLog = accessLog;
  }

  public Future<Integer> listen(String host, int port) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds(accessLog));
    router.get("/health").handler(ctx -> StatusServer.json(ctx, 200, new JsonObject().put("status", "ok")
        .put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L)));
    router.get("/").handler(ctx -> blocking(ctx, () -> HtmlReport.render(ReportQueries.load(dir, true)),
        "text/html; charset=utf-8"));
    router.get("/report.json").handler(ctx -> blocking(ctx, () -> ReportQueries.load(dir, false).encode(),
        "application/json"));
    router.get("/status").handler(ctx -> blocking(ctx, () -> {
      JsonObject report = ReportQueries.load(dir, false);
      return new JsonObject().put("finishReason", report.getString("finishReason"))
          .put("totals", report.getJsonObject("totals")).encode();
    }, "application/json"));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(router)
        .listen().map(HttpServer::actualPort);
  }

  private void blocking(RoutingContext ctx, java.util.concurrent.Callable<String> body, String contentType) {
    vertx.executeBlocking(body, false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("content-type", contentType).putHeader("cache-control", "no-store").end(ar.result());
      } else {
        StatusServer.json(ctx, 500, new JsonObject().put("error", String.valueOf(ar.cause().getMessage())));
      }
    });
  }
}
