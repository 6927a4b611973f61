package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The body accumulator on buffers alone: no server, no event loop. */
class BodyAccumulatorTest {

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** Feeds {@code bytes} in chunks of {@code size}; returns the first step that is not MORE (or MORE). */
  private static BodyAccumulator.Step feed(BodyAccumulator body, byte[] bytes, int size) {
    for (int off = 0; off < bytes.length; off += size) {
      BodyAccumulator.Step step = body.write(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, off,
          Math.min(bytes.length, off + size))));
      if (step != BodyAccumulator.Step.MORE) {
        return step;
      }
    }
    return BodyAccumulator.Step.MORE;
  }

  @Test
  void chunksAreKeptCountedAndHashedAsOne() throws Exception {
    byte[] served = random(100_003);
    BodyAccumulator body = new BodyAccumulator(BodyPolicy.page(1 << 20), null, null, true, true);
    assertEquals(BodyAccumulator.Step.MORE, feed(body, served, 4096));
    assertNull(body.end());
    assertEquals(served.length, body.bytes());
    assertEquals(sha256(served), body.sha256());
    assertEquals(Buffer.buffer(served), body.body());
    assertEquals(Buffer.buffer(served), body.raw());
  }

  @Test
  void overTheCapFailsTooLargeAndStopsAtTheCap() {
    BodyAccumulator body = new BodyAccumulator(BodyPolicy.page(10_000), null, null, true, false);
    assertEquals(BodyAccumulator.Step.FAILED, feed(body, random(50_000), 3000));
    assertEquals(FetchErrors.TOO_LARGE, body.error());
    assertEquals(10_000, body.bytes());
    assertTrue(body.body().length() <= 10_000, "never holds more than the cap");
  }

  @Test
  void aTruncatingPolicyCutsAtTheCapAndCompletes() throws Exception {
    byte[] served = random(50_000);
    BodyAccumulator body = new BodyAccumulator(BodyPolicy.truncated(10_000), null, null, true, true);
    assertEquals(BodyAccumulator.Step.CUT, feed(body, served, 3000));
    assertNull(body.error());
    assertEquals(10_000, body.bytes());
    assertEquals(sha256(java.util.Arrays.copyOf(served, 10_000)), body.sha256());
    assertTrue(body.rawIncomplete(), "the archive is told the body was cut");
  }

  @Test
  void aDeclaredLengthOverTheCapFailsBeforeAnyByte() {
    BodyAccumulator body = new BodyAccumulator(BodyPolicy.page(1000), "5000", null, true, false);
    assertEquals(FetchErrors.TOO_LARGE, body.error());
    assertEquals(0, body.bytes());
  }

  @Test
  void aGzipBombStopsAtTheDecodedCap() throws Exception {
    byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in about 64 KiB
    BodyAccumulator body = new BodyAccumulator(BodyPolicy.page(1 << 20), null, "gzip", true, false);
    assertEquals(BodyAccumulator.Step.FAILED, feed(body, bomb, 8192));
    assertEquals(FetchErrors.TOO_LARGE, body.error());
    assertEquals(1 << 20, body.bytes(), "inflated no further than the cap");
  }

  @Test
  void gzipIsDecodedHashedDecodedAndACutStreamIsTruncated() throws Exception {
    byte[] html = "<html>lighthouse</html>".repeat(5000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] encoded = gzip(html);
    BodyAccumulator whole = new BodyAccumulator(BodyPolicy.page(1 << 20), null, "gzip", true, false);
    feed(whole, encoded, 1000);
    assertNull(whole.end());
    assertEquals(html.length, whole.bytes());
    assertEquals(sha256(html), whole.sha256());

    BodyAccumulator cut = new BodyAccumulator(BodyPolicy.page(1 << 20), null, "gzip", true, false);
    feed(cut, java.util.Arrays.copyOf(encoded, encoded.length / 2), 1000);
    assertEquals(FetchErrors.TRUNCATED, cut.end());
  }

  @Test
  void corruptAndUnrequestedCodingsAreRefused() {
    BodyAccumulator corrupt = new BodyAccumulator(BodyPolicy.page(1 << 20), null, "gzip", true, false);
    assertEquals(BodyAccumulator.Step.FAILED, feed(corrupt, random(5000), 1000));
    assertEquals(FetchErrors.DECODE, corrupt.error());
    assertEquals(FetchErrors.UNSUPPORTED_ENCODING,
        new BodyAccumulator(BodyPolicy.page(1 << 20), null, "br", true, false).error());
  }
}
