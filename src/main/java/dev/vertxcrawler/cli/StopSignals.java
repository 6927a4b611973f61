package dev.vertxcrawler.cli;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM for a running crawl: the first starts a graceful stop, a second halts the JVM at once
 * (the store is transactional, so even that leaves a resumable directory). Uses {@code sun.misc.Signal}
 * (module jdk.unsupported) because shutdown hooks cannot tell a second signal from the first.
 */
final class StopSignals {
  private volatile String received;
  private final java.util.concurrent.CountDownLatch signalled = new java.util.concurrent.CountDownLatch(1);

  void install(Runnable gracefulStop) {
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> {
        if (received != null) {
          Runtime.getRuntime().halt(exitCode(signal.getName()));
        }
        received = signal.getName();
        signalled.countDown();
        gracefulStop.run();
      });
    }
  }

  /** Parks the calling (main) thread until the first signal. */
  void awaitSignal() throws InterruptedException {
    signalled.await();
  }

  boolean received() {
    return received != null;
  }

  /** 128 + the signal number, as shells report a process stopped by a signal. */
  int exitCode() {
    return exitCode(received);
  }

  private static int exitCode(String signal) {
    return "INT".equals(signal) ? 130 : 143;
  }
}
