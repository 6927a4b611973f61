package dev.vertxcrawler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real store thread: what arrives while the thread is busy is committed in one group, and each
 * caller gets its own result on its own context, in the order submitted, or the group's failure.
 */
@ExtendWith(VertxExtension.class)
class GroupCommitterTest {

  @Test
  void itemsThatArriveWhileTheThreadIsBusyAreOneGroupAnsweredInOrderOnTheCallersContext(Vertx vertx,
      VertxTestContext ctx, @TempDir Path dir) {
    StoreThread thread = new StoreThread(vertx, dir);
    List<List<Integer>> groups = new ArrayList<>();
    GroupCommitter<Integer, String> committer = new GroupCommitter<>(vertx, thread, group -> {
      groups.add(group);
      return group.stream().map(i -> "committed " + i).toList();
    });
    CountDownLatch busy = new CountDownLatch(1);
    thread.run(() -> {
      busy.await(); // the store thread is busy until every item below is queued
      return null;
    });
    vertx.runOnContext(v -> {
      io.vertx.core.Context caller = vertx.getOrCreateContext();
      List<String> answered = new ArrayList<>();
      List<Future<String>> futures = IntStream.range(0, 10).mapToObj(i -> committer.submit(i)
          .onSuccess(r -> {
            ctx.verify(() -> assertEquals(caller, vertx.getOrCreateContext(), "answered on the caller's context"));
            answered.add(r);
          })).toList();
      busy.countDown();
      Future.all(futures).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), groups, "one group of ten");
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "committed " + i).toList(), answered, "in order");
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aGroupThatFailsFailsEachCallerWithItsError(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    StoreThread thread = new StoreThread(vertx, dir);
    GroupCommitter<Integer, String> committer = new GroupCommitter<>(vertx, thread, group -> {
      throw new java.sql.SQLException("disk full");
    });
    CountDownLatch busy = new CountDownLatch(1);
    thread.run(() -> {
      busy.await();
      return null;
    });
    vertx.runOnContext(v -> {
      List<Future<String>> futures = List.of(committer.submit(1), committer.submit(2), committer.submit(3));
      busy.countDown();
      Future.join(futures).onComplete(ar -> ctx.verify(() -> {
        for (Future<String> f : futures) {
          assertEquals("disk full", f.cause().getMessage());
        }
        ctx.completeNow();
      }));
    });
  }
}
