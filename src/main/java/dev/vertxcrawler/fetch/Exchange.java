package dev.vertxcrawler.fetch;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request/response exchange of a {@link Fetcher}, and the request's own body codec: the WebClient hands
 * it the live request as it is sent, the response head, then each body chunk, which goes into a
 * {@link BodyAccumulator}. Whatever ends the exchange first — the accumulator's cap, the deadline, a 407 from
 * the proxy, the response's end or a failure — decides the result; at a cap or the deadline the request is
 * reset at once (the connection closed), so the rest of the body is never drained. State is touched only on
 * the event loop.
 */
final class Exchange extends VertxInternals.Codec {
  private final Fetcher fetcher;
  private final String url;
  private final BodyPolicy policy;
  private final Validators conditional;
  private final long startNanos = System.nanoTime();
  private final Instant date = Instant.now();
  private final Promise<FetchResult> result = Promise.promise();
  private Runnable onStart;
  private SocketAddress server;
  private ProxyOptions proxy;
  private HttpClientRequest request;
  private HttpClientResponse response;
  private BodyAccumulator body;
  private long deadlineTimer = -1;
  private final boolean lastForHost;
  /** Set once the exchange is decided (its result may still wait for the archive). */
  private boolean over;

  Exchange(Fetcher fetcher, FetchRequest request, BodyPolicy policy) {
    this.fetcher = fetcher;
    this.url = request.url();
    this.policy = policy;
    this.conditional = request.conditional();
    this.onStart = request.onStart();
    this.lastForHost = request.lastForHost();
  }

  Future<FetchResult> run(AddressGuard.Decision decision) {
    if (!decision.allowed()) {
      started();
      return Future.succeededFuture(FetchResult.failed(decision.error()));
    }
    HttpRequest<Void> http;
    try {
      proxy = decision.proxy();
      server = proxy == null && decision.connectTo() != null
          ? SocketAddress.inetSocketAddress(decision.connectTo()) : null;
      HttpRequest<Buffer> built = fetcher.web().requestAbs(HttpMethod.GET, server, url)
          .followRedirects(false)
          .connectTimeout(fetcher.config().connectTimeoutMs())
          .idleTimeout(fetcher.config().idleTimeoutMs())
          .putHeader(HttpHeaders.USER_AGENT.toString(), fetcher.userAgent())
          .putHeader(HttpHeaders.ACCEPT.toString(), "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
          .putHeader(HttpHeaders.ACCEPT_ENCODING.toString(), "gzip, deflate");
      if (lastForHost || fetcher.atConnectionBound()) {
        built.putHeader(HttpHeaders.CONNECTION.toString(), "close"); // the pool closes it after the response
      }
      if (!fetcher.config().headers().isEmpty() && fetcher.guard().isSeedOrigin(url)) {
        fetcher.config().headers().forEach(built::putHeader); // credentials stay on the seeds' sites
      }
      if (conditional.etag() != null) {
        built.putHeader(HttpHeaders.IF_NONE_MATCH.toString(), conditional.etag());
      }
      if (conditional.lastModified() != null) {
        built.putHeader(HttpHeaders.IF_MODIFIED_SINCE.toString(), conditional.lastModified());
      }
      if (proxy != null) {
        built.proxy(proxy);
      }
      http = VertxInternals.bind(built, this);
    } catch (RuntimeException e) {
      started();
      return Future.succeededFuture(FetchResult.failed(FetchErrors.INVALID_URL));
    }
    // Vert.x timeouts are idle timeouts or stop at the response head: the wall-clock bound is ours.
    deadlineTimer = fetcher.vertx().setTimer(fetcher.config().deadlineMs(), id -> {
      deadlineTimer = -1;
      abort(FetchErrors.TIMEOUT);
    });
    http.send().onComplete(this::ended);
    return result.future();
  }

  // ---- the WebClient's steps (VertxInternals) -------------------------------------------------------------

  /** Every hop goes to the address the guard checked (or through the proxy it named), never a fresh lookup. */
  @Override
  void creating(RequestOptions options) {
    if (server != null) {
      options.setServer(server);
    }
    if (proxy != null) {
      options.setProxyOptions(proxy);
    }
  }

  @Override
  void sending(HttpClientRequest live) {
    request = live;
    if (over) {
      reset(); // decided while the connection was being had (the deadline)
    } else {
      started(); // the clock counts from when the request goes out, not from when we asked for a connection
    }
  }

  @Override
  boolean received(HttpClientResponse head) {
    response = head;
    head.exceptionHandler(ignored -> { }); // a head we stop at is reset: its echo is not news (the pipe's replaces it)
    if (over) {
      return false;
    }
    if (proxy != null && head.statusCode() == 407) { // the proxy's answer, not the site's: a config mistake
      abort(FetchErrors.PROXY_AUTH);
      return false;
    }
    String contentType = head.getHeader(HttpHeaders.CONTENT_TYPE);
    body = new BodyAccumulator(policy, head.getHeader(HttpHeaders.CONTENT_LENGTH),
        head.getHeader(HttpHeaders.CONTENT_ENCODING), policy.keepAnyType() || ContentTypes.isParseable(contentType),
        fetcher.captures() != null);
    if (body.error() != null) {
      abort(body.error());
      return false;
    }
    return true;
  }

  @Override
  void write(Buffer chunk) {
    if (over) {
      return;
    }
    switch (body.write(chunk)) {
      case MORE -> { }
      case CUT -> {
        succeed();
        reset(); // the rest is not wanted; do not drain it
      }
      case FAILED -> abort(body.error());
    }
  }

  /** The WebClient's own end of the exchange: the response ended, or the request failed. */
  private void ended(AsyncResult<HttpResponse<Void>> outcome) {
    if (over) {
      return; // decided already; this is the reset's echo
    }
    if (outcome.succeeded()) {
      String error = body.end();
      if (error == null) {
        succeed();
      } else {
        fail(error);
      }
    } else if (response == null) {
      fail(FetchErrors.classify(outcome.cause()));
    } else {
      // Once the head has arrived, a connection that closes early means the body was cut short.
      fail(FetchErrors.classifyMidBody(outcome.cause()));
    }
  }

  // ---- the result -----------------------------------------------------------------------------------------

  private void started() {
    if (onStart != null) {
      Runnable callback = onStart;
      onStart = null;
      callback.run();
    }
  }

  private void succeed() {
    if (!finish()) {
      return;
    }
    FetchResult fetched = new FetchResult(response.statusCode(), header("content-type"), header("location"),
        header("retry-after"), body.bytes(), body.sha256(), body.body(), null, elapsedMs(),
        Validators.of(header("etag"), header("last-modified")), response.headers().getAll("x-robots-tag"));
    if (fetcher.captures() == null || body.raw() == null) {
      result.complete(fetched);
    } else {
      // A failed archive write is the archive's to report; the page itself was fetched.
      fetcher.captures().record(capture()).onComplete(written -> result.complete(fetched));
    }
  }

  /** Records {@code error} first, then resets: the reset's own failure must not overwrite the cause. */
  private void abort(String error) {
    fail(error);
    reset();
  }

  private void reset() {
    if (request != null) {
      request.reset(0, new VertxException("fetch stopped", true));
    }
  }

  private void fail(String error) {
    if (finish()) {
      result.complete(new FetchResult(response == null ? null : response.statusCode(), header("content-type"),
          header("location"), header("retry-after"), body == null ? 0 : body.bytes(), null, null, error,
          elapsedMs(), Validators.NONE, List.of()));
    }
  }

  /** Marks the exchange over; false when it already was (a late event after a reset). */
  private boolean finish() {
    if (over) {
      return false;
    }
    over = true;
    if (body != null) {
      body.close();
    }
    started();
    if (deadlineTimer >= 0) {
      fetcher.vertx().cancelTimer(deadlineTimer);
    }
    return true;
  }

  private Capture capture() {
    List<Map.Entry<String, String>> sent = new ArrayList<>();
    String target = url;
    try {
      java.net.URI uri = java.net.URI.create(url);
      target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      sent.add(Map.entry("Host", uri.getRawAuthority()));
    } catch (IllegalArgumentException e) {
      // the request went out, so the URL parsed for Vert.x; keep it whole as the target
    }
    request.headers().forEach(h -> {
      if (!h.getKey().equalsIgnoreCase("host")) {
        sent.add(Map.entry(h.getKey(), h.getValue()));
      }
    });
    List<Map.Entry<String, String>> received = new ArrayList<>();
    response.headers().forEach(h -> {
      if (!h.getKey().equalsIgnoreCase("transfer-encoding")) {
        received.add(Map.entry(h.getKey(), h.getValue()));
      }
    });
    String version = response.version() == io.vertx.core.http.HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
    // The address the connection went to (WARC-IP-Address); through a proxy, the proxy's: not recorded.
    SocketAddress remote = proxy != null ? null : response.request().connection().remoteAddress();
    String address = remote == null ? null : remote.hostAddress();
    return new Capture(url, date, address, target, sent, version, response.statusCode(), response.statusMessage(),
        received, body.raw(), body.rawIncomplete());
  }

  private String header(String name) {
    return response == null ? null : response.getHeader(name);
  }

  private long elapsedMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
