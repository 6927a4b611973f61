package dev.vertxcrawler.fetch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.HttpRequestImpl;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The one place that uses Vert.x's internal API. The name resolver the HttpClient itself uses
 * ({@link #resolveAll}: every address of a name, through network.dns*, hosts file included), and the WebClient's
 * interceptor chain ({@code *.impl.*}): a
 * WebClient over our configured {@link HttpClient} whose requests, when they carry a {@link Codec}, tell it
 * of each step — the request options as they are turned into a request (every hop: the pinned address is
 * set again there), the live {@link HttpClientRequest} as it is sent (so the codec can reset it mid-body),
 * and the response head as it arrives (before one body byte is read). {@code VertxInternalsTest} fails the
 * build the day a Vert.x upgrade changes any of this.
 */
final class VertxInternals {

  /** A per-request body codec that also hears the exchange's steps; all calls come on the event loop. */
  abstract static class Codec implements BodyCodec<Void> {
    /** CREATE_REQUEST, on every hop: the options a request is about to be created from. */
    abstract void creating(RequestOptions options);

    /** SEND_REQUEST: the live request, as it goes out. */
    abstract void sending(HttpClientRequest request);

    /** RECEIVE_RESPONSE: the head arrived; false to stop here (the codec has reset the request). */
    abstract boolean received(HttpClientResponse response);

    /** Each body chunk, in order. */
    abstract void write(Buffer chunk);

    @Override
    public final BodyStream<Void> stream() {
      return new Sink(this);
    }
  }

  private VertxInternals() {
  }

  /** Every address {@code host} resolves to, through the resolver the crawl's HttpClient uses. */
  static Future<List<InetSocketAddress>> resolveAll(Vertx vertx, String host) {
    Promise<List<InetSocketAddress>> resolved = Promise.promise();
    ((VertxInternal) vertx).nameResolver().resolveAll(host, resolved::handle);
    return resolved.future();
  }

  /** A WebClient sharing {@code client}'s pool and options; no User-Agent of its own. */
  static WebClient wrap(HttpClient client) {
    WebClient web = WebClient.wrap(client, new WebClientOptions().setUserAgentEnabled(false));
    web.addInterceptor(new Interceptor());
    return web;
  }

  /** The request, answered through {@code codec}. */
  static HttpRequest<Void> bind(HttpRequest<?> request, Codec codec) {
    return request.as(codec);
  }

  private static final class Interceptor implements io.vertx.core.Handler<HttpContext<?>> {
    @Override
    public void handle(HttpContext<?> ctx) {
      Codec codec = ctx.request() instanceof HttpRequestImpl<?> impl && impl.bodyCodec() instanceof Codec c
          ? c : null;
      if (codec != null) {
        ClientPhase phase = ctx.phase();
        if (phase == ClientPhase.CREATE_REQUEST) {
          codec.creating(ctx.requestOptions());
        } else if (phase == ClientPhase.SEND_REQUEST) {
          codec.sending(ctx.clientRequest());
        } else if (phase == ClientPhase.RECEIVE_RESPONSE && !codec.received(ctx.clientResponse())) {
          ctx.fail(new java.util.concurrent.CancellationException("stopped at the response head"));
          return;
        }
      }
      ctx.next();
    }
  }

  /** The body stream the WebClient pipes the response into: every chunk goes to the codec, none is queued. */
  private static final class Sink implements BodyStream<Void> {
    private final Codec codec;
    private final io.vertx.core.Promise<Void> result = io.vertx.core.Promise.promise();

    Sink(Codec codec) {
      this.codec = codec;
    }

    @Override
    public Future<Void> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      result.tryFail(failure);
    }

    @Override
    public Sink exceptionHandler(io.vertx.core.Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      codec.write(data);
      return Future.succeededFuture();
    }

    /** Called on success and, by the pipe, on failure too: it decides nothing (the exchange's future does). */
    @Override
    public Future<Void> end() {
      result.tryComplete();
      return Future.succeededFuture();
    }

    @Override
    public Sink setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public Sink drainHandler(io.vertx.core.Handler<Void> handler) {
      return this;
    }
  }
}
