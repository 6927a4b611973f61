package dev.vertxcrawler.fetch;

import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes Content-Encoding as the body streams in, handing on decoded bytes at most {@link #STEP} at a
 * time — so a decompression bomb never gets further than the body cap: the sink says stop, and no more is
 * inflated. gzip and deflate (zlib-wrapped or raw) are decoded; they are the only codings requested.
 * Anything else (br, zstd, compress) was not asked for and is refused ({@link #forEncoding} gives null).
 */
abstract class BodyDecoder {
  static final int STEP = 16 * 1024;

  /** Thrown for a body that does not decode; recorded as the error kind {@code decode}. */
  static final class DecodeException extends Exception {
    DecodeException(String message) {
      super(message);
    }
  }

  /** The decoder for a Content-Encoding header (null or identity: pass-through), or null when unsupported. */
  static BodyDecoder forEncoding(String contentEncoding) {
    String coding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (coding) {
      case "", "identity" -> new Identity();
      case "gzip", "x-gzip" -> new Inflating(true);
      case "deflate" -> new Inflating(false);
      default -> null;
    };
  }

  /**
   * Decodes {@code chunk} and offers the output to {@code sink} piece by piece; stops as soon as the sink
   * returns false (cap reached). Returns false when it stopped.
   */
  abstract boolean feed(Buffer chunk, Predicate<Buffer> sink) throws DecodeException;

  /** The body ended: true when the encoded stream was complete. */
  abstract boolean finishedCleanly();

  /** Releases native memory (the Inflater); safe to call twice. */
  void close() {
  }

  private static final class Identity extends BodyDecoder {
    @Override
    boolean feed(Buffer chunk, Predicate<Buffer> sink) {
      return sink.test(chunk);
    }

    @Override
    boolean finishedCleanly() {
      return true;
    }
  }

  private static final class Inflating extends BodyDecoder {
    private final boolean gzip;
    private final byte[] out = new byte[STEP];
    private Inflater inflater;
    private Buffer header = Buffer.buffer(); // gzip header or the first zlib bytes, until recognised
    private boolean ended;

    Inflating(boolean gzip) {
      this.gzip = gzip;
    }

    @Override
    boolean feed(Buffer chunk, Predicate<Buffer> sink) throws DecodeException {
      byte[] input = chunk.getBytes();
      int offset = 0;
      if (inflater == null) {
        header.appendBytes(input);
        int start = gzip ? gzipHeaderLength(header) : zlibStart(header);
        if (start < 0) {
          return true; // header not complete yet
        }
        if (gzip) {
          inflater = new Inflater(true);
        }
        input = header.getBytes();
        offset = start;
        header = null;
      }
      if (ended || offset >= input.length) {
        return true; // trailing bytes after the stream (gzip trailer, padding) are ignored
      }
      inflater.setInput(input, offset, input.length - offset);
      try {
        while (!inflater.finished()) {
          int n = inflater.inflate(out);
          if (n > 0) {
            if (!sink.test(Buffer.buffer(java.util.Arrays.copyOf(out, n)))) {
              return false;
            }
          } else if (inflater.needsInput() || inflater.needsDictionary()) {
            break;
          }
        }
      } catch (DataFormatException e) {
        throw new DecodeException("corrupt " + (gzip ? "gzip" : "deflate") + " body: " + e.getMessage());
      }
      ended = inflater.finished();
      return true;
    }

    /** deflate may come zlib-wrapped (RFC 1950, as the spec says) or raw (as some servers send it). */
    private int zlibStart(Buffer seen) {
      if (seen.length() < 2) {
        return -1;
      }
      int cmf = seen.getByte(0) & 0xff;
      int flg = seen.getByte(1) & 0xff;
      boolean wrapped = (cmf & 0x0f) == 8 && (cmf * 256 + flg) % 31 == 0;
      inflater = new Inflater(!wrapped);
      return 0;
    }

    @Override
    boolean finishedCleanly() {
      return ended;
    }

    @Override
    void close() {
      if (inflater != null) {
        inflater.end();
      }
    }

    /** RFC 1952 member header: fixed 10 bytes, then optional extra, name, comment and header CRC; -1 = incomplete. */
    private static int gzipHeaderLength(Buffer b) throws DecodeException {
      if (b.length() >= 2 && ((b.getByte(0) & 0xff) != 0x1f || (b.getByte(1) & 0xff) != 0x8b)) {
        throw new DecodeException("not a gzip body (no gzip magic)");
      }
      if (b.length() < 10) {
        return -1;
      }
      if (b.getByte(2) != 8) {
        throw new DecodeException("gzip body with an unknown compression method");
      }
      int flags = b.getByte(3) & 0xff;
      int pos = 10;
      if ((flags & 4) != 0) { // FEXTRA
        if (b.length() < pos + 2) {
          return -1;
        }
        pos += 2 + ((b.getByte(pos) & 0xff) | (b.getByte(pos + 1) & 0xff) << 8);
      }
      for (int flag : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
        if ((flags & flag) != 0) {
          while (pos < b.length() && b.getByte(pos) != 0) {
            pos++;
          }
          if (pos >= b.length()) {
            return b.length() > 65_536 ? fail() : -1;
          }
          pos++;
        }
      }
      if ((flags & 2) != 0) { // FHCRC
        pos += 2;
      }
      return pos <= b.length() ? pos : -1;
    }

    private static int fail() throws DecodeException {
      throw new DecodeException("gzip header longer than 64 KiB");
    }
  }
}
