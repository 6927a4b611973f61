package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * http.keepAliveTimeoutSec against real servers on 127.0.0.1 that count their connections: a connection is
 * reused within the keep-alive, closed by the crawler once idle past it, so connections to many hosts do not pile up.
 */
@ExtendWith(VertxExtension.class)
class KeepAliveIT {
  private static final HttpConfig ONE_SECOND = new HttpConfig(5_000, 5_000, 10_000, 1024 * 1024, 0, 65_536)
      .withKeepAliveTimeoutSec(1);

  /** A server that counts connections opened and closed; {@code onClose} runs at each close. */
  private record Counting(HttpServer server, AtomicInteger opened, AtomicInteger closed) {
    String url(String path) {
      return "http://127.0.0.1:" + server.actualPort() + path;
    }

    int open() {
      return opened.get() - closed.get();
    }
  }

  private static Future<Counting> start(Vertx vertx, Runnable onClose) {
    return start(vertx, onClose, header -> { });
  }

  /** The same, telling {@code connectionHeader} each request's Connection header ("null" without one). */
  private static Future<Counting> start(Vertx vertx, Runnable onClose,
      java.util.function.Consumer<String> connectionHeader) {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    // The server never closes an idle connection itself (idle timeout 0): a close is the crawler's.
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    server.connectionHandler(conn -> {
      opened.incrementAndGet();
      conn.closeHandler(v -> {
        closed.incrementAndGet();
        onClose.run();
      });
    });
    server.requestHandler(req -> {
      connectionHeader.accept(String.valueOf(req.getHeader("connection")));
      req.response().putHeader("content-type", "text/html").end("<p>ok</p>");
    });
    return server.listen().map(s -> new Counting(server, opened, closed));
  }

  @Test
  void aSecondFetchWithinTheKeepAliveReusesTheConnectionAndAnIdleOneIsClosedAfterIt(Vertx vertx,
      VertxTestContext ctx) {
    Fetcher fetcher = new Fetcher(vertx, ONE_SECOND, "test", 1);
    Checkpoint closedWhenIdle = ctx.checkpoint();
    Checkpoint reconnected = ctx.checkpoint();
    AtomicLong idleSince = new AtomicLong();
    Counting[] site = new Counting[1];
    start(vertx, () -> ctx.verify(() -> {
      long idleMs = System.nanoTime() / 1_000_000 - idleSince.get();
      assertTrue(idleMs >= 900, "closed only after the keep-alive of 1 s, idle " + idleMs + " ms");
      assertTrue(idleMs < 5_000, "and soon after it (the pool's cleaner looks each second), idle " + idleMs + " ms");
      closedWhenIdle.flag();
      fetcher.fetch(FetchRequest.page(site[0].url("/c"))).onComplete(ctx.succeeding(third -> ctx.verify(() -> {
        assertEquals(2, site[0].opened().get(), "after the close, a fetch opens a new connection");
        reconnected.flag();
      })));
    })).compose(server -> {
      site[0] = server;
      return fetcher.fetch(FetchRequest.page(server.url("/a")))
          .compose(first -> fetcher.fetch(FetchRequest.page(server.url("/b")))); // at once: within the keep-alive
    }).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
      idleSince.set(System.nanoTime() / 1_000_000);
      assertNull(second.error());
      assertEquals(1, site[0].opened().get(), "the second fetch reused the first one's connection");
      assertEquals(0, site[0].closed().get());
    })));
  }

  @Test
  void connectionsToManyHostsAreAllClosedOnceIdle(Vertx vertx, VertxTestContext ctx) {
    int hosts = 12;
    Fetcher fetcher = new Fetcher(vertx, ONE_SECOND, "test", 1);
    Checkpoint everyOneClosed = ctx.checkpoint(hosts);
    List<Future<Counting>> started = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      started.add(start(vertx, everyOneClosed::flag));
    }
    Future.all(started).compose(all -> {
      List<Counting> servers = all.list();
      List<Future<FetchResult>> fetches = new ArrayList<>();
      servers.forEach(s -> fetches.add(fetcher.fetch(FetchRequest.page(s.url("/")))));
      return Future.all(fetches).map(done -> servers);
    }).onComplete(ctx.succeeding(servers -> ctx.verify(() -> {
      for (Counting server : servers) {
        assertEquals(1, server.opened().get());
      }
      // Each host's connection now idles in its pool; the checkpoint passes once all twelve are closed.
    })));
  }

  @Test
  void beyondMaxOpenConnectionsARequestAsksForItsConnectionToBeClosedAfterTheResponse(Vertx vertx,
      VertxTestContext ctx) {
    int hosts = 7;
    int bound = 3;
    Fetcher fetcher = new Fetcher(vertx, ONE_SECOND.withKeepAliveTimeoutSec(60).withMaxOpenConnections(bound),
        "test", 1);
    List<String> connectionHeaders = java.util.Collections.synchronizedList(new ArrayList<>());
    Checkpoint closedBeyondTheBound = ctx.checkpoint(hosts - bound);
    List<Future<Counting>> started = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      started.add(start(vertx, closedBeyondTheBound::flag, connectionHeaders::add));
    }
    Future.all(started).compose(all -> {
      List<Counting> servers = all.list();
      Future<FetchResult> chain = Future.succeededFuture();
      for (Counting server : servers) { // one after the other: each sees the connections the ones before left open
        chain = chain.compose(previous -> fetcher.fetch(FetchRequest.page(server.url("/"))));
      }
      return chain.map(last -> servers);
    }).onComplete(ctx.succeeding(servers -> ctx.verify(() -> {
      assertEquals(List.of("null", "null", "null", "close", "close", "close", "close"), connectionHeaders,
          "the first " + bound + " connections are kept, every later request asks for Connection: close");
      // The test passes once the servers have seen the four connections beyond the bound closed (the first
      // three stay open: keep-alive 60 s, far past the test).
    })));
  }

  @Test
  void noKeepAliveOpensAConnectionPerRequest(Vertx vertx, VertxTestContext ctx) {
    Fetcher fetcher = new Fetcher(vertx, ONE_SECOND.withKeepAliveTimeoutSec(0), "test", 1);
    Counting[] site = new Counting[1];
    start(vertx, () -> { }).compose(server -> {
      site[0] = server;
      return fetcher.fetch(FetchRequest.page(server.url("/a")))
          .compose(first -> fetcher.fetch(FetchRequest.page(server.url("/b"))));
    }).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
      assertNull(second.error());
      assertEquals(2, site[0].opened().get(), "Connection: close, so each request has its own connection");
      ctx.completeNow();
    })));
  }
}
