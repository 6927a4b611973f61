package dev.vertxcrawler.cli;

import dev.vertxcrawler.demo.DemoSite;
import dev.vertxcrawler.store.SqliteFrontierStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Serve the sample site bundled in the jar on a loopback port and crawl it — no network needed.",
        "Uses the default config with the per-host delay scaled down (politeness.minDelayMs=50, maxDepth=10);",
        "-s overrides still apply on top."})
final class DemoCommand implements Callable<Integer> {
  static final List<String> DEMO_OVERRIDES = List.of("politeness.minDelayMs=50", "maxDepth=10");

  @Mixin
  CrawlOptions options = new CrawlOptions();

  @Override
  public Integer call() {
    List<String> overrides = new ArrayList<>(DEMO_OVERRIDES);
    overrides.addAll(options.overrides);
    options.overrides = overrides;
    // A resumed demo crawl serves the site on the port its queued URLs name (a new port would fail them all).
    int port = options.out == null ? 0 : earlierPort(options.out);
    return CrawlRunner.run(options, List.of(), List.of(), vertx -> new DemoSite(vertx).start("127.0.0.1", port)
        .map(bound -> "http://127.0.0.1:" + bound + "/"));
  }

  /** The demo site's port in a crawl directory's store, or 0 (any port) when there is none. Main thread. */
  static int earlierPort(java.nio.file.Path out) {
    java.nio.file.Path db = out.resolve(SqliteFrontierStore.DB_FILE);
    if (!java.nio.file.Files.isRegularFile(db)) {
      return 0;
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath()
            + "?mode=ro");
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT url FROM urls ORDER BY id LIMIT 1")) {
      return rs.next() ? Math.max(0, java.net.URI.create(rs.getString(1)).getPort()) : 0;
    } catch (java.sql.SQLException | IllegalArgumentException e) {
      return 0; // not readable here: the crawl itself will say what is wrong with the directory
    }
  }
}
