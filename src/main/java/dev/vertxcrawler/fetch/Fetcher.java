package dev.vertxcrawler.fetch;

import dev.vertxcrawler.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Fetches one URL on the event loop with the core {@link HttpClient}: the body streams in chunk by chunk,
 * is decoded here (gzip, deflate — {@link BodyDecoder}, in steps of 16 KiB), and each decoded piece is
 * hashed (SHA-256) and counted; nothing beyond {@code maxBodyBytes} decoded bytes is ever held or even
 * inflated — past the cap the request is reset, so a decompression bomb costs at most the cap. The
 * WebClient's body codecs cannot abort a response mid-stream, and Netty's decompressor cannot be counted,
 * which is why the core client is used with decompression off. Every request first passes the
 * {@link AddressGuard} and goes to the address it checked, or through the proxy it names. Redirects are never
 * followed: a 3xx comes back with its location.
 */
public final class Fetcher {
  private final Vertx vertx;
  private final HttpConfig config;
  private final String userAgent;
  private final HttpClient client;
  private final AddressGuard guard;
  private Capture.Sink captures;

  /** A fetcher without the address guard (tests of the fetch itself). */
  public Fetcher(Vertx vertx, HttpConfig config, String userAgent, int connectionsPerHost) {
    this(vertx, config, userAgent, connectionsPerHost,
        new AddressGuard(vertx, new dev.vertxcrawler.config.NetworkConfig(false, java.util.List.of(), java.util.List.of())));
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
        .setKeepAlive(true)
        .setMaxRedirects(0);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connectionsPerHost);
    this.client = vertx.httpClientBuilder().with(options).with(pool).build();
  }

  /** Every exchange that gets a complete response (or one cut at a truncating cap) is also handed to {@code sink}. */
  public Fetcher recordTo(Capture.Sink sink) {
    this.captures = sink;
    return this;
  }

  /** A page: HTML bodies kept for parsing, anything over {@code http.maxBodyBytes} fails as too-large. */
  public Future<FetchResult> fetch(String url) {
    return fetch(url, BodyPolicy.page(config.maxBodyBytes()));
  }

  public Future<FetchResult> fetchPage(String url, Runnable onStart) {
    return fetchPage(url, Validators.NONE, onStart);
  }

  /** A page asked for conditionally: with an earlier answer's validators, an unchanged page comes back 304. */
  public Future<FetchResult> fetchPage(String url, Validators conditional, Runnable onStart) {
    return fetch(url, BodyPolicy.page(config.maxBodyBytes()), conditional, onStart);
  }

  public Future<FetchResult> fetch(String url, BodyPolicy policy) {
    return fetch(url, policy, () -> { });
  }

  /**
   * @param onStart called once, when the request has been written to its connection (or, when no
   *                connection could be had, when the attempt ends) — the instant a host's politeness clock
   *                counts from
   */
  public Future<FetchResult> fetch(String url, BodyPolicy policy, Runnable onStart) {
    return fetch(url, policy, Validators.NONE, onStart);
  }

  private Future<FetchResult> fetch(String url, BodyPolicy policy, Validators conditional, Runnable onStart) {
    Exchange exchange = new Exchange(url, policy, conditional, onStart);
    return guard.check(url).compose(decision -> exchange.run(decision));
  }

  public Future<Void> close() {
    return client.close();
  }

  /** One request/response exchange: its state lives here, touched only on the event loop. */
  private final class Exchange {
    private final String url;
    private final BodyPolicy policy;
    private final long startNanos = System.nanoTime();
    private final Promise<FetchResult> result = Promise.promise();
    private final MessageDigest digest = sha256();
    private HttpClientRequest request;
    private Integer status;
    private String contentType;
    private String location;
    private Buffer body;
    private long bytes;
    private long rawBytes;
    private BodyDecoder decoder;
    private long deadlineTimer = -1;

    private HttpClientResponse response;
    /** Set once the exchange is decided (its result may still wait for the archive). */
    private boolean over;
    private RequestOptions options;
    private final java.time.Instant date = java.time.Instant.now();
    /** The body as received (before decoding), kept only for the archive. */
    private Buffer raw;
    private boolean rawTruncated;
    private boolean cutAtCap;
    private Runnable onStart;
    private boolean viaProxy;
    private final Validators conditional;

    Exchange(String url, BodyPolicy policy, Validators conditional, Runnable onStart) {
      this.url = url;
      this.policy = policy;
      this.conditional = conditional;
      this.onStart = onStart;
    }

    private void started() {
      if (onStart != null) {
        Runnable callback = onStart;
        onStart = null;
        callback.run();
      }
    }

    Future<FetchResult> run(AddressGuard.Decision decision) {
      if (!decision.allowed()) {
        started();
        return Future.succeededFuture(FetchResult.failed(decision.error()));
      }
      try {
        options = new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url)
            .setFollowRedirects(false)
            .setConnectTimeout(config.connectTimeoutMs())
            .setIdleTimeout(config.idleTimeoutMs())
            .putHeader(HttpHeaders.USER_AGENT, userAgent)
            .putHeader(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
            .putHeader(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate");
        if (!config.headers().isEmpty() && guard.isSeedOrigin(url)) { // credentials stay on the seeds' sites
          config.headers().forEach(options::putHeader);
        }
        if (conditional.etag() != null) {
          options.putHeader(HttpHeaders.IF_NONE_MATCH, conditional.etag());
        }
        if (conditional.lastModified() != null) {
          options.putHeader(HttpHeaders.IF_MODIFIED_SINCE, conditional.lastModified());
        }
        if (decision.proxy() != null) {
          viaProxy = true;
          options.setProxyOptions(decision.proxy());
        } else if (decision.connectTo() != null) {
          options.setServer(io.vertx.core.net.SocketAddress.inetSocketAddress(decision.connectTo()));
        }
      } catch (RuntimeException e) {
        started();
        return Future.succeededFuture(FetchResult.failed(FetchErrors.INVALID_URL));
      }
      // Vert.x timeouts are idle timeouts: the wall-clock bound on the whole exchange is ours.
      deadlineTimer = vertx.setTimer(config.deadlineMs(), id -> {
        deadlineTimer = -1;
        abort(FetchErrors.TIMEOUT);
      });
      client.request(options)
          .compose(req -> {
            request = req;
            Future<HttpClientResponse> response = req.response();
            // The clock counts from when the request is on the wire, not from when we began writing it.
            req.end().onComplete(written -> started());
            return response;
          })
          .onSuccess(this::onResponse)
          .onFailure(err -> fail(FetchErrors.classify(err)));
      return result.future();
    }

    private void onResponse(HttpClientResponse response) {
      // Once the head has arrived, a connection that closes early means the body was cut short.
      response.exceptionHandler(err -> fail(FetchErrors.classifyMidBody(err)));
      status = response.statusCode();
      contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
      location = response.getHeader(HttpHeaders.LOCATION);
      this.response = response;
      if (viaProxy && status == 407) { // the proxy's answer, not the site's: a config mistake, not a page
        abort(FetchErrors.PROXY_AUTH);
        return;
      }
      String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (!policy.truncateAtCap() && length != null && parseLong(length) > policy.maxBytes()) {
        abort(FetchErrors.TOO_LARGE);
        return;
      }
      decoder = BodyDecoder.forEncoding(response.getHeader(HttpHeaders.CONTENT_ENCODING));
      if (decoder == null) {
        abort(FetchErrors.UNSUPPORTED_ENCODING); // not requested (we ask for gzip and deflate only)
        return;
      }
      if (captures != null) {
        raw = Buffer.buffer(initialCapacity(length, null));
      }
      if (policy.keepAnyType() || ContentTypes.isParseable(contentType)) {
        body = Buffer.buffer(initialCapacity(length, response.getHeader(HttpHeaders.CONTENT_ENCODING)));
      }
      response.handler(this::onChunk);
      response.endHandler(v -> {
        if (decoder.finishedCleanly()) {
          succeed();
        } else {
          fail(FetchErrors.TRUNCATED); // the compressed stream stopped before its end
        }
      });
    }

    private void onChunk(Buffer chunk) {
      if (over) {
        return;
      }
      rawBytes += chunk.length();
      if (raw != null) {
        if (raw.length() + chunk.length() <= policy.maxBytes() + RAW_SLACK) {
          raw.appendBuffer(chunk);
        } else {
          rawTruncated = true;
        }
      }
      if (rawBytes > policy.maxBytes() + RAW_SLACK && !policy.truncateAtCap()) {
        abort(FetchErrors.TOO_LARGE); // encoded bytes are bounded too: a stream that inflates to little
        return;
      }
      try {
        decoder.feed(chunk, this::offer);
      } catch (BodyDecoder.DecodeException e) {
        abort(FetchErrors.DECODE);
      }
    }

    /** One decoded piece; false once the cap is reached (the decoder then stops inflating). */
    private boolean offer(Buffer piece) {
      if (over) {
        return false;
      }
      long room = policy.maxBytes() - bytes;
      if (piece.length() > room) {
        if (policy.truncateAtCap()) {
          cutAtCap = true;
          accept(piece.slice(0, (int) room));
          succeed();
          if (request != null) {
            request.reset(); // the rest is not wanted; do not drain it
          }
        } else {
          bytes = policy.maxBytes();
          abort(FetchErrors.TOO_LARGE);
        }
        return false;
      }
      accept(piece);
      return true;
    }

    private void accept(Buffer chunk) {
      bytes += chunk.length();
      // Hashed in place (no copy of the chunk): the buffer's readable bytes as an NIO view.
      digest.update(((io.vertx.core.internal.buffer.BufferInternal) chunk).getByteBuf().nioBuffer());
      if (body != null) {
        body.appendBuffer(chunk);
      }
    }

    private void succeed() {
      if (finish()) {
        String hash = HexFormat.of().formatHex(digest.digest());
        FetchResult fetched = new FetchResult(status, contentType, location, header("retry-after"), bytes, hash, body,
            null, elapsedMs(), validators(), response.headers().getAll("x-robots-tag"));
        if (captures == null || raw == null) {
          result.complete(fetched);
        } else {
          // A failed archive write is the archive's to report; the page itself was fetched.
          captures.record(capture()).onComplete(written -> result.complete(fetched));
        }
      }
    }

    private Capture capture() {
      java.util.List<java.util.Map.Entry<String, String>> sent = new java.util.ArrayList<>();
      String target = url;
      try {
        java.net.URI uri = java.net.URI.create(url);
        target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        sent.add(java.util.Map.entry("Host", uri.getRawAuthority()));
      } catch (IllegalArgumentException e) {
        // the request went out, so the URL parsed for Vert.x; keep it whole as the target
      }
      options.getHeaders().forEach(h -> sent.add(java.util.Map.entry(h.getKey(), h.getValue())));
      java.util.List<java.util.Map.Entry<String, String>> received = new java.util.ArrayList<>();
      response.headers().forEach(h -> {
        if (!h.getKey().equalsIgnoreCase("transfer-encoding")) {
          received.add(java.util.Map.entry(h.getKey(), h.getValue()));
        }
      });
      String version = response.version() == io.vertx.core.http.HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
      // The address the connection went to (WARC-IP-Address); through a proxy, the proxy's: not recorded.
      io.vertx.core.net.SocketAddress remote = viaProxy ? null : response.request().connection().remoteAddress();
      String address = remote == null ? null : remote.hostAddress();
      return new Capture(url, date, address, target,
          sent, version, status, response.statusMessage(), received, raw, rawTruncated || cutAtCap);
    }

    /** Records {@code error} first, then resets: the reset's own exception must not overwrite the cause. */
    private void abort(String error) {
      fail(error);
      if (request != null) {
        request.reset();
      }
    }

    private void fail(String error) {
      if (finish()) {
        result.complete(new FetchResult(status, contentType, location, header("retry-after"), bytes, null, null,
            error, elapsedMs(), Validators.NONE, java.util.List.of()));
      }
    }

    /** Marks the exchange over; false when it already was (a late event after a reset). */
    private boolean finish() {
      if (over) {
        return false;
      }
      over = true;
      if (decoder != null) {
        decoder.close();
      }
      started();
      if (deadlineTimer >= 0) {
        vertx.cancelTimer(deadlineTimer);
      }
      return true;
    }

    private Validators validators() {
      return Validators.of(header("etag"), header("last-modified"));
    }

    private String header(String name) {
      return response == null ? null : response.getHeader(name);
    }

    private long elapsedMs() {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
  }

  /** Encoded bytes allowed beyond the decoded cap (headers of the coding, incompressible data's overhead). */
  private static final long RAW_SLACK = 64 * 1024;
  /** A body is sized from Content-Length up to this; beyond it, it grows as bytes arrive (a claim is no proof). */
  private static final int MAX_PRESIZE = 256 * 1024;

  /**
   * The body buffer's first size: the declared length of an unencoded body (one allocation, and an array the
   * parser can read without a copy when the length was true), capped so a lying header reserves little.
   */
  static int initialCapacity(String contentLength, String contentEncoding) {
    long declared = contentLength == null ? -1 : parseLong(contentLength);
    boolean identity = contentEncoding == null || contentEncoding.isBlank()
        || contentEncoding.trim().equalsIgnoreCase("identity");
    return identity && declared > 0 ? (int) Math.min(declared, MAX_PRESIZE) : 16 * 1024;
  }

  /** The body's bytes: its backing array itself when it is exactly full (no copy of the page), else a copy. */
  public static byte[] bytesOf(Buffer body) {
    io.netty.buffer.ByteBuf buf = ((io.vertx.core.internal.buffer.BufferInternal) body).getByteBuf();
    if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0 && buf.array().length == buf.readableBytes()) {
      return buf.array();
    }
    return body.getBytes();
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
