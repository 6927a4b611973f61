package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.HttpConfig;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FetcherTest {

  /** A body sized from a true Content-Length is handed to the parser as is; any other body is copied. */
  @Test
  void anExactlyFullBodyIsReadWithoutACopy() {
    Buffer exact = Buffer.buffer(BodyAccumulator.initialCapacity("5", null)).appendString("hello");
    org.junit.jupiter.api.Assertions.assertSame(Fetcher.bytesOf(exact), Fetcher.bytesOf(exact));
    Buffer roomy = Buffer.buffer(BodyAccumulator.initialCapacity("9", null)).appendString("hello"); // the length lied
    byte[] copy = Fetcher.bytesOf(roomy);
    assertEquals("hello", new String(copy, java.nio.charset.StandardCharsets.US_ASCII));
    org.junit.jupiter.api.Assertions.assertNotSame(copy, Fetcher.bytesOf(roomy));
    assertEquals(256 * 1024, BodyAccumulator.initialCapacity("999999999999", null), "a huge claim reserves little");
    assertEquals(16 * 1024, BodyAccumulator.initialCapacity("5000", "gzip"), "an encoded length says nothing of the body");
    assertEquals(16 * 1024, BodyAccumulator.initialCapacity("junk", null));
  }
  private static final HttpConfig DEFAULTS = new HttpConfig(5_000, 5_000, 10_000, 1024 * 1024, 0, 65_536);

  private static byte[] randomBytes(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void sha256IsTheDigestOfTheServedBytesForAMultiChunkBody(Vertx vertx, VertxTestContext ctx) throws Exception {
    byte[] served = randomBytes(20 * 16 * 1024 + 123, 42);
    String expected = sha256(served);
    TestServer.start(vertx, req -> {
      HttpServerResponse response = req.response().setChunked(true).putHeader("content-type", "text/html");
      for (int off = 0; off < served.length; off += 16 * 1024) {
        response.write(Buffer.buffer(java.util.Arrays.copyOfRange(served, off, Math.min(served.length, off + 16 * 1024))));
      }
      response.end();
    }).compose(server -> new Fetcher(vertx, DEFAULTS, "test", 1).fetch(FetchRequest.page(server.url("/big"))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertNull(result.error());
          assertEquals(200, result.status());
          assertEquals(served.length, result.bytes());
          assertEquals(expected, result.sha256());
          assertEquals(served.length, result.body().length(), "HTML body kept whole under the cap");
          ctx.completeNow();
        })));
  }

  @Test
  void aChunkedBodyOverTheCapStopsAsTooLargeWithoutHoldingMoreThanTheCap(Vertx vertx, VertxTestContext ctx) {
    HttpConfig capped = new HttpConfig(5_000, 5_000, 10_000, 64 * 1024, 0, 65_536);
    TestServer.start(vertx, req -> {
      // Streams far more than the cap, with no Content-Length to warn the client.
      HttpServerResponse response = req.response().setChunked(true).putHeader("content-type", "text/html");
      Buffer chunk = Buffer.buffer(randomBytes(8 * 1024, 7));
      long[] sent = {0};
      vertx.setPeriodic(1, t -> {
        if (response.closed() || response.ended() || sent[0] > 50L * 1024 * 1024) {
          vertx.cancelTimer(t);
          if (!response.closed() && !response.ended()) {
            response.end();
          }
          return;
        }
        for (int i = 0; i < 8 && !response.writeQueueFull(); i++) {
          response.write(chunk);
          sent[0] += chunk.length();
        }
      });
    }).compose(server -> new Fetcher(vertx, capped, "test", 1).fetch(FetchRequest.page(server.url("/endless"))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(FetchErrors.TOO_LARGE, result.error());
          assertEquals(200, result.status());
          assertEquals(64 * 1024, result.bytes(), "counting stops at the cap");
          assertNull(result.body(), "a failed fetch keeps no body");
          ctx.completeNow();
        })));
  }

  @Test
  void aContentLengthOverTheCapFailsBeforeTheBodyIsRead(Vertx vertx, VertxTestContext ctx) {
    HttpConfig capped = new HttpConfig(5_000, 5_000, 10_000, 1000, 0, 65_536);
    TestServer.start(vertx, req -> req.response().putHeader("content-type", "text/html")
            .end(Buffer.buffer(randomBytes(5000, 1))))
        .compose(server -> new Fetcher(vertx, capped, "test", 1).fetch(FetchRequest.page(server.url("/sized"))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(FetchErrors.TOO_LARGE, result.error());
          assertEquals(0, result.bytes());
          ctx.completeNow();
        })));
  }

  @Test
  void gzipBodiesAreDecodedAndCountedDecoded(Vertx vertx, VertxTestContext ctx) throws Exception {
    String html = "<html><body>" + "lighthouse ".repeat(20_000) + "</body></html>";
    byte[] decoded = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String expected = sha256(decoded);
    TestServer.start(vertx, new HttpServerOptions().setCompressionSupported(true), req -> {
      ctx.verify(() -> assertTrue(req.getHeader("accept-encoding").contains("gzip"), "client asks for gzip"));
      req.response().putHeader("content-type", "text/html; charset=utf-8").end(html);
    }).compose(server -> new Fetcher(vertx, DEFAULTS, "test", 1).fetch(FetchRequest.page(server.url("/gz"))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertNull(result.error());
          assertEquals(decoded.length, result.bytes(), "bytes are decoded bytes");
          assertEquals(expected, result.sha256());
          assertEquals(html, result.body().toString());
          ctx.completeNow();
        })));
  }

  @Test
  void aRedirectIsReturnedWithItsLocationNotFollowed(Vertx vertx, VertxTestContext ctx) {
    TestServer.start(vertx, req -> {
      if (req.path().equals("/from")) {
        req.response().setStatusCode(301).putHeader("location", "/to").end();
      } else {
        ctx.failNow("the redirect was followed to " + req.path());
      }
    }).compose(server -> new Fetcher(vertx, DEFAULTS, "test", 1).fetch(FetchRequest.page(server.url("/from"))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(301, result.status());
          assertEquals("/to", result.location());
          ctx.completeNow();
        })));
  }

  @Test
  void aServerDrippingBytesIsCutOffByTheWallClockDeadline(Vertx vertx, VertxTestContext ctx) {
    HttpConfig deadline = new HttpConfig(5_000, 5_000, 600, 1024 * 1024, 0, 65_536);
    TestServer.start(vertx, req -> {
      HttpServerResponse response = req.response().setChunked(true).putHeader("content-type", "text/html");
      // One byte every 50 ms never trips the 5 s idle timeout; only the 600 ms deadline can stop it.
      vertx.setPeriodic(50, t -> {
        if (response.closed()) {
          vertx.cancelTimer(t);
        } else {
          response.write("x");
        }
      });
    }).compose(server -> new Fetcher(vertx, deadline, "test", 1).fetch(FetchRequest.page(server.url("/drip"))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(FetchErrors.TIMEOUT, result.error());
          assertTrue(result.elapsedMs() >= 600 && result.elapsedMs() < 3000, "elapsed " + result.elapsedMs());
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedConnectionIsRecordedAsConnect(Vertx vertx, VertxTestContext ctx) {
    // Bind and close a server to learn a port that nothing listens on.
    TestServer.start(vertx, req -> req.response().end()).compose(server -> {
      int port = server.port();
      return server.close().map(port);
    }).compose(port -> new Fetcher(vertx, DEFAULTS, "test", 1).fetch(FetchRequest.page("http://127.0.0.1:" + port + "/")))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(FetchErrors.CONNECT, result.error());
          assertNull(result.status());
          assertNotNull(result.error());
          ctx.completeNow();
        })));
  }

  @Test
  void nonHtmlBodiesAreHashedButNotKept(Vertx vertx, VertxTestContext ctx) throws Exception {
    byte[] png = randomBytes(3000, 3);
    String expected = sha256(png);
    TestServer.start(vertx, req -> req.response().putHeader("content-type", "image/png").end(Buffer.buffer(png)))
        .compose(server -> new Fetcher(vertx, DEFAULTS, "test", 1).fetch(FetchRequest.page(server.url("/logo.png"))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertNull(result.body());
          assertEquals(expected, result.sha256());
          assertEquals(3000, result.bytes());
          ctx.completeNow();
        })));
  }
}
