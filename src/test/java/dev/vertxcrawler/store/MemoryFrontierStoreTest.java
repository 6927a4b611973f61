package dev.vertxcrawler.store;

import dev.vertxcrawler.frontier.FrontierStore;
import dev.vertxcrawler.frontier.MemoryFrontierStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** The FrontierStore contract in memory (store.kind=memory). */
class MemoryFrontierStoreTest extends FrontierStoreContract {
  @Override
  FrontierStore store(Vertx vertx, Path dir, int budget) {
    return new MemoryFrontierStore(budget);
  }

  @Override
  boolean keepsRecords() {
    return false;
  }
}
