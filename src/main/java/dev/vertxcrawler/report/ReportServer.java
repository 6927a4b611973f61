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
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code serve}: the report UI of a finished or running crawl over HTTP, read-only. Every request reads crawl.db
 * afresh (on a worker thread), so a running crawl's report stays current. A crawl shared through PostgreSQL is
 * read from a copy kept current ({@link SharedCrawlCopy}), and gets the cluster dashboard: {@code /live},
 * {@code /live.json}, {@code /hosts.json}, and {@code /metrics} with one series per node ({@link ClusterLive}).
 */
public final class ReportServer {
  private final Vertx vertx;
  private final Supplier<Future<Path>> dir;
  private final ClusterLive live;
  private final PrometheusMeterRegistry registry;
  private final Consumer<String> accessLog;
  private final long startedNanos = System.nanoTime();

  /** The report of a crawl directory. */
  public ReportServer(Vertx vertx, Path dir, Consumer<String> accessLog) {
    this(vertx, () -> Future.succeededFuture(dir), null, null, accessLog);
  }

  private ReportServer(Vertx vertx, Supplier<Future<Path>> dir, ClusterLive live, PrometheusMeterRegistry registry,
      Consumer<String> accessLog) {
    this.vertx = vertx;
    this.dir = dir;
    this.live = live;
    this.registry = registry;
    this.accessLog = accessLog;
  }

  /** The report and the live dashboard of crawl {@code crawl} in the database at {@code url}. */
  public static ReportServer shared(Vertx vertx, String url, String crawl, ClusterLive live,
      PrometheusMeterRegistry registry, Consumer<String> accessLog) {
    SharedCrawlCopy copy = new SharedCrawlCopy(vertx, url, crawl, () -> System.nanoTime() / 1_000_000);
    // The copy lives in a temporary directory: gone when the server's JVM stops (Ctrl-C, SIGTERM).
    Runtime.getRuntime().addShutdownHook(new Thread(copy::close, "report-copy-cleanup"));
    return new ReportServer(vertx, copy::current, live, registry, accessLog);
  }

  public Future<Integer> listen(String host, int port) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds(accessLog));
    router.get("/health").handler(ctx -> StatusServer.json(ctx, 200, new JsonObject().put("status", "ok")
        .put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L)));
    router.get("/").handler(ctx -> fromCrawl(ctx, d -> HtmlReport.render(ReportQueries.load(d, true)),
        "text/html; charset=utf-8"));
    router.get("/report.json").handler(ctx -> fromCrawl(ctx, d -> ReportQueries.load(d, false).encode(),
        "application/json"));
    router.get("/status").handler(ctx -> fromCrawl(ctx, d -> {
      JsonObject report = ReportQueries.load(d, false);
      return new JsonObject().put("finishReason", report.getString("finishReason"))
          .put("totals", report.getJsonObject("totals")).encode();
    }, "application/json"));
    if (live != null) {
      router.get("/live").handler(LiveDashboard::send);
      router.get("/live.json").handler(ctx -> StatusServer.json(ctx, 200, live.live()));
      router.get("/hosts.json").handler(this::hosts);
    }
    if (registry != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    }
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(router)
        .listen().map(HttpServer::actualPort);
  }

  private void hosts(RoutingContext ctx) {
    HostPage.Query query = new HostPage.Query(HostPage.Sort.of(ctx.request().getParam("sort")),
        "true".equals(ctx.request().getParam("asc")), ctx.request().getParam("q"),
        intParam(ctx, "offset", 0), intParam(ctx, "limit", 50));
    live.hosts(query).onComplete(ar -> {
      if (ar.succeeded()) {
        StatusServer.json(ctx, 200, ar.result());
      } else {
        StatusServer.json(ctx, 503, new JsonObject().put("error", String.valueOf(ar.cause().getMessage())));
      }
    });
  }

  private static int intParam(RoutingContext ctx, String name, int otherwise) {
    try {
      String v = ctx.request().getParam(name);
      return v == null ? otherwise : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** A page made from the crawl's crawl.db, read on a worker thread. */
  private void fromCrawl(RoutingContext ctx, Function<Path, String> body, String contentType) {
    dir.get().compose(d -> vertx.executeBlocking(() -> body.apply(d), false)).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("content-type", contentType).putHeader("cache-control", "no-store").end(ar.result());
      } else {
        StatusServer.json(ctx, live != null ? 503 : 500, new JsonObject()
            .put("error", String.valueOf(ar.cause().getMessage())));
      }
    });
  }
}
