package dev.vertxcrawler.testing;

import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.FrontierStores;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds crawls for tests: config from overrides, quiet log, output in a temp dir. */
public final class CrawlHarness {
  private CrawlHarness() {
  }

  /** Defaults plus {@code -s} style overrides; politeness delay 0 unless overridden. */
  public static CrawlConfig config(String... overrides) {
    List<String> all = new ArrayList<>(List.of("politeness.minDelayMs=0", "maxPages=0", "maxDepth=1000"));
    all.addAll(List.of(overrides));
    return ConfigLoader.fromJson("{}", "test", all);
  }

  public static CrawlerVerticle verticle(Vertx vertx, CrawlConfig config, Path out, List<String> seeds) {
    return verticle(vertx, config, out, new SeedSource(vertx, seeds, List.of()));
  }

  public static CrawlerVerticle verticle(Vertx vertx, CrawlConfig config, Path out, SeedSource seeds) {
    ConsoleLog log = new ConsoleLog(new PrintStream(OutputStream.nullOutputStream()), true);
    return new CrawlerVerticle(config, seeds, new CrawlOutput(vertx, out),
        FrontierStores.create(vertx, config, out, false), log);
  }

  /** What a finished crawl left: summary.json and pages.jsonl. */
  public record Result(JsonObject summary, List<JsonObject> pages) {
    /** The record whose URL ends with {@code suffix} (a path, usually), or null. */
    public JsonObject page(String suffix) {
      return pages.stream().filter(p -> p.getString("url").endsWith(suffix)).findFirst().orElse(null);
    }
  }

  /** Deploys a crawl, waits for it to finish, and reads its output — all without blocking. */
  public static io.vertx.core.Future<Result> crawl(Vertx vertx, CrawlConfig config, Path out, String... seeds) {
    CrawlerVerticle crawler = verticle(vertx, config, out, List.of(seeds));
    return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
        .compose(summary -> readPages(vertx, out).map(pages -> new Result(summary, pages)));
  }

  /** pages.jsonl read without blocking, for use inside event-loop callbacks. */
  public static io.vertx.core.Future<List<JsonObject>> readPages(Vertx vertx, Path out) {
    return vertx.fileSystem().readFile(out.resolve(CrawlOutput.PAGES_FILE).toString())
        .map(buffer -> buffer.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList());
  }

  /** summary.json read without blocking. */
  public static io.vertx.core.Future<JsonObject> readSummary(Vertx vertx, Path out) {
    return vertx.fileSystem().readFile(out.resolve(CrawlOutput.SUMMARY_FILE).toString()).map(JsonObject::new);
  }

  /** pages.jsonl as JSON objects; blocking read, so call it from the test thread only. */
  public static List<JsonObject> pages(Path out) {
    try {
      return Files.readAllLines(out.resolve(CrawlOutput.PAGES_FILE), StandardCharsets.UTF_8).stream()
          .map(JsonObject::new).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonObject summary(Path out) {
    try {
      return new JsonObject(Files.readString(out.resolve(CrawlOutput.SUMMARY_FILE), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
