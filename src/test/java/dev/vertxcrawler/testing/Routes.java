package dev.vertxcrawler.testing;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/** A tiny router for test sites: exact paths to handlers, HTML pages by path, 404 for the rest. */
public final class Routes implements Handler<HttpServerRequest> {
  private final Map<String, Handler<HttpServerRequest>> routes = new HashMap<>();

  public Routes on(String path, Handler<HttpServerRequest> handler) {
    routes.put(path, handler);
    return this;
  }

  /** An HTML page at {@code path} linking to {@code links}. */
  public Routes page(String path, String... links) {
    return on(path, req -> req.response().putHeader("content-type", "text/html; charset=utf-8").end(html(links)));
  }

  public Routes text(String path, String body) {
    return on(path, req -> req.response().putHeader("content-type", "text/plain").end(body));
  }

  public static String html(String... links) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><title>t</title></head><body>");
    for (String link : links) {
      b.append("<a href=\"").append(link).append("\">").append(link).append("</a> ");
    }
    return b.append("</body></html>").toString();
  }

  @Override
  public void handle(HttpServerRequest req) {
    Handler<HttpServerRequest> handler = routes.get(req.path());
    if (handler != null) {
      handler.handle(req);
    } else {
      req.response().setStatusCode(404).end();
    }
  }
}
