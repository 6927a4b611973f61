package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A raw loopback server streams an endless chunked body as fast as the client takes it: a fetch capped at
 * 1 MiB must fail too-large, and the server must see its connection closed promptly, having sent little past
 * the cap — the body is not drained. A second fetch then goes out on a fresh connection.
 */
@ExtendWith(VertxExtension.class)
class EndlessBodyTest {
  private static final int CAP = 1024 * 1024;
  private static final int CHUNK = 16 * 1024;

  /** What the server saw of one connection: bytes of body handed to the kernel, when the cap was passed, when it closed. */
  private static final class Seen {
    long bodyBytes;
    long capPassedNanos = -1;
    final Promise<Long> closedNanos = Promise.promise();
  }

  @Test
  void anEndlessBodyIsCutAtTheCapAndItsConnectionClosedAtOnce(Vertx vertx, VertxTestContext ctx) {
    HttpConfig capped = new HttpConfig(5_000, 5_000, 30_000, CAP, 0, 65_536);
    java.util.List<Seen> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    // The server has its own event loop: the client's reads must not wait behind its writes.
    Vertx serverSide = Vertx.vertx();
    // A fixed send buffer (no autotuning to several MiB): what the server counts as sent is then what left
    // it for the client, not what sat in its kernel's queue.
    NetServer server = serverSide.createNetServer(new io.vertx.core.net.NetServerOptions().setSendBufferSize(128 * 1024));
    server.connectHandler(socket -> {
      Seen seen = new Seen();
      connections.add(seen);
      socket.closeHandler(v -> seen.closedNanos.tryComplete(System.nanoTime()));
      socket.handler(bytes -> {
        if (bytes.toString().contains("\r\n\r\n")) { // a request head: answer it with a body that never ends
          requests.incrementAndGet();
          socket.write("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n");
          stream(socket, seen);
        }
      });
    });
    Fetcher fetcher = new Fetcher(vertx, capped, "test", 1);
    server.listen(0, "127.0.0.1")
        .compose(s -> fetcher.fetch(FetchRequest.page("http://127.0.0.1:" + s.actualPort() + "/endless")))
        .compose(result -> {
          long capNanos = System.nanoTime(); // the fetch has stopped at the cap
          return connections.get(0).closedNanos.future().map(closed -> {
          ctx.verify(() -> {
            assertEquals(FetchErrors.TOO_LARGE, result.error());
            assertEquals(CAP, result.bytes());
            Seen seen = connections.get(0);
            long pastCap = seen.bodyBytes - CAP;
            long closeMs = Math.max(0, closed - capNanos) / 1_000_000;
            long sinceServerCapMs = (closed - seen.capPassedNanos) / 1_000_000;
            System.out.println("endless body: " + pastCap + " bytes sent past the cap; connection closed "
                + closeMs + " ms after the fetch stopped at the cap (" + sinceServerCapMs
                + " ms after the server had sent the cap)");
            assertTrue(pastCap <= 4L * 1024 * 1024, pastCap + " bytes sent past the cap");
            assertTrue(closeMs < 100, "closed " + closeMs + " ms after the cap");
          });
            return result;
          });
        })
        // The pool does not hand out the reset connection again.
        .compose(first -> fetcher.fetch(FetchRequest.page("http://127.0.0.1:" + server.actualPort() + "/again")))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(FetchErrors.TOO_LARGE, second.error());
          assertEquals(2, connections.size(), "the second request went out on a fresh connection");
          assertEquals(2, requests.get());
          serverSide.close().onComplete(v -> ctx.completeNow());
        })));
  }

  /** Writes chunks while the socket takes them (Netty's write queue), counting what was handed to the kernel. */
  private static void stream(NetSocket socket, Seen seen) {
    Buffer chunk = Buffer.buffer(Integer.toHexString(CHUNK) + "\r\n").appendBuffer(Buffer.buffer(new byte[CHUNK]))
        .appendString("\r\n");
    while (!socket.writeQueueFull()) {
      Future<Void> written = socket.write(chunk);
      written.onSuccess(v -> {
        seen.bodyBytes += CHUNK;
        if (seen.bodyBytes >= CAP && seen.capPassedNanos < 0) {
          seen.capPassedNanos = System.nanoTime();
        }
      });
      if (written.failed()) {
        return;
      }
    }
    socket.drainHandler(v -> stream(socket, seen));
  }
}
