package dev.vertxcrawler.store;

import dev.vertxcrawler.config.RequestHeaders;
import dev.vertxcrawler.fetch.Capture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * The crawl's WARC archive ({@code warc.enabled}): every captured exchange becomes a response record and a
 * request record (WARC 1.0, each record gzipped on its own, written with the IIPC's jwarc) in {@code DIR/warc/};
 * a file is closed once it passes {@code warc.maxFileBytes}, and each file opens with a warcinfo record.
 * Compression and file I/O run on one ordered worker thread, never the event loop; all state lives on it.
 */
public final class WarcArchive implements Capture.Sink {
  public static final String DIR = "warc";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final WorkerExecutor executor;
  private final Path dir;
  private final String prefix;
  private final long maxFileBytes;
  private final Map<String, List<String>> info;
  private final Consumer<String> warn;
  private WarcWriter writer;
  private java.net.URI infoId;
  private int serial;
  private long files;
  private long records;
  private long bytesClosed;
  private long failures;

  /**
   * @param outputDir the crawl's directory (files go to its {@code warc/})
   * @param warn      where the first failed write is reported (later ones are only counted)
   */
  public WarcArchive(Vertx vertx, Path outputDir, long maxFileBytes, String software, String userAgent,
      Consumer<String> warn) {
    this.executor = vertx.createSharedWorkerExecutor("crawl-warc-" + outputDir.toAbsolutePath(), 1);
    this.dir = outputDir.resolve(DIR);
    // A resumed crawl starts new files: the start time is in every name.
    this.prefix = "vertx-crawler-" + STAMP.format(Instant.now()) + "-";
    this.maxFileBytes = maxFileBytes;
    this.warn = warn;
    this.info = new LinkedHashMap<>();
    info.put("software", List.of(software));
    info.put("format", List.of("WARC File Format 1.0"));
    info.put("conformsTo", List.of("http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf"));
    info.put("http-header-user-agent", List.of(userAgent));
    info.put("robots", List.of("obey"));
    info.put("isPartOf", List.of(outputDir.toAbsolutePath().getFileName().toString()));
  }

  @Override
  public Future<Void> record(Capture capture) {
    return executor.executeBlocking(() -> {
      try {
        write(capture);
      } catch (IOException | RuntimeException e) {
        if (failures++ == 0) {
          warn.accept("error: WARC record of " + capture.url() + " not written (" + e.getMessage()
              + ") — the crawl goes on; summary.json counts the records lost (warc.failed)");
        }
      }
      return null;
    }, true);
  }

  /** Closes the open file; then {@code files}, {@code records}, {@code bytes} and {@code failed} for summary.json. */
  public Future<JsonObject> close() {
    return executor.executeBlocking(() -> {
      closeFile();
      return new JsonObject().put("files", files).put("records", records).put("bytes", bytesClosed)
          .put("failed", failures);
    }, true).eventually(executor::close);
  }

  private void write(Capture c) throws IOException {
    if (writer == null || writer.position() >= maxFileBytes) {
      nextFile();
    }
    HttpRequest.Builder sent = new HttpRequest.Builder("GET", c.requestTarget()).version(MessageVersion.HTTP_1_1);
    // As sent, except a secret's value (http.headers): archives get shared.
    c.requestHeaders().forEach(h -> sent.addHeader(h.getKey(),
        RequestHeaders.isSecret(h.getKey()) ? RequestHeaders.MASK : h.getValue()));
    WarcRequest request = new WarcRequest.Builder(c.url()).date(c.date()).warcinfoId(infoId).body(sent.build())
        .build();
    byte[] payload = c.payload().getBytes();
    HttpResponse.Builder received = new HttpResponse.Builder(c.status(), c.reason() == null ? "" : c.reason())
        .version("HTTP/1.0".equals(c.httpVersion()) ? MessageVersion.HTTP_1_0 : MessageVersion.HTTP_1_1);
    c.responseHeaders().forEach(h -> received.addHeader(h.getKey(), h.getValue()));
    received.body(null, payload);
    WarcResponse.Builder response = new WarcResponse.Builder(c.url()).date(c.date()).warcinfoId(infoId)
        .body(received.build()).concurrentTo(request.id()).payloadDigest(new WarcDigest(sha1(payload)));
    if (c.address() != null) {
      response.ipAddress(InetAddress.getByName(c.address())); // an address literal: no lookup
    }
    if (c.truncated()) {
      response.truncated(WarcTruncationReason.LENGTH);
    }
    writer.write(response.build());
    writer.write(request);
    records += 2;
  }

  private void nextFile() throws IOException {
    closeFile();
    Files.createDirectories(dir);
    FileChannel channel;
    while (true) {
      Path file = dir.resolve(String.format(java.util.Locale.ROOT, "%s%05d.warc.gz", prefix, serial++));
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        break;
      } catch (FileAlreadyExistsException e) {
        // a crawl resumed within the same second: take the next serial, never overwrite
      }
    }
    writer = new WarcWriter(channel, WarcCompression.GZIP);
    files++;
    Warcinfo warcinfo = new Warcinfo.Builder().date(Instant.now()).fields(info).build();
    infoId = warcinfo.id();
    writer.write(warcinfo);
    records++;
  }

  private void closeFile() throws IOException {
    if (writer != null) {
      bytesClosed += writer.position();
      writer.close();
      writer = null;
    }
  }

  private static MessageDigest sha1(byte[] payload) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1"); // WARC-Payload-Digest's customary algorithm
      sha1.update(payload);
      return sha1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-1", e);
    }
  }
}
