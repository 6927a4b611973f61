package dev.vertxcrawler.fetch;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Maps what the network threw to the short error kinds recorded in pages.jsonl. */
public final class FetchErrors {
  public static final String TIMEOUT = "timeout";
  public static final String CONNECT = "connect";
  public static final String DNS = "dns";
  public static final String RESET = "reset";
  public static final String PROTOCOL = "protocol";
  public static final String TLS = "tls";
  public static final String TOO_LARGE = "too-large";
  public static final String INVALID_URL = "invalid-url";
  public static final String IO = "io";
  public static final String HEADER_TOO_LARGE = "header-too-large";
  public static final String TRUNCATED = "truncated";
  public static final String DECODE = "decode";
  public static final String UNSUPPORTED_ENCODING = "unsupported-encoding";
  /** The proxy (network.proxy) answered 407: its credentials are missing or wrong. */
  public static final String PROXY_AUTH = "proxy-auth";
  public static final String BLOCKED_ADDRESS = AddressGuard.BLOCKED_ADDRESS;
  public static final String BLOCKED_PORT = AddressGuard.BLOCKED_PORT;

  private FetchErrors() {
  }

  /** After the response head arrived: a closed connection means the body was cut short (a lying length). */
  public static String classifyMidBody(Throwable error) {
    String kind = classify(error);
    return kind.equals(RESET) && !isReset(error) ? TRUNCATED : kind;
  }

  private static boolean isReset(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("connection reset") || t instanceof StreamResetException) {
        return true;
      }
    }
    return false;
  }

  public static String classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
        return HEADER_TOO_LARGE;
      }
      if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException
          || t instanceof io.netty.channel.ConnectTimeoutException) {
        return TIMEOUT;
      }
      if (t instanceof UnknownHostException) {
        return DNS;
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return CONNECT;
      }
      if (t instanceof SSLException) {
        return TLS;
      }
      if (t instanceof TooLongFrameException || t instanceof DecoderException
          || t instanceof IllegalArgumentException) {
        return PROTOCOL;
      }
      if (t instanceof HttpClosedException || t instanceof StreamResetException
          || t instanceof ClosedChannelException) {
        return RESET;
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("connection reset") || message.contains("broken pipe")) {
        return RESET;
      }
      if (message.contains("timed out") || message.contains("timeout")) {
        return TIMEOUT;
      }
    }
    return IO;
  }
}
