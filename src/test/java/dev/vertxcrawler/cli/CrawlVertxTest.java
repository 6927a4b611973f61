package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.HttpConfig;
import dev.vertxcrawler.fetch.FetchErrors;
import dev.vertxcrawler.fetch.FetchRequest;
import dev.vertxcrawler.fetch.Fetcher;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The crawl's own Vert.x runs on Netty's epoll transport on Linux, and what that transport throws (its native
 * exceptions, not the JDK's) still maps to the same error kinds. Fails the day a Vert.x or Netty upgrade drops
 * the native library from the jar or changes what it throws.
 */
class CrawlVertxTest {
  private static final HttpConfig HTTP = new HttpConfig(2_000, 2_000, 5_000, 1024 * 1024, 0, 65_536);
  private Vertx vertx;

  @BeforeEach
  void start() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    assumeTrue(os.contains("linux") && List.of("amd64", "x86_64", "aarch64").contains(arch),
        "the epoll library is shipped for Linux on x86-64 and aarch64 only");
    vertx = Vertx.vertx(CrawlRunner.vertxOptions(CrawlConfig.defaults().network()));
  }

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theCrawlsVertxRunsOnEpoll() {
    assertTrue(vertx.isNativeTransportEnabled(), () -> "not on epoll: " + vertx.unavailableNativeTransportCause());
  }

  @Test
  void aRefusedConnectionIsStillConnect() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertEquals(FetchErrors.CONNECT, fetchError("http://127.0.0.1:" + port + "/"));
  }

  @Test
  void aResetMidBodyIsStillReset() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket socket = server.accept()) {
          socket.getInputStream().read(new byte[4096]); // the request
          OutputStream out = socket.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          socket.setSoLinger(true, 0); // close sends RST, not FIN
        } catch (Exception ignored) {
          // the test's assertion says what went wrong
        }
      }, "reset-server");
      answer.start();
      assertEquals(FetchErrors.RESET, fetchError("http://127.0.0.1:" + server.getLocalPort() + "/"));
      answer.join(5_000);
    }
  }

  /** The error kind of one fetch through the crawl's Vert.x. */
  private String fetchError(String url) throws Exception {
    VertxTestContext ctx = new VertxTestContext();
    String[] error = new String[1];
    vertx.runOnContext(v -> new Fetcher(vertx, HTTP, "test", 1).fetch(FetchRequest.page(url))
        .onComplete(ctx.succeeding(result -> {
          error[0] = result.error();
          ctx.completeNow();
        })));
    assertTrue(ctx.awaitCompletion(10, TimeUnit.SECONDS), "the fetch did not finish");
    if (ctx.failed()) {
      throw new AssertionError(ctx.causeOfFailure());
    }
    return error[0];
  }
}
