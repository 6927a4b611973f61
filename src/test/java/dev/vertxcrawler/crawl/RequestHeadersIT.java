package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.store.WarcArchive;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** http.headers: sent to the seeds' origins only, and never written down in the clear. */
@ExtendWith(VertxExtension.class)
class RequestHeadersIT {

  @Test
  void extraHeadersGoToTheSeedsOriginOnlyAndTheirSecretsAreMaskedInCrawlDbAndTheWarc(Vertx vertx,
      VertxTestContext ctx, @TempDir Path out) {
    Map<String, String> seen = new ConcurrentHashMap<>(); // "A /path" -> "Authorization | X-Team"
    Future<TestServer> other = TestServer.start(vertx, req -> {
      record(seen, "B", req);
      req.response().putHeader("content-type", "text/html").end("<p>elsewhere");
    });
    other.compose(b -> TestServer.start(vertx, req -> {
      record(seen, "A", req);
      req.response().putHeader("content-type", "text/html")
          .end("<a href=/a>a</a> <a href=" + b.url("/x") + ">x</a>");
    })).compose(a -> CrawlHarness.crawl(vertx, CrawlHarness.config("scope.hosts=any",
            "network.blockPrivateAddresses=false", "sitemaps.enabled=false", "warc.enabled=true",
            "http.headers.Authorization=Bearer s3cret", "http.headers.X-Team=docs"), out, a.url("/")))
        .compose(result -> vertx.executeBlocking(() -> new String[] {storedConfig(out), archive(out)}))
        .onComplete(ctx.succeeding(stored -> ctx.verify(() -> {
          assertEquals("Bearer s3cret | docs", seen.get("A /robots.txt"), "robots.txt of the seed's origin too");
          assertEquals("Bearer s3cret | docs", seen.get("A /"));
          assertEquals("Bearer s3cret | docs", seen.get("A /a"));
          assertEquals("null | null", seen.get("B /robots.txt"), "never to another origin");
          assertEquals("null | null", seen.get("B /x"));
          JsonObject headers = new JsonObject(stored[0]).getJsonObject("http.headers");
          assertEquals(new JsonObject().put("Authorization", "***").put("X-Team", "docs"), headers);
          assertTrue(stored[1].contains("Authorization: ***"), "the WARC request record masks it");
          assertTrue(stored[1].contains("X-Team: docs"));
          assertFalse(stored[1].contains("s3cret"), "the secret is in no archive");
          assertFalse(stored[0].contains("s3cret"), "nor in crawl.db");
          ctx.completeNow();
        })));
  }

  private static void record(Map<String, String> seen, String server, HttpServerRequest req) {
    seen.put(server + " " + req.path(), req.getHeader("Authorization") + " | " + req.getHeader("X-Team"));
  }

  private static String storedConfig(Path out) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("crawl.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT value FROM crawl WHERE key = 'config'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Every WARC file, decompressed (each record is a gzip member; GZIPInputStream reads them all). */
  private static String archive(Path out) throws Exception {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(out.resolve(WarcArchive.DIR))) {
      for (Path file : files.sorted().toList()) {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return text.toString();
  }
}
