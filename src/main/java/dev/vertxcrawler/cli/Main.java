package dev.vertxcrawler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar vertx-crawler.jar <command>}. */
@Command(name = "vertx-crawler", mixinStandardHelpOptions = true, version = "vertx-crawler 0.1.0",
    description = "A polite, fast, inspectable web crawler on Vert.x 5.",
    subcommands = {CrawlCommand.class, DemoCommand.class, DemoSiteCommand.class, ReportCommand.class, ServeCommand.class, ExportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit codes: 0 crawl completed (even with failed pages), 1 internal failure, 2 bad usage or config. */
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExitCodeExceptionMapper(e -> USAGE)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
