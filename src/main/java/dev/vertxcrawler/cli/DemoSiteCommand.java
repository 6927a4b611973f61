package dev.vertxcrawler.cli;

import dev.vertxcrawler.demo.DemoSite;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-site", mixinStandardHelpOptions = true,
    description = "Only serve the sample site bundled in the jar (no crawl) — e.g. as the demo container of "
        + "docker-compose.yml. /health answers 200.")
final class DemoSiteCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String host;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    int actual = new DemoSite(vertx).start(host, port).toCompletionStage().toCompletableFuture().get();
    System.err.println("demo site serving at http://" + host + ":" + actual + "/ — Ctrl-C to stop");
    new CountDownLatch(1).await(); // the CLI's main thread parks here until the JVM is stopped
    return Main.OK;
  }
}
