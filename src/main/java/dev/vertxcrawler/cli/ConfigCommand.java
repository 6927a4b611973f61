package dev.vertxcrawler.cli;

import dev.vertxcrawler.config.ConfigException;
import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.CrawlConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Check a config file and -s overrides without crawling, and print the effective config: every",
        "key with the value a crawl would use (defaults included; secrets masked as in crawl.db)."})
final class ConfigCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (default: none).")
  Path config;

  @Option(names = "-s", paramLabel = "KEY=VALUE", description = "Override one config key. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    try {
      CrawlConfig loaded = ConfigLoader.load(config, overrides);
      System.out.println(loaded.effective().encodePrettily());
      return Main.OK;
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
  }
}
