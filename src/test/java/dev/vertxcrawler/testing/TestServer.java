package dev.vertxcrawler.testing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process HTTP server on 127.0.0.1 (ephemeral port) that logs every request path it receives. */
public final class TestServer {
  private final Vertx vertx;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

  /** A request's URI and when it arrived (System.nanoTime / 1e6). */
  public record Arrival(String uri, long atMs) {
  }
  private HttpServer server;

  private TestServer(Vertx vertx) {
    this.vertx = vertx;
  }

  public static Future<TestServer> start(Vertx vertx, Handler<HttpServerRequest> handler) {
    return start(vertx, new HttpServerOptions(), handler);
  }

  public static Future<TestServer> start(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler) {
    TestServer test = new TestServer(vertx);
    test.server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0));
    return test.server.requestHandler(req -> {
      test.requests.add(req.uri());
      test.arrivals.add(new Arrival(req.uri(), System.nanoTime() / 1_000_000));
      handler.handle(req);
    }).listen().map(s -> test);
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public String origin() {
    return "http://127.0.0.1:" + port();
  }

  /** Request URIs (path and query) in arrival order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  public List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  public long count(String uri) {
    return requests.stream().filter(uri::equals).count();
  }

  public Future<Void> close() {
    return server.close();
  }
}
