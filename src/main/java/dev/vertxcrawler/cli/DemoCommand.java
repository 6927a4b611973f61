package dev.vertxcrawler.cli;

import dev.vertxcrawler.demo.DemoSite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    return CrawlRunner.run(options, List.of(), List.of(), vertx -> new DemoSite(vertx).start()
        .map(port -> "http://127.0.0.1:" + port + "/"));
  }
}
