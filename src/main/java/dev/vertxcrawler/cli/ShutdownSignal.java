package dev.vertxcrawler.cli;

/** Whether the JVM is shutting down because of SIGINT/SIGTERM (set by the crawl's shutdown hook). */
final class ShutdownSignal {
  private static volatile boolean inProgress;

  private ShutdownSignal() {
  }

  static boolean inProgress() {
    return inProgress;
  }

  static void begin() {
    inProgress = true;
  }
}
