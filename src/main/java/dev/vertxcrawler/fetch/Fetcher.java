package dev.vertxcrawler.fetch;

import dev.vertxcrawler.config.HttpConfig;
import dev.vertxcrawler.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches one URL on the event loop through a {@link WebClient} wrapping our configured {@link HttpClient}
 * (decompression off, no redirects, the pool per host, idle
 * connections closed after {@code http.keepAliveTimeoutSec}). Each request carries its own body codec, an
 * {@link Exchange}, which {@link VertxInternals} binds to the live request: the body streams into a
 * {@link BodyAccumulator} chunk by chunk — decoded here (gzip, deflate — {@link BodyDecoder}, in steps of
 * 16 KiB), hashed (SHA-256) and counted — and nothing beyond the cap of decoded bytes is ever held or even
 * inflated: at the cap, or at the wall-clock deadline ({@code http.deadlineMs}), the request is reset and its
 * connection closed, so a decompression bomb or an endless body costs at most the cap. The stock body codecs
 * and the WebClient's timeouts are not used for this: they drain a body they no longer want, and stop timing
 * at the response head. Every request first passes the {@link AddressGuard} and goes to the address it checked
 * (set again on every hop), or through the proxy it names; HTTPS trusts the JVM's roots plus
 * {@code http.caFile}, or anything under {@code http.insecure}. Redirects are never followed: a 3xx comes back
 * with its location. Every exchange may be archived ({@link #recordTo}).
 */
public final class Fetcher {
  /** How often the pool closes expired idle connections (keep-alive is counted in whole seconds). */
  static final int CLEANER_PERIOD_MS = 1000;

  private final Vertx vertx;
  private final HttpConfig config;
  private final String userAgent;
  private final HttpClient client;
  private final WebClient web;
  private final AddressGuard guard;
  /** Connections open now, to every host (counted as the client opens and closes them; any event loop). */
  private final AtomicInteger openConnections = new AtomicInteger();
  private Capture.Sink captures;

  /** A fetcher without the address guard (tests of the fetch itself). */
  public Fetcher(Vertx vertx, HttpConfig config, String userAgent, int connectionsPerHost) {
    this(vertx, config, userAgent, connectionsPerHost,
        new AddressGuard(vertx, new NetworkConfig(false, java.util.List.of(), java.util.List.of())));
  }

  public Fetcher(Vertx vertx, HttpConfig config, String userAgent, int connectionsPerHost, AddressGuard guard) {
    this.vertx = vertx;
    this.config = config;
    this.userAgent = userAgent;
    this.guard = guard;
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout(config.connectTimeoutMs())
        .setIdleTimeout(config.idleTimeoutMs())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setDecompressionSupported(false) // decoded by BodyDecoder, where the bytes can be counted
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxInitialLineLength(Math.min(config.maxHeaderBytes(), 16_384))
        // A connection idle for keepAliveTimeoutSec is closed (the pool's cleaner looks each second), so a
        // broad crawl keeps open only the busy connections and those of hosts used in the last seconds, not one
        // per host ever seen; 0 sends Connection: close. A server's Keep-Alive: timeout=N replaces the value.
        .setKeepAlive(config.keepAliveTimeoutSec() > 0)
        .setKeepAliveTimeout(config.keepAliveTimeoutSec())
        .setMaxRedirects(0);
    TrustRoots.apply(options, config);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connectionsPerHost).setCleanerPeriod(CLEANER_PERIOD_MS);
    // The pool is per host; the bound over all of them is ours: at it, a request asks for Connection: close, so a
    // broad crawl's kept connections (each with its Vert.x and Netty buffers) do not grow with the hosts in play.
    this.client = vertx.httpClientBuilder().with(options).with(pool).withConnectHandler(connection -> {
      openConnections.incrementAndGet();
      connection.closeHandler(v -> openConnections.decrementAndGet());
    }).build();
    this.web = VertxInternals.wrap(client);
  }

  /** Every exchange that gets a complete response (or one cut at a truncating cap) is also handed to {@code sink}. */
  public Fetcher recordTo(Capture.Sink sink) {
    this.captures = sink;
    return this;
  }

  /**
   * Fetches {@code request.url()}: the future always succeeds, with the response (any status) or the error
   * kind of what went wrong ({@link FetchErrors}).
   */
  public Future<FetchResult> fetch(FetchRequest request) {
    BodyPolicy policy = request.policy() != null ? request.policy() : BodyPolicy.page(config.maxBodyBytes());
    Exchange exchange = new Exchange(this, request, policy);
    return guard.check(request.url()).compose(exchange::run);
  }

  public Future<Void> close() {
    return client.close();
  }

  /** Connections open now, to all hosts. */
  public int openConnections() {
    return openConnections.get();
  }

  /** As many connections are open as http.maxOpenConnections keeps: the next request's is closed after it. */
  boolean atConnectionBound() {
    return openConnections.get() >= config.maxOpenConnections();
  }

  Vertx vertx() {
    return vertx;
  }

  HttpConfig config() {
    return config;
  }

  String userAgent() {
    return userAgent;
  }

  WebClient web() {
    return web;
  }

  AddressGuard guard() {
    return guard;
  }

  Capture.Sink captures() {
    return captures;
  }

  /** The body's bytes: its backing array itself when it is exactly full (no copy of the page), else a copy. */
  public static byte[] bytesOf(Buffer body) {
    io.netty.buffer.ByteBuf buf = ((io.vertx.core.internal.buffer.BufferInternal) body).getByteBuf();
    if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0 && buf.array().length == buf.readableBytes()) {
      return buf.array();
    }
    return body.getBytes();
  }
}
