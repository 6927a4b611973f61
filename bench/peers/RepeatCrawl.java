import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The same crawl N times in one JVM: how fast a crawl is once the JIT has compiled it, against the cold start
 * every `bin/vertx-crawler crawl` pays. The difference is the JVM's warm-up tax, not the crawler's work.
 *
 * <p>Run: {@code java <flags> -cp target/vertx-crawler.jar bench/peers/RepeatCrawl.java N OUT_PARENT crawl ARGS…}
 * — ARGS are the crawl command's arguments without {@code --out}; run i writes OUT_PARENT/run-i (deleted first).
 * Prints one line per run: {@code repeat-crawl run=I exit=E wall_s=W cpu_s=C} (CPU: the whole process, all
 * threads, the JIT compilers included).
 */
public class RepeatCrawl {
  public static void main(String[] args) throws Exception {
    if (args.length < 3 || !args[2].equals("crawl")) {
      System.err.println("usage: java -cp vertx-crawler.jar RepeatCrawl.java N OUT_PARENT crawl ARGS...");
      System.exit(2);
    }
    int runs = Integer.parseInt(args[0]);
    Path parent = Path.of(args[1]);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 1; i <= runs; i++) {
      Path out = parent.resolve("run-" + i);
      delete(out);
      List<String> crawl = new ArrayList<>(List.of(args).subList(2, args.length));
      crawl.add("--out");
      crawl.add(out.toString());
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      int exit = new CommandLine(new dev.vertxcrawler.cli.Main()).execute(crawl.toArray(String[]::new));
      System.out.printf(java.util.Locale.ROOT, "repeat-crawl run=%d exit=%d wall_s=%.2f cpu_s=%.2f%n", i, exit,
          (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
    }
    System.exit(0); // the crawl leaves no non-daemon thread behind, but say so
  }

  private static void delete(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
