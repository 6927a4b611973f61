// SyntheticWeb.java — a deterministic synthetic web site generated on the fly, for the store benchmarks.
//
// Usage: java bench/SyntheticWeb.java PORT N [FANOUT] [THREADS]
//   PORT    TCP port on 127.0.0.1 (0 = any free port; the chosen one is printed)
//   N       number of pages: /p/0 … /p/(N-1), all reachable from /p/0
//   FANOUT  children per page (default 100): page i links to i*FANOUT+1 … i*FANOUT+FANOUT (those < N), so the
//           pages form a FANOUT-ary tree and a breadth-first crawl that fetched k pages has seen ~k*FANOUT URLs
//   THREADS server threads (default 4)
//
// /p/i is an HTML page of ~5 KB: a <title>, its child links, a link to its parent and one to /p/0 (links
// back, so every page also yields duplicates), and precomputed filler text. Anything else — /robots.txt and
// /sitemap.xml included — is a 404. /__stats (for the benchmark script, never linked) answers
// "pages=<200s served> notfound=<404s served>". JDK only (com.sun.net.httpserver); listens on 127.0.0.1 only.
// Prints "listening on http://127.0.0.1:PORT/" to stdout once ready.

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

public final class SyntheticWeb {
  private static final byte[] NOT_FOUND = "<!doctype html><title>404</title><p>not found</p>\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static final String FILLER = filler(2600);

  private final long n;
  private final int fanout;
  private final LongAdder pages = new LongAdder();
  private final LongAdder notFound = new LongAdder();

  private SyntheticWeb(long n, int fanout) {
    this.n = n;
    this.fanout = fanout;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java SyntheticWeb.java PORT N [FANOUT] [THREADS]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    long n = Long.parseLong(args[1]);
    int fanout = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    if (n < 1 || fanout < 1 || threads < 1) {
      System.err.println("N, FANOUT and THREADS must be >= 1");
      System.exit(2);
    }
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per
    // keep-alive request. Read once, when the server classes load, so it is set before HttpServer.create.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    SyntheticWeb site = new SyntheticWeb(n, fanout);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1024);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    server.setExecutor(pool);
    server.createContext("/", site::handle);
    server.start();
    System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + "/");
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      pool.shutdownNow();
    }));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getRawPath();
      if ("/__stats".equals(path)) {
        send(ex, 200, "text/plain; charset=utf-8",
            ("pages=" + pages.sum() + " notfound=" + notFound.sum() + "\n").getBytes(StandardCharsets.US_ASCII));
        return;
      }
      long id = pageId(path);
      if (id < 0 || !"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        notFound.increment();
        send(ex, 404, "text/html; charset=utf-8", NOT_FOUND);
        return;
      }
      pages.increment();
      send(ex, 200, "text/html; charset=utf-8", page(id));
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The page number in "/p/123", or -1 when the path is no page of this site (leading zeros included). */
  private long pageId(String path) {
    if (path == null || !path.startsWith("/p/") || path.length() == 3 || path.length() > 22) {
      return -1;
    }
    long id = 0;
    for (int i = 3; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < '0' || c > '9' || (i == 3 && c == '0' && path.length() > 4)) {
        return -1;
      }
      id = id * 10 + (c - '0');
    }
    return id < n ? id : -1;
  }

  private byte[] page(long id) {
    StringBuilder sb = new StringBuilder(6000);
    sb.append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Synthetic page ").append(id)
        .append("</title></head>\n<body>\n<h1>Page ").append(id).append("</h1>\n<nav>");
    if (id > 0) {
      sb.append("<a href=\"/p/").append((id - 1) / fanout).append("\">parent</a> <a href=\"/p/0\">home</a>");
    } else {
      sb.append("<a href=\"/p/0\">home</a>");
    }
    sb.append("</nav>\n<ul>\n");
    long first = id * fanout + 1;
    for (long c = first; c < first + fanout && c < n && c > 0; c++) {
      sb.append("<li><a href=\"/p/").append(c).append("\">child ").append(c).append("</a></li>\n");
    }
    sb.append("</ul>\n<p>");
    // Filler up to ~5 KB in all; the offset varies so pages do not all share one body hash.
    int want = Math.max(200, 5000 - sb.length());
    int off = (int) (id % 97);
    sb.append(FILLER, off, Math.min(FILLER.length(), off + want));
    sb.append("</p>\n</body></html>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String filler(int length) {
    String[] words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut "
        + "labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi "
        + "aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum")
        .split(" ");
    StringBuilder sb = new StringBuilder(length + 5200);
    for (int i = 0; sb.length() < length + 5100; i++) {
      sb.append(words[(i * 7 + i / words.length) % words.length]).append(i % 17 == 16 ? ". " : " ");
    }
    return sb.toString();
  }
}
