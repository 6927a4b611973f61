package dev.vertxcrawler.fetch;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange as it went over the wire, for an archive (WARC): the request as sent and the response as
 * received — its headers without {@code Transfer-Encoding} (the framing is gone) and its body before any
 * content decoding. {@code truncated} when the body was cut at the cap; {@code address} is the IP connected to
 * (null through a proxy).
 */
public record Capture(
    String url,
    Instant date,
    String address,
    String requestTarget,
    List<Map.Entry<String, String>> requestHeaders,
    String httpVersion,
    int status,
    String reason,
    List<Map.Entry<String, String>> responseHeaders,
    Buffer payload,
    boolean truncated) {

  /** Where captures go; the fetch completes once the returned future does (the archive's backpressure). */
  @FunctionalInterface
  public interface Sink {
    Future<Void> record(Capture capture);
  }
}
