package dev.vertxcrawler.cli;

import dev.vertxcrawler.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point: {@code java -jar vertx-crawler.jar <command>}. */
@Command(name = "vertx-crawler", mixinStandardHelpOptions = true, version = Version.NAME + " " + Version.NUMBER,
    description = "A polite, fast, inspectable web crawler on Vert.x 5.",
    subcommands = {CrawlCommand.class, DemoCommand.class, DemoSiteCommand.class, ReportCommand.class, ServeCommand.class, ExportCommand.class,
        ConfigCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit codes: 0 crawl completed (even with failed pages), 1 internal failure, 2 bad usage or config. */
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;

  /** Netty's JFR events for its buffer allocator (on by default), unless the user asked for them. */
  static final String NETTY_JFR = "io.netty.jfr.enabled";

  public static void main(String[] args) {
    // Registering those events loads JFR's machinery (114 jdk.jfr classes) on the first buffer allocation, on the
    // event loop before the first request: a one-page crawl, 12 alternating runs, median 1.10 -> 1.06 s, CPU
    // 1.81 -> 1.73 s. They only matter to someone recording JFR, who can set -Dio.netty.jfr.enabled=true.
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
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
