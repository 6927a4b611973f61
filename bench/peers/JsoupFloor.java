import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The jsoup-parse-only floor for bench/peer-compare.sh: how fast can this machine parse the site's pages and take
 * their links, with no network, no frontier and no store at all?
 *
 * <p>Run: {@code java -cp target/vertx-crawler.jar bench/peers/JsoupFloor.java DIR [THREADS] [BASE_URL]}
 * (the shaded jar carries jsoup). Every {@code *.html} file under DIR (symbolic links followed) is read from disk
 * and parsed with {@code Jsoup.parse(stream, null, url)} (charset from a BOM or {@code <meta charset>}, else UTF-8,
 * as the crawler does when the server sends none), then every {@code a[href]}'s raw value is taken — a DOM per page
 * and its links, nothing more (resolving them with jsoup's {@code absUrl} would double the time: not a floor). The
 * page URL is BASE_URL (default {@code http://127.0.0.1/}) plus the file's path under DIR. THREADS (default 2)
 * threads share one list. One untimed pass warms the JIT and the page cache; the second pass is timed. With
 * {@code COLD=1} there is no warm-up pass: the parse as a crawl meets it, on a JVM that has just started.
 *
 * <p>Prints one line: {@code jsoup-floor files=N bytes=B links=L seconds=S pages_per_s=P threads=T jsoup=V}.
 */
public class JsoupFloor {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java -cp vertx-crawler.jar JsoupFloor.java DIR [THREADS] [BASE_URL]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath().normalize();
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    String base = args.length > 2 ? args[2] : "http://127.0.0.1/";
    if (!base.endsWith("/")) {
      base += "/";
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      s.filter(p -> p.getFileName().toString().endsWith(".html") && Files.isRegularFile(p))
          .sorted()
          .forEach(files::add);
    }
    if (files.isEmpty()) {
      System.err.println("no .html files under " + dir);
      System.exit(2);
    }
    String[] urls = new String[files.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = base + dir.relativize(files.get(i)).toString().replace('\\', '/');
    }

    if (System.getenv("COLD") == null) {
      pass(files, urls, threads);                  // warm-up, untimed
    }
    long t0 = System.nanoTime();
    long[] r = pass(files, urls, threads);
    double secs = (System.nanoTime() - t0) / 1e9;

    System.out.printf(java.util.Locale.ROOT,
        "jsoup-floor files=%d bytes=%d links=%d seconds=%.3f pages_per_s=%.1f threads=%d jsoup=%s%n",
        files.size(), r[0], r[1], secs, files.size() / secs, threads, jsoupVersion());
  }

  /** jsoup's version from its Maven metadata (the shaded jar keeps it; its manifest is the crawler's). */
  static String jsoupVersion() {
    try (var in = Jsoup.class.getResourceAsStream("/META-INF/maven/org.jsoup/jsoup/pom.properties")) {
      if (in != null) {
        var props = new java.util.Properties();
        props.load(in);
        return props.getProperty("version", "?");
      }
    } catch (IOException e) {
      // fall through
    }
    String v = Jsoup.class.getPackage().getImplementationVersion();
    return v != null ? v : "?";
  }

  /** One pass over all files with THREADS threads; returns {bytes read, absolute links found}. */
  static long[] pass(List<Path> files, String[] urls, int threads) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    AtomicLong links = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] = new Thread(() -> {
        long b = 0;
        long l = 0;
        for (int i; (i = next.getAndIncrement()) < files.size(); ) {
          try {
            byte[] body = Files.readAllBytes(files.get(i));
            b += body.length;
            Document doc = Jsoup.parse(new ByteArrayInputStream(body), null, urls[i]);
            for (Element a : doc.select("a[href]")) {
              if (!a.attr("href").isEmpty()) {
                l++;
              }
            }
          } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            System.err.println(files.get(i) + ": " + e);
          }
        }
        bytes.addAndGet(b);
        links.addAndGet(l);
      }, "parse-" + t);
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    if (failures.get() > 0) {
      System.err.println(failures.get() + " files failed");
    }
    return new long[] {bytes.get(), links.get()};
  }
}
