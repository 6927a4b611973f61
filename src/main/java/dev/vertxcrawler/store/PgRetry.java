package dev.vertxcrawler.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Calls to a database that may be away for a while (restarted, failed over, cut off): a call that fails for a
 * reason that passes — the connection, the server shutting down or starting up, a deadlock or serialization
 * failure — is made again after a backoff (0.25 s doubling to 8 s), for as long as the store is open. Every
 * other failure (a bug, a constraint) is the caller's. Event-loop only: the backoff is a timer.
 */
final class PgRetry {
  static final long FIRST_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 8_000;

  private final Vertx vertx;
  private final BooleanSupplier open;
  private final Consumer<Throwable> onTrouble;
  private final Runnable onBack;
  private boolean troubled;

  /**
   * @param open      retries stop once this is false (the store closed): the last failure is the caller's
   * @param onTrouble the first transient failure after a success (to say so on stderr and in /status)
   * @param onBack    the first success after a transient failure
   */
  PgRetry(Vertx vertx, BooleanSupplier open, Consumer<Throwable> onTrouble, Runnable onBack) {
    this.vertx = vertx;
    this.open = open;
    this.onTrouble = onTrouble;
    this.onBack = onBack;
  }

  /** The call, made again after each transient failure until it succeeds or the store closes. */
  <T> Future<T> call(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    attempt(call, promise, FIRST_BACKOFF_MS);
    return promise.future();
  }

  /** Whether the database is being retried now (a transient failure and no success since). */
  boolean troubled() {
    return troubled;
  }

  /** A call made outside {@link #call} got through. */
  void succeeded() {
    if (troubled) {
      troubled = false;
      onBack.run();
    }
  }

  /** A call made outside {@link #call} failed; a transient failure is reported once. */
  void failed(Throwable err) {
    if (isTransient(err) && !troubled && open.getAsBoolean()) {
      troubled = true;
      onTrouble.accept(err);
    }
  }

  private <T> void attempt(Supplier<Future<T>> call, Promise<T> promise, long backoffMs) {
    call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        succeeded();
        promise.complete(ar.result());
      } else if (isTransient(ar.cause()) && open.getAsBoolean()) {
        failed(ar.cause());
        vertx.setTimer(backoffMs, id -> attempt(call, promise, Math.min(MAX_BACKOFF_MS, backoffMs * 2)));
      } else {
        promise.fail(ar.cause());
      }
    });
  }

  /** A failure that passes with time: the connection, the server going or coming, a deadlock. */
  static boolean isTransient(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof ClosedConnectionException || t instanceof java.io.IOException) { // ConnectException too
        return true;
      }
      if (t instanceof DatabaseException db) {
        String state = db.getSqlState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
            || state.equals("40001") || state.equals("40P01"));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
