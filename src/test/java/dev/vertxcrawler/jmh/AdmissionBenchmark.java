package dev.vertxcrawler.jmh;

import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FinishReason;
import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.MemoryFrontierStore;
import dev.vertxcrawler.store.SqliteFrontierStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The frontier store per URL: admitting a page's 100 links (half of them new, half seen before — dedup),
 * and committing a finished page (state, record, links) — each with the memory and the SQLite store.
 * Results are per URL (admission) and per page (complete); SQLite's include the hop to the store thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdmissionBenchmark {
  static final int LINKS = 100;

  @Param({"memory", "sqlite"})
  public String kind;

  private Vertx vertx;
  private FrontierStore store;
  private Path dir;
  private long next;

  @Setup(Level.Iteration)
  public void open() throws Exception {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("jmh-store");
    store = kind.equals("memory") ? new MemoryFrontierStore(0)
        : new SqliteFrontierStore(vertx, dir, new JsonObject(), false, 0);
    await(store.open());
  }

  @TearDown(Level.Iteration)
  public void close() throws Exception {
    await(store.close(FinishReason.FINISHED, new JsonObject()));
    await(vertx.close());
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private List<CrawlTask> links() {
    List<CrawlTask> links = new ArrayList<>(LINKS);
    long base = next;
    next += LINKS / 2;
    for (int i = 0; i < LINKS; i++) {
      long n = i % 2 == 0 ? base + i / 2 : Math.max(0, base - 1 - i); // new, or seen on an earlier page
      String url = "http://127.0.0.1:8080/api/p" + n + ".html";
      links.add(new CrawlTask(url, "http://127.0.0.1:8080", 2, null, 0, CrawlTask.Kind.PAGE));
    }
    return links;
  }

  @Benchmark
  @OperationsPerInvocation(LINKS)
  public FrontierStore.Admitted admitPerUrl() throws Exception {
    return await(store.admit(links()));
  }

  @Benchmark
  public FrontierStore.Admitted completePerPage() throws Exception {
    List<CrawlTask> leased = await(store.lease("http://127.0.0.1:8080", 1));
    if (leased.isEmpty()) {
      await(store.admit(links()));
      leased = await(store.lease("http://127.0.0.1:8080", 1));
    }
    CrawlTask task = leased.get(0);
    JsonObject record = new JsonObject().put("url", task.url()).put("outcome", "fetched").put("status", 200)
        .put("bytes", 26_000).put("sha256", "ab".repeat(32)).put("title", "A page").put("elapsedMs", 3);
    return await(store.complete(task, FrontierStore.Outcome.DONE, record.encode(), links()));
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }
}
