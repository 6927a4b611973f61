package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WebClient internals that {@link VertxInternals} relies on, against a real loopback server: this fails
 * the build the day a Vert.x upgrade renames the phases, drops the methods, or calls them out of order.
 */
@ExtendWith(VertxExtension.class)
class VertxInternalsTest {
  /** A codec that writes down each step it is told of, in order. */
  private static class Recording extends VertxInternals.Codec {
    final List<String> steps = new ArrayList<>();

    @Override
    void creating(RequestOptions options) {
      steps.add("creating " + options.getHost());
    }

    @Override
    void sending(HttpClientRequest request) {
      steps.add("sending");
    }

    @Override
    boolean received(HttpClientResponse response) {
      steps.add("received " + response.statusCode());
      return true;
    }

    @Override
    void write(Buffer chunk) {
    }
  }


  @Test
  void theInternalApiIsStillThere() throws Exception {
    List<String> phases = new ArrayList<>();
    for (io.vertx.ext.web.client.impl.ClientPhase phase : io.vertx.ext.web.client.impl.ClientPhase.values()) {
      phases.add(phase.name());
    }
    assertTrue(phases.containsAll(List.of("CREATE_REQUEST", "SEND_REQUEST", "RECEIVE_RESPONSE")), phases.toString());
    Class<?> context = io.vertx.ext.web.client.impl.HttpContext.class;
    for (String method : List.of("phase", "requestOptions", "clientRequest", "clientResponse", "request", "next")) {
      context.getMethod(method);
    }
    context.getMethod("fail", Throwable.class);
    io.vertx.ext.web.client.impl.HttpRequestImpl.class.getMethod("bodyCodec");
    HttpClientRequest.class.getMethod("reset", long.class, Throwable.class);
  }

  @Test
  void eachStepIsHeardInOrderAndThePinHolds(Vertx vertx, VertxTestContext ctx) {
    Buffer received = Buffer.buffer();
    Recording codec = new Recording() {
      @Override
      void write(Buffer chunk) {
        if (!steps.get(steps.size() - 1).equals("body")) {
          steps.add("body");
        }
        received.appendBuffer(chunk);
      }
    };
    List<String> steps = codec.steps;
    vertx.createHttpServer().requestHandler(req -> req.response().end("hello " + req.getHeader("host")))
        .listen(0, "127.0.0.1")
        .compose(server -> {
          WebClient web = VertxInternals.wrap(vertx.createHttpClient());
          // A name that resolves nowhere: only the pinned address can answer it.
          return VertxInternals.bind(web.requestAbs(HttpMethod.GET,
              SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1"),
              "http://pinned.invalid:" + server.actualPort() + "/"), codec).send();
        })
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(List.of("creating pinned.invalid", "sending", "received 200", "body"), steps);
          assertTrue(received.toString().startsWith("hello pinned.invalid"), received.toString());
          ctx.completeNow();
        })));
  }

  /** The Fetcher follows no redirect, but were one followed, its hop would go to the pinned address too. */
  @Test
  void aFollowedRedirectIsPinnedAgain(Vertx vertx, VertxTestContext ctx) {
    SocketAddress[] pin = new SocketAddress[1];
    Recording codec = new Recording() {
      @Override
      void creating(RequestOptions options) {
        steps.add("creating " + options.getHost() + " " + options.getURI());
        options.setServer(pin[0]);
      }
    };
    List<String> steps = codec.steps;
    vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/from")) {
        req.response().setStatusCode(302).putHeader("location", "http://elsewhere.invalid:"
            + req.localAddress().port() + "/to").end();
      } else {
        req.response().end("arrived");
      }
    }).listen(0, "127.0.0.1").compose(server -> {
      pin[0] = SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1");
      return VertxInternals.bind(VertxInternals.wrap(vertx.createHttpClient())
          .getAbs("http://pinned.invalid:" + server.actualPort() + "/from").followRedirects(true), codec).send();
    }).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(List.of("creating pinned.invalid /from", "sending", "creating elsewhere.invalid /to", "sending",
          "received 200"), steps);
      ctx.completeNow();
    })));
  }

  @Test
  void stoppingAtTheHeadFailsTheRequest(Vertx vertx, VertxTestContext ctx) {
    VertxInternals.Codec codec = new VertxInternals.Codec() {
      HttpClientRequest live;

      @Override
      void creating(RequestOptions options) {
      }

      @Override
      void sending(HttpClientRequest request) {
        live = request;
      }

      @Override
      boolean received(HttpClientResponse response) {
        response.exceptionHandler(ignored -> { });
        live.reset(0, new IllegalStateException("not wanted"));
        return false;
      }

      @Override
      void write(Buffer chunk) {
        ctx.failNow("a body chunk arrived after the stop");
      }
    };
    vertx.createHttpServer().requestHandler(req -> req.response().end("x".repeat(100_000)))
        .listen(0, "127.0.0.1")
        .compose(server -> VertxInternals.bind(VertxInternals.wrap(vertx.createHttpClient())
            .get(server.actualPort(), "127.0.0.1", "/"), codec).send())
        .onComplete(ctx.failing(err -> ctx.completeNow()));
  }

  /** The guard resolves through the HttpClient's own resolver: every address of a name, the hosts file included. */
  @Test
  void theInternalNameResolverAnswersEveryAddressOfAName(Vertx vertx, VertxTestContext ctx) {
    VertxInternals.resolveAll(vertx, "localhost").onComplete(ctx.succeeding(addresses -> ctx.verify(() -> {
      assertTrue(addresses.stream().anyMatch(a -> a.getAddress().isLoopbackAddress()), addresses.toString());
      ctx.completeNow();
    })));
  }
}
