package dev.vertxcrawler.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit: items that arrive while the store thread is busy wait in a queue and the next drain commits up
 * to {@link #MAX_GROUP} of them in one transaction. Each caller's future still completes only after its own
 * item is committed, so the durability contract is unchanged, but a busy crawl pays one WAL sync and one write
 * of each touched index page per group instead of per item.
 *
 * @param <I> what one caller commits
 * @param <R> what that caller gets back
 */
final class GroupCommitter<I, R> {
  static final int MAX_GROUP = 64;

  /** Commits a whole group in one transaction, answering one result per item in order; store thread. */
  interface Batch<I, R> {
    List<R> commit(List<I> group) throws Exception;
  }

  /** One caller's item; it is answered on its own context, not on the store thread. */
  private record Pending<I, R>(I item, Context caller, Promise<R> promise) {
    void answer(R result, Throwable failure) {
      caller.runOnContext(v -> {
        if (failure != null) {
          promise.fail(failure);
        } else {
          promise.complete(result);
        }
      });
    }
  }

  private final Vertx vertx;
  private final StoreThread thread;
  private final Batch<I, R> batch;
  private final ConcurrentLinkedQueue<Pending<I, R>> pending = new ConcurrentLinkedQueue<>(); // any thread
  private final AtomicBoolean drainScheduled = new AtomicBoolean(); // any thread: set by a caller, cleared by the drain

  GroupCommitter(Vertx vertx, StoreThread thread, Batch<I, R> batch) {
    this.vertx = vertx;
    this.thread = thread;
    this.batch = batch;
  }

  /** Queues {@code item}; the future completes, on the caller's context, once it is committed. */
  Future<R> submit(I item) {
    if (thread.isClosing()) {
      return Future.failedFuture(thread.closed());
    }
    Promise<R> promise = Promise.promise();
    pending.add(new Pending<>(item, vertx.getOrCreateContext(), promise));
    if (drainScheduled.compareAndSet(false, true)) {
      thread.run(this::drain).onFailure(e -> { // the drain never ran: answer what waits for it
        drainScheduled.set(false);
        Pending<I, R> waiting;
        while ((waiting = pending.poll()) != null) {
          waiting.answer(null, e);
        }
      });
    }
    return promise.future();
  }

  /** Store thread: commits what is pending, a group at a time, then answers each caller. */
  private Void drain() {
    drainScheduled.set(false); // from here on a new item schedules the next drain
    List<Pending<I, R>> group = new ArrayList<>();
    Pending<I, R> next;
    while ((next = pending.poll()) != null) {
      group.add(next);
      if (group.size() == MAX_GROUP) {
        commit(group);
        group = new ArrayList<>();
      }
    }
    if (!group.isEmpty()) {
      commit(group);
    }
    return null;
  }

  private void commit(List<Pending<I, R>> group) {
    List<R> results;
    try {
      results = batch.commit(group.stream().map(Pending::item).toList());
    } catch (Exception e) {
      group.forEach(p -> p.answer(null, e));
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).answer(results.get(i), null);
    }
  }
}
