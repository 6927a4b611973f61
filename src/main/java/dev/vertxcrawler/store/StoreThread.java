package dev.vertxcrawler.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The store's own thread: one ordered worker per crawl directory. Every JDBC call runs here, never on the
 * event loop, one at a time in the order asked, so the connection and its statements need no locking.
 */
final class StoreThread {
  private final Path dir;
  private final WorkerExecutor executor;
  private volatile boolean closing; // set on the caller's (event-loop) thread: nothing is queued behind close

  StoreThread(Vertx vertx, Path dir) {
    this.dir = dir;
    this.executor = vertx.createSharedWorkerExecutor("crawl-store-" + dir.toAbsolutePath(), 1);
  }

  /** {@code work} on the store thread, after everything asked before it; failed at once once closing. */
  <T> Future<T> run(Callable<T> work) {
    if (closing) {
      return Future.failedFuture(closed());
    }
    return executor.executeBlocking(work, true);
  }

  boolean isClosing() {
    return closing;
  }

  StoreException closed() {
    return new StoreException(dir + ": the crawl store is closed");
  }

  /** {@code last} is the final work: nothing may be queued after it, and the thread ends once it is done. */
  <T> Future<T> closeAfter(Future<T> last) {
    closing = true;
    return last.andThen(ar -> executor.close());
  }
}
