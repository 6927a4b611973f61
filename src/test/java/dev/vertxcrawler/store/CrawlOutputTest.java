package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** pages.jsonl is written in batches: every line arrives, in order, and a lone line does not wait for close. */
@ExtendWith(VertxExtension.class)
class CrawlOutputTest {

  @Test
  void aLineReachesTheFileWhileTheCrawlIsStillRunning(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    CrawlOutput output = new CrawlOutput(vertx, dir);
    Context context = vertx.getOrCreateContext();
    String pages = dir.resolve(CrawlOutput.PAGES_FILE).toString();
    context.runOnContext(go -> output.open().onComplete(ctx.succeeding(v -> {
      output.writePage(new JsonObject().put("url", "http://127.0.0.1/one").encode());
      // Far below BATCH_BYTES: only the batch timer can write it. Poll the file until it holds the line.
      // Reads can overlap (a slow one still in flight when the next tick fires): close only once.
      AtomicBoolean seen = new AtomicBoolean();
      vertx.setPeriodic(10, id -> vertx.fileSystem().readFile(pages).onSuccess(bytes -> {
        if (bytes.toString().equals("{\"url\":\"http://127.0.0.1/one\"}\n") && seen.compareAndSet(false, true)) {
          vertx.cancelTimer(id);
          output.close(new JsonObject()).onComplete(ctx.succeedingThenComplete());
        }
      }));
    })));
  }

  @Test
  void everyLineArrivesInOrderAcrossManyBatches(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    CrawlOutput output = new CrawlOutput(vertx, dir);
    int records = 5_000; // ~400 KB: several full batches and a partial one written by close
    Context context = vertx.getOrCreateContext();
    context.runOnContext(go -> output.open()
        .compose(v -> {
          for (int i = 0; i < records; i++) {
            output.writePage(new JsonObject().put("url", "http://127.0.0.1/p" + i).put("title", "é \"x\" " + i).encode());
          }
          return output.close(new JsonObject().put("finishReason", "finished"));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          List<String> lines = Files.readAllLines(dir.resolve(CrawlOutput.PAGES_FILE), StandardCharsets.UTF_8);
          assertEquals(records, lines.size());
          for (int i = 0; i < records; i++) {
            JsonObject line = new JsonObject(lines.get(i));
            assertEquals("http://127.0.0.1/p" + i, line.getString("url"));
            assertEquals("é \"x\" " + i, line.getString("title"));
          }
          assertTrue(Files.readString(dir.resolve(CrawlOutput.SUMMARY_FILE)).contains("finished"));
          ctx.completeNow();
        }))));
  }
}
