package dev.vertxcrawler.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sample site bundled in the jar (src/main/resources/demo-site, written by scripts/gen-demo-site.py),
 * served on a loopback port so that {@code demo} needs no network. Besides the static files it has a
 * permanent redirect ({@code /old-guide/}) and a slow page ({@code /slow.html}); missing pages answer 404.
 */
public final class DemoSite {
  public static final long SLOW_PAGE_DELAY_MS = 1500;
  private static final String ROOT = "demo-site/";

  private final Vertx vertx;
  private Map<String, Buffer> files;
  private HttpServer server;

  public DemoSite(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Loads the files (on a worker thread) and listens on 127.0.0.1 at an ephemeral port. */
  public Future<Integer> start() {
    return start("127.0.0.1", 0);
  }

  /** Loads the files (on a worker thread) and listens on {@code host:port} (0 = any free port). */
  public Future<Integer> start(String host, int port) {
    return vertx.executeBlocking(DemoSite::loadFiles, false)
        .compose(loaded -> {
          files = loaded;
          server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
              .setCompressionSupported(true));
          return server.requestHandler(this::handle).listen();
        })
        .map(HttpServer::actualPort);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int fileCount() {
    return files.size();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/health")) { // for a container healthcheck; nothing links here
      send(request, 200, "text/plain; charset=utf-8", Buffer.buffer("ok\n"));
      return;
    }
    if (path.equals("/old-guide/") || path.equals("/old-guide")) {
      request.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "/guide/").end();
      return;
    }
    if (path.equals("/slow.html")) {
      vertx.setTimer(SLOW_PAGE_DELAY_MS, id -> send(request, 200, "text/html; charset=utf-8",
          Buffer.buffer("<!DOCTYPE html><title>Slow page</title><p>Worth the wait. <a href=\"/\">Home</a></p>")));
      return;
    }
    String key = path.endsWith("/") ? path.substring(1) + "index.html" : path.substring(1);
    Buffer body = files.get(key);
    if (body == null) {
      send(request, 404, "text/html; charset=utf-8",
          Buffer.buffer("<!DOCTYPE html><title>Not found</title><h1>404 Not found</h1>"));
      return;
    }
    send(request, 200, contentType(key), body);
  }

  private static void send(HttpServerRequest request, int status, String contentType, Buffer body) {
    request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }

  private static String contentType(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (p.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (p.endsWith(".csv")) {
      return "text/csv; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
  }

  private static Map<String, Buffer> loadFiles() {
    Map<String, Buffer> loaded = new HashMap<>();
    String manifest = new String(read("manifest.txt"), StandardCharsets.UTF_8);
    for (String name : manifest.split("\n")) {
      if (!name.isBlank()) {
        loaded.put(name.trim(), Buffer.buffer(read(name.trim())));
      }
    }
    return loaded;
  }

  private static byte[] read(String name) {
    try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("demo site file missing from the jar: " + ROOT + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
