package dev.vertxcrawler.cli;

import dev.vertxcrawler.report.HtmlReport;
import dev.vertxcrawler.report.ReportQueries;
import dev.vertxcrawler.report.TerminalReport;
import dev.vertxcrawler.store.SqliteFrontierStore;
import dev.vertxcrawler.store.StoreException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Report on a crawl directory (finished or running): totals, statuses, errors, hosts, slowest,",
        "largest, duplicates, redirects, depths; changes since an earlier crawl. --broken: every broken link target",
        "with the pages linking to it."})
final class ReportCommand implements Callable<Integer> {
  enum Format { text, json }

  @Mixin
  CrawlSource source;

  private Path dir;

  @Option(names = "--broken", description = "Only the broken link targets, each with all of its referrers.")
  boolean broken;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--html", description = "Also (re)write DIR/report.html (with --store: ./report.html).")
  boolean html;

  @Option(names = "--since", paramLabel = "OTHER", description = {"Compare with the crawl in OTHER (an earlier crawl",
      "of the same site): changed, new and gone pages. Default: the crawl DIR was made --since, if any."})
  Path since;

  @Override
  public Integer call() {
    if (since != null
        && !java.nio.file.Files.isReadable(since.resolve(SqliteFrontierStore.DB_FILE))) {
      System.err.println("--since " + since + ": no readable crawl.db there — give the directory of an earlier crawl");
      return Main.USAGE;
    }
    try {
      dir = source.resolve();
      JsonObject report = ReportQueries.load(dir, html, since);
      if (html) {
        // A crawl read from a database has no directory of its own: its report.html goes in the working directory.
        System.err.println("wrote " + HtmlReport.write(source.fromStore() ? Path.of(".") : dir, report));
        report.remove("pages");
        report.remove("links");
        report.remove("pageColumns");
      }
      if (format == Format.json) {
        System.out.println((broken ? new JsonObject().put("broken", report.getJsonArray("broken")) : report)
            .encodePrettily());
      } else {
        System.out.print(broken ? TerminalReport.renderBroken(report) : TerminalReport.render(report));
      }
      System.out.flush();
      return Main.OK;
    } catch (StoreException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
  }
}
