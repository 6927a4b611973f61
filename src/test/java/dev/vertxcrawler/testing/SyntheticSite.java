package dev.vertxcrawler.testing;

import io.vertx.core.http.HttpServerRequest;

/**
 * A generated site of {@code pages} pages: /p/0 … /p/(n-1). Page i links to pages 2i+1 and 2i+2 (a binary
 * tree, so every page is reachable) and to a few earlier pages (duplicates for the dedup path).
 */
public final class SyntheticSite {
  private SyntheticSite() {
  }

  public static void handle(HttpServerRequest request, int pages) {
    String path = request.path();
    if (!path.startsWith("/p/")) {
      request.response().setStatusCode(404).end();
      return;
    }
    int i;
    try {
      i = Integer.parseInt(path.substring(3));
    } catch (NumberFormatException e) {
      request.response().setStatusCode(404).end();
      return;
    }
    if (i < 0 || i >= pages) {
      request.response().setStatusCode(404).end();
      return;
    }
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>Page ").append(i)
        .append("</title></head><body>");
    for (int child : new int[] {2 * i + 1, 2 * i + 2, i / 2, i / 3, 0}) {
      if (child < pages) {
        html.append("<a href=\"/p/").append(child).append("\">page ").append(child).append("</a> ");
      }
    }
    html.append("</body></html>");
    request.response().putHeader("content-type", "text/html; charset=utf-8").end(html.toString());
  }
}
