package dev.vertxcrawler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "crawl", mixinStandardHelpOptions = true,
    description = {"Crawl from seed URLs, writing pages.jsonl and summary.json into the output directory.",
        "Seeds: every *.txt file in the seeds directory, plus --seeds FILE and --seed URL."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:crawl completed (even when pages failed)", "1:internal failure", "2:bad usage, config or seeds"})
final class CrawlCommand implements Callable<Integer> {
  @Mixin
  CrawlOptions options = new CrawlOptions();

  @Option(names = "--seeds", paramLabel = "FILE", description = "A seed file: one URL per line, # comments. Repeatable.")
  List<Path> seedFiles = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "URL", description = "A seed URL. Repeatable.")
  List<String> seedUrls = new ArrayList<>();

  @Option(names = "--seeds-dir", paramLabel = "DIR", defaultValue = "seeds",
      description = "Directory whose *.txt files are read as seed files if it exists (default: ${DEFAULT-VALUE}).")
  Path seedsDir;

  @Option(names = "--since", paramLabel = "DIR",
      description = {"Recrawl: ask for each page with the ETag/Last-Modified an earlier crawl in DIR recorded;",
          "an unchanged page (304) is not downloaded again and its links are taken from that crawl.",
          "Same as -s since=DIR."})
  Path since;

  @Override
  public Integer call() {
    List<Path> files = new ArrayList<>();
    try {
      files.addAll(seedDirFiles(seedsDir));
    } catch (IOException e) {
      System.err.println(seedsDir + ": cannot list seed files (" + e.getMessage() + ")");
      return Main.USAGE;
    }
    files.addAll(seedFiles);
    if (since != null) {
      options.overrides.add("since=" + since.toAbsolutePath().normalize()); // found again from any directory
    }
    return CrawlRunner.run(options, seedUrls, files, null);
  }

  static List<Path> seedDirFiles(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
    }
  }
}
