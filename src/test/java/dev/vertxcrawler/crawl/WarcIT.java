package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.store.WarcArchive;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;

/** warc.enabled: every exchange of a real crawl, read back with jwarc's reader. */
@ExtendWith(VertxExtension.class)
class WarcIT {
  private static final int LEAVES = 30;
  private static final String HOME = "<title>Home</title><a href=/gz>gz</a> <a href=/chunked>c</a> <a href=/gone>g</a> "
      + "<a href=/moved>m</a>" + String.join("", java.util.stream.IntStream.range(0, LEAVES)
          .mapToObj(i -> " <a href=/leaf/" + i + ">" + i + "</a>").toList());

  /** Leaves of random text, 5 KB each: incompressible, so 30 of them fill more than one 64 KiB file. */
  private static String leaf(int i) {
    Random random = new Random(i);
    StringBuilder text = new StringBuilder("<title>leaf ").append(i).append("</title><p>");
    for (int n = 0; n < 5_000; n++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static void serve(HttpServerRequest req, byte[] gzipped) {
    String path = req.path();
    switch (path) {
      case "/robots.txt" -> req.response().putHeader("content-type", "text/plain").end("User-agent: *\nAllow: /\n");
      case "/" -> req.response().putHeader("content-type", "text/html").end(HOME);
      case "/gz" -> req.response().putHeader("content-type", "text/html").putHeader("content-encoding", "gzip")
          .end(Buffer.buffer(gzipped));
      case "/chunked" -> {
        req.response().setChunked(true).putHeader("content-type", "text/html");
        req.response().write("<title>in chunks</title>");
        req.response().end("<p>two");
      }
      case "/moved" -> req.response().setStatusCode(301).putHeader("location", "/leaf/0").end();
      default -> {
        if (path.startsWith("/leaf/")) {
          req.response().putHeader("content-type", "text/html").end(leaf(Integer.parseInt(path.substring(6))));
        } else {
          req.response().setStatusCode(404).putHeader("content-type", "text/html").end("<p>no");
        }
      }
    }
  }

  @Test
  void everyExchangeIsArchivedAsItWentOverTheWireAcrossRotatedFiles(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) throws Exception {
    byte[] gzipped = gzip("<title>zipped</title><p>" + "compressible ".repeat(500));
    TestServer.start(vertx, req -> serve(req, gzipped))
        .compose(server -> CrawlHarness.crawl(vertx, CrawlHarness.config("sitemaps.enabled=false", "warc.enabled=true",
            "warc.maxFileBytes=65536"), out, server.url("/")))
        .compose(result -> vertx.executeBlocking(() -> new Object[] {result, read(out)})) // files: blocking
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          CrawlHarness.Result result = (CrawlHarness.Result) r[0];
          Archive archive = (Archive) r[1];
          JsonObject summary = result.summary().getJsonObject("warc");
          assertNotNull(summary, "summary.json counts the archive");
          assertTrue(archive.files().size() >= 2, "rotated at 64 KiB: " + archive.files());
          assertEquals(archive.files().size(), summary.getLong("files"));
          for (int i = 0; i < archive.files().size(); i++) {
            assertTrue(archive.files().get(i).getFileName().toString()
                .matches("vertx-crawler-\\d{14}-0000" + i + "\\.warc\\.gz"), archive.files().get(i).toString());
            assertEquals("warcinfo", archive.firstTypes().get(i), "each file opens with a warcinfo record");
          }
          assertEquals(archive.records(), summary.getLong("records"));
          assertEquals(0L, summary.getLong("failed"));

          // Every fetched page, robots.txt too, has its response and, linked to it, the request as sent.
          List<String> fetched = new ArrayList<>(result.pages().stream()
              .filter(p -> "fetched".equals(p.getString("outcome"))).map(p -> p.getString("url")).toList());
          assertEquals(LEAVES + 5, fetched.size());
          String origin = fetched.get(0).substring(0, fetched.get(0).indexOf('/', 8));
          fetched.add(origin + "/robots.txt");
          assertEquals(new java.util.HashSet<>(fetched), archive.responses().keySet());
          for (JsonObject page : result.pages()) {
            Response response = archive.responses().get(page.getString("url"));
            assertEquals(page.getInteger("status").intValue(), response.status(), page.getString("url"));
            assertTrue(response.digestOk(), "WARC-Payload-Digest of " + page.getString("url"));
            Request request = archive.requests().get(response.concurrentTo());
            assertNotNull(request, "the request of " + page.getString("url"));
            assertEquals("GET", request.method());
            assertEquals(java.net.URI.create(page.getString("url")).getRawPath(), request.target());
            assertEquals("vertx-crawler/0.1", request.userAgent());
            assertEquals("127.0.0.1", response.ip());
          }
          // The body as received: still gzip-encoded, with its Content-Encoding; no chunked framing left.
          Response zipped = archive.responses().get(origin + "/gz");
          assertEquals(List.of("gzip"), zipped.headers().get("Content-Encoding"));
          assertArrayEquals(gzipped, zipped.payload());
          assertEquals("<title>zipped</title><p>" + "compressible ".repeat(500), new String(
              new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.payload())).readAllBytes(),
              StandardCharsets.UTF_8));
          Response chunked = archive.responses().get(origin + "/chunked");
          assertFalse(chunked.headers().containsKey("Transfer-Encoding"), "the framing is not archived");
          assertEquals("<title>in chunks</title><p>two", new String(chunked.payload(), StandardCharsets.UTF_8));
          assertEquals(301, archive.responses().get(origin + "/moved").status());
          assertEquals(leaf(7), new String(archive.responses().get(origin + "/leaf/7").payload(),
              StandardCharsets.UTF_8));
          ctx.completeNow();
        })));
  }

  private record Response(int status, Map<String, List<String>> headers, byte[] payload, boolean digestOk,
      java.net.URI concurrentTo, String ip) {
  }

  private record Request(String method, String target, String userAgent) {
  }

  private record Archive(List<Path> files, List<String> firstTypes, long records, Map<String, Response> responses,
      Map<java.net.URI, Request> requests) {
  }

  /** Every record of DIR/warc, read with jwarc (a record's body can be read only while it is current). */
  private static Archive read(Path out) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(out.resolve(WarcArchive.DIR))) {
      files = list.sorted().toList();
    }
    List<String> firstTypes = new ArrayList<>();
    long records = 0;
    Map<String, Response> responses = new HashMap<>();
    Map<java.net.URI, Request> requests = new HashMap<>();
    for (Path file : files) {
      try (WarcReader reader = new WarcReader(file)) {
        boolean first = true;
        for (WarcRecord record : reader) {
          records++;
          if (first) {
            firstTypes.add(record.type());
            first = false;
          }
          if (record instanceof WarcResponse response) {
            Map<String, List<String>> headers = response.http().headers().map();
            int status = response.http().status();
            byte[] payload = response.http().body().stream().readAllBytes();
            boolean digestOk = response.payloadDigest().map(d -> d.equals(new WarcDigest("sha1", sha1(payload))))
                .orElse(false);
            String ip = response.ipAddress().map(java.net.InetAddress::getHostAddress).orElse(null);
            Response old = responses.put(response.target(), new Response(status, headers, payload, digestOk,
                response.concurrentTo().get(0), ip));
            assertEquals(null, old, "one response per exchange: " + response.target());
          } else if (record instanceof WarcRequest request) {
            requests.put(request.id(), new Request(request.http().method(), request.http().target(),
                request.http().headers().first("User-Agent").orElse(null)));
          }
        }
      }
    }
    return new Archive(files, firstTypes, records, responses, requests);
  }

  private static byte[] sha1(byte[] payload) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(payload);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
