package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.testing.ChildCrawl;
import dev.vertxcrawler.testing.PostgresServer;
import dev.vertxcrawler.testing.SyntheticSite;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crawl --stay-up}, as a container with {@code restart: unless-stopped} runs it: after the crawl the
 * status server stays up until SIGTERM (exit 0), and a restart on the finished directory serves its status
 * instead of refusing — no restart loop.
 */
@ExtendWith(VertxExtension.class)
class StayUpIT {
  private static final Pattern STATUS = Pattern.compile("status: http://127\\.0\\.0\\.1:(\\d+)/");

  @Test
  void staysUpAfterTheCrawlAndServesAFinishedDirectoryOnRestart(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) {
    WebClient client = WebClient.create(vertx);
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 20)).onComplete(ctx.succeeding(server -> {
      int statusPort;
      try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        statusPort = free.getLocalPort(); // status.port=0 means no status server, so take a free one
      } catch (java.io.IOException e) {
        ctx.failNow(e);
        return;
      }
      String[] args = {"crawl", "--seed", server.url("/p/0"), "--out", dir.resolve("out").toString(),
          "--seeds-dir", dir.toString(), "--quiet", "--stay-up", "-s", "politeness.minDelayMs=0",
          "-s", "status.port=" + statusPort, "-s", "maxDepth=100"};
      run(vertx, client, dir.resolve("first.log"), "the status server stays up", args)
          .compose(first -> {
            ctx.verify(() -> assertEquals(0, first, "SIGTERM after a finished crawl exits 0"));
            return run(vertx, client, dir.resolve("second.log"), "already finished", args);
          })
          .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
            assertEquals(0, second, "a restart on the finished directory serves, then exits 0 on SIGTERM");
            assertEquals(20, server.requests().stream().filter(r -> r.startsWith("/p/")).count(),
                "the restart fetched nothing");
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void aNodeJoiningASharedCrawlThatFinishedServesItsSummaryInsteadOfExiting(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) throws Exception {
    PostgresServer pg = PostgresServer.shared();
    WebClient client = WebClient.create(vertx);
    String crawl = "stay-up-" + System.nanoTime();
    TestServer.start(vertx, req -> SyntheticSite.handle(req, 20)).onComplete(ctx.succeeding(server -> {
      java.util.function.Function<String, String[]> node = out -> new String[] {"crawl", "--seed",
          server.url("/p/0"), "--out", dir.resolve(out).toString(), "--seeds-dir", dir.toString(), "--quiet",
          "--stay-up", "-s", "politeness.minDelayMs=0", "-s", "status.port=" + freePort(), "-s", "maxDepth=100",
          "-s", "store.kind=postgres", "-s", "store.url=" + pg.url("crawls"), "-s", "store.crawl=" + crawl};
      run(vertx, client, dir.resolve("first.log"), "the status server stays up", node.apply("a"))
          // A replica started after the end, with an empty --out: the database says the crawl is over.
          .compose(first -> run(vertx, client, dir.resolve("late.log"), "already finished", node.apply("b")))
          .onComplete(ctx.succeeding(late -> ctx.verify(() -> {
            assertEquals(0, late, "a node joining a finished shared crawl serves, then exits 0 on SIGTERM");
            assertTrue(Files.readString(dir.resolve("late.log")).contains("crawl '" + crawl + "'"),
                "it names the crawl");
            assertEquals(20, server.requests().stream().filter(r -> r.startsWith("/p/")).count(),
                "the late node fetched nothing");
            ctx.completeNow();
          })));
    }));
  }

  private static int freePort() {
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return free.getLocalPort(); // status.port=0 means no status server, so take a free one
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Starts the child, waits for {@code marker} in its log, checks /health, sends SIGTERM: the exit code. */
  private static Future<Integer> run(Vertx vertx, WebClient client, Path log, String marker, String... args) {
    Process process;
    try {
      process = ChildCrawl.start(log, args);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    Promise<Integer> port = Promise.promise();
    long deadline = System.currentTimeMillis() + 60_000;
    vertx.setPeriodic(50, t -> vertx.executeBlocking(() -> Files.exists(log) ? Files.readString(log) : "", false)
        .onSuccess(text -> {
          Matcher m = STATUS.matcher(text);
          if (text.contains(marker) && m.find()) {
            vertx.cancelTimer(t);
            port.tryComplete(Integer.parseInt(m.group(1)));
          } else if (!process.isAlive() || System.currentTimeMillis() > deadline) {
            vertx.cancelTimer(t);
            port.tryFail("no '" + marker + "' with a status URL in " + log + ":\n" + text);
          }
        }));
    return port.future()
        .compose(p -> client.get(p, "127.0.0.1", "/health").send())
        .compose(health -> {
          assertTrue(health.statusCode() == 200, "/health answers 200 while staying up: " + health.bodyAsString());
          process.destroy(); // SIGTERM
          return vertx.executeBlocking(() -> process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1, false);
        })
        .onFailure(e -> process.destroyForcibly());
  }
}
