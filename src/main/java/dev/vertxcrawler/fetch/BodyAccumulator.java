package dev.vertxcrawler.fetch;

import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One response body as it streams in, chunk by chunk, with no network attached: the chunks are decoded
 * (gzip, deflate — {@link BodyDecoder}, in steps of 16 KiB), each decoded piece is hashed (SHA-256) and
 * counted, and nothing beyond the policy's cap of decoded bytes is ever kept or even inflated. The encoded
 * bytes are bounded too ({@link #RAW_SLACK} past the cap), so a stream that inflates to little cannot run on.
 * {@link #write} says when to stop; the caller then resets the connection. Event-loop only, not thread-safe.
 */
final class BodyAccumulator {
  /** What the body needs after a chunk. */
  enum Step {
    /** Keep reading. */
    MORE,
    /** Cut at the cap and complete (a truncating policy): stop reading, the fetch succeeds. */
    CUT,
    /** Failed ({@link #error()}): stop reading. */
    FAILED
  }

  /** Encoded bytes allowed beyond the decoded cap (headers of the coding, incompressible data's overhead). */
  static final long RAW_SLACK = 64 * 1024;
  /** A body is sized from Content-Length up to this; beyond it, it grows as bytes arrive (a claim is no proof). */
  private static final int MAX_PRESIZE = 256 * 1024;

  private final BodyPolicy policy;
  private final BodyDecoder decoder;
  private final MessageDigest digest = newDigest();
  private final Buffer body;
  private final Buffer raw;
  private String error;
  private long bytes;
  private long rawBytes;
  private boolean rawTruncated;
  private boolean cutAtCap;
  private boolean done;

  /**
   * @param keepBody keep the decoded body (else it is only hashed and counted)
   * @param keepRaw  keep the body as received, before decoding (for the archive), up to the cap plus slack
   */
  BodyAccumulator(BodyPolicy policy, String contentLength, String contentEncoding, boolean keepBody,
      boolean keepRaw) {
    this.policy = policy;
    this.decoder = BodyDecoder.forEncoding(contentEncoding);
    this.body = keepBody ? Buffer.buffer(initialCapacity(contentLength, contentEncoding)) : null;
    this.raw = keepRaw ? Buffer.buffer(initialCapacity(contentLength, null)) : null;
    if (!policy.truncateAtCap() && contentLength != null && parseLong(contentLength) > policy.maxBytes()) {
      stop(FetchErrors.TOO_LARGE); // declared too large: not one byte of it is read
    } else if (decoder == null) {
      stop(FetchErrors.UNSUPPORTED_ENCODING); // not requested (we ask for gzip and deflate only)
    }
  }

  /** One chunk as received; once the answer is not MORE, further chunks are ignored. */
  Step write(Buffer chunk) {
    if (done) {
      return error != null ? Step.FAILED : Step.CUT;
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
      stop(FetchErrors.TOO_LARGE);
      return Step.FAILED;
    }
    try {
      decoder.feed(chunk, this::offer);
    } catch (BodyDecoder.DecodeException e) {
      stop(FetchErrors.DECODE);
    }
    return !done ? Step.MORE : error != null ? Step.FAILED : Step.CUT;
  }

  /** The body ended: null when it is complete, else the error (a compressed stream cut before its end). */
  String end() {
    if (!done) {
      if (!decoder.finishedCleanly()) {
        stop(FetchErrors.TRUNCATED);
      } else {
        done = true;
        close();
      }
    }
    return error;
  }

  /** One decoded piece; false once the cap is reached (the decoder then stops inflating). */
  private boolean offer(Buffer piece) {
    if (done) {
      return false;
    }
    long room = policy.maxBytes() - bytes;
    if (piece.length() > room) {
      if (policy.truncateAtCap()) {
        cutAtCap = true;
        accept(piece.slice(0, (int) room));
        done = true;
        close();
      } else {
        bytes = policy.maxBytes();
        stop(FetchErrors.TOO_LARGE);
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

  private void stop(String kind) {
    if (error == null) {
      error = kind;
    }
    done = true;
    close();
  }

  /** Releases the decoder's native memory; safe to call again. */
  void close() {
    if (decoder != null) {
      decoder.close();
    }
  }

  /** Null while the body is fine; else the error kind (too-large, decode, truncated, unsupported-encoding). */
  String error() {
    return error;
  }

  long bytes() {
    return bytes;
  }

  long rawBytes() {
    return rawBytes;
  }

  /** The SHA-256 of the decoded bytes kept; call once, when the body is complete. */
  String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }

  Buffer body() {
    return body;
  }

  Buffer raw() {
    return raw;
  }

  /** The archive's copy is not the whole body (cut at the cap, or past the raw slack). */
  boolean rawIncomplete() {
    return rawTruncated || cutAtCap;
  }

  boolean cutAtCap() {
    return cutAtCap;
  }

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

  static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Cloned per body: getInstance looks the provider up each time (about 2 % of the event loop on a broad crawl). */
  private static final MessageDigest SHA_256 = lookUpSha256();

  private static MessageDigest newDigest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return lookUpSha256(); // a provider whose digest cannot be cloned
    }
  }

  private static MessageDigest lookUpSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
