import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow web for bench/cluster-scale.sh: H hosts (origins 127.0.0.1:PORT, one port each) of P pages, every
 * response held back DELAY ms by a timer — the latency of a real site, without a thread sleeping on either side.
 *
 * <p>Host i: /robots.txt allows all; /p/0.html links to /p/1..P-1 of its own host and to /p/0.html of hosts
 * i+1 and i+37; /p/N.html links back to /p/0.html and on to /p/N+1. Every page is about 1 KB.
 *
 * <p>Run with the crawler's jar on the class path (it holds Vert.x):
 * {@code java -cp target/vertx-crawler.jar bench/SlowWeb.java DELAY_MS PAGES PORTS_FILE CONTROL_PORT}. PORTS_FILE
 * holds one port per line; once every port listens, "ready" goes to stdout. GET http://127.0.0.1:CONTROL_PORT/
 * answers (at once) the number of page requests served so far.
 */
public final class SlowWeb {
  public static void main(String[] args) throws Exception {
    long delayMs = Long.parseLong(args[0]);
    int pages = Integer.parseInt(args[1]);
    List<Integer> ports = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[2]))) {
      if (!line.isBlank()) {
        ports.add(Integer.parseInt(line.trim()));
      }
    }
    int controlPort = Integer.parseInt(args[3]);
    Vertx vertx = Vertx.vertx();
    AtomicLong requests = new AtomicLong();
    List<Future<?>> listening = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      int host = i;
      listening.add(vertx.createHttpServer().requestHandler(req -> {
        String body = body(req, host, ports, pages);
        if (req.path().startsWith("/p/")) {
          requests.incrementAndGet();
        }
        vertx.setTimer(delayMs, t -> {
          if (body == null) {
            req.response().setStatusCode(404).end();
          } else {
            req.response().putHeader("content-type", req.path().endsWith(".txt") ? "text/plain" : "text/html")
                .end(body);
          }
        });
      }).listen(ports.get(i), "127.0.0.1"));
    }
    listening.add(vertx.createHttpServer().requestHandler(req -> req.response().end(requests.get() + "\n"))
        .listen(controlPort, "127.0.0.1"));
    Future.all(listening).onComplete(ar -> {
      if (ar.failed()) {
        System.err.println("SlowWeb: " + ar.cause());
        System.exit(2);
      }
      System.out.println("ready");
    });
  }

  private static String body(HttpServerRequest req, int host, List<Integer> ports, int pages) {
    String path = req.path();
    if (path.equals("/robots.txt")) {
      return "User-agent: *\nAllow: /\n";
    }
    if (!path.startsWith("/p/") || !path.endsWith(".html")) {
      return null;
    }
    int page;
    try {
      page = Integer.parseInt(path.substring(3, path.length() - 5));
    } catch (NumberFormatException e) {
      return null;
    }
    if (page < 0 || page >= pages) {
      return null;
    }
    StringBuilder html = new StringBuilder("<!doctype html><title>host ").append(host).append(" page ").append(page)
        .append("</title>\n");
    List<String> links = new ArrayList<>();
    if (page == 0) {
      for (int q = 1; q < pages; q++) {
        links.add("/p/" + q + ".html");
      }
      int n = ports.size();
      links.add("http://127.0.0.1:" + ports.get((host + 1) % n) + "/p/0.html");
      links.add("http://127.0.0.1:" + ports.get((host + 37) % n) + "/p/0.html");
    } else {
      links.add("/p/0.html");
      links.add("/p/" + ((page + 1) % pages) + ".html");
    }
    for (String link : links) {
      html.append("<a href=\"").append(link).append("\">").append(link).append("</a>\n");
    }
    // Filler to about 1 KB, as a small real page would weigh.
    html.append("<p>").append("slow web ".repeat(Math.max(0, (1024 - html.length()) / 9))).append("</p>\n");
    return html.toString();
  }
}
