package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SeedSourceTest {
  @Test
  void commentsAndBlankLinesAreSkippedAndSourcesAreNamed(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("seeds.txt");
    Files.writeString(file, "# a comment\n\nhttp://a.example/\n   \n  http://b.example/  \n");
    SeedSource seeds = new SeedSource(vertx, List.of("http://inline.example/"), List.of(file));
    seeds.next(10).onComplete(ctx.succeeding(batch -> ctx.verify(() -> {
      assertEquals(List.of("http://inline.example/", "http://a.example/", "http://b.example/"),
          batch.stream().map(SeedSource.Seed::url).toList());
      assertEquals(file + ":5", batch.get(2).source());
      assertTrue(seeds.exhausted());
      ctx.completeNow();
    })));
  }
}
