import dev.vertxcrawler.parse.PageParser;
import dev.vertxcrawler.parse.ParsedPage;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * PageParser's default engine (jsoup's tokeniser, no DOM) against its fallback (jsoup's full DOM) on every
 * {@code *.html} file under DIR: the same ParsedPage (title, links, counts, robots meta, canonical) or not.
 *
 * <p>Run: {@code java -cp target/vertx-crawler.jar bench/peers/ParseEnginesDiff.java DIR [BASE_URL]} (the page
 * URL is BASE_URL, default {@code http://127.0.0.1/}, plus the file's path under DIR; the charset is left to the
 * page, as when a server sends none). Prints up to 5 differing pages and
 * {@code parse-engines pages=N differing=D}; exits 1 when D > 0.
 */
public class ParseEnginesDiff {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java -cp vertx-crawler.jar ParseEnginesDiff.java DIR [BASE_URL]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath().normalize();
    String base = args.length > 1 ? args[1] : "http://127.0.0.1/";
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".html") && Files.isRegularFile(p)).sorted().toList();
    }
    int differing = 0;
    for (Path file : files) {
      byte[] body = Files.readAllBytes(file);
      String url = base + dir.relativize(file).toString().replace('\\', '/');
      ParsedPage tokens = PageParser.parse(body, null, url, PageParser.DEFAULT_MAX_OUTLINKS);
      ParsedPage dom = PageParser.parseDom(body, null, url, PageParser.DEFAULT_MAX_OUTLINKS);
      if (!tokens.equals(dom)) {
        if (++differing <= 5) {
          System.out.println(file + "\n  tokens: " + tokens + "\n  dom:    " + dom);
        }
      }
    }
    System.out.println("parse-engines pages=" + files.size() + " differing=" + differing);
    System.exit(differing == 0 ? 0 : 1);
  }
}
