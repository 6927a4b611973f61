package dev.vertxcrawler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code crawl} and {@code demo}. */
final class CrawlOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (default: none; every key has a default).")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: config 'output', else crawls/<UTC timestamp>).")
  Path out;

  @Option(names = "-s", paramLabel = "KEY=VALUE", description = "Override one config key, e.g. -s politeness.minDelayMs=500. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--config-changed-ok",
      description = "Resume a crawl directory even though the config differs from the one it started with.")
  boolean configChangedOk;

  @Option(names = "--stay-up",
      description = {"After the crawl ends, keep the process and its status server up until SIGTERM/SIGINT",
          "(then exit 0); on a directory whose crawl already finished, serve its status instead of refusing.",
          "For containers with restart: unless-stopped."})
  boolean stayUp;

  @Option(names = {"-q", "--quiet"}, description = "No log line per page; warnings and the summary still print.")
  boolean quiet;
}
