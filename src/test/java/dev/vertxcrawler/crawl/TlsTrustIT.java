package dev.vertxcrawler.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CaCertificates;
import dev.vertxcrawler.config.ConfigException;
import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.HttpConfig;
import dev.vertxcrawler.fetch.FetchErrors;
import dev.vertxcrawler.fetch.FetchRequest;
import dev.vertxcrawler.fetch.Fetcher;
import dev.vertxcrawler.frontier.SeedSource;
import dev.vertxcrawler.report.ConsoleLog;
import dev.vertxcrawler.store.CrawlOutput;
import dev.vertxcrawler.store.FrontierStores;
import dev.vertxcrawler.testing.CrawlHarness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * HTTPS to a site whose certificate the JVM does not trust: a loopback server with a self-signed certificate
 * made here. The refusal is named (tls-self-signed, tls-hostname) and the host given up at once, not after
 * robotsUnavailableMaxMs; http.caFile makes the same site crawl; http.insecure trusts anything.
 */
@ExtendWith(VertxExtension.class)
class TlsTrustIT {
  private static SelfSignedCertificate certificate; // CN=localhost

  @BeforeAll
  static void makeCertificate() {
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void deleteCertificate() {
    certificate.delete();
  }

  private static Future<HttpServer> httpsServer(Vertx vertx) {
    return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(req -> {
          if (req.path().equals("/robots.txt")) {
            req.response().putHeader("content-type", "text/plain").end("User-agent: *\nAllow: /\n");
          } else {
            req.response().putHeader("content-type", "text/html").end("<html><body>secure</body></html>");
          }
        })
        .listen(0, "127.0.0.1");
  }

  private static HttpConfig http(String caFile, boolean insecure) {
    return new HttpConfig(5_000, 5_000, 10_000, 1 << 20, 0, 65_536, Map.of(), caFile,
        CaCertificates.read("http.caFile", caFile), insecure);
  }

  @Test
  void aSelfSignedCertificateIsNamedAtOnceAndTheCaFileOrInsecureTrustsIt(Vertx vertx, VertxTestContext ctx) {
    httpsServer(vertx).compose(server -> {
      String ip = "https://127.0.0.1:" + server.actualPort() + "/";
      String named = "https://localhost:" + server.actualPort() + "/";
      Fetcher plain = new Fetcher(vertx, http("", false), "test", 1);
      Fetcher withCa = new Fetcher(vertx, http(certificate.certificatePath(), false), "test", 1);
      Fetcher insecure = new Fetcher(vertx, http("", true), "test", 1);
      return plain.fetch(FetchRequest.page(ip)).compose(refused -> {
        ctx.verify(() -> {
          assertEquals(FetchErrors.TLS_SELF_SIGNED, refused.error());
          assertTrue(refused.elapsedMs() < 1000, "refused in " + refused.elapsedMs() + " ms");
        });
        return withCa.fetch(FetchRequest.page(named));
      }).compose(trusted -> {
        ctx.verify(() -> {
          assertNull(trusted.error(), "trusted through http.caFile");
          assertEquals(200, trusted.status());
        });
        return withCa.fetch(FetchRequest.page(ip));
      }).compose(wrongName -> {
        ctx.verify(() -> assertEquals(FetchErrors.TLS_HOSTNAME, wrongName.error(), "the cert is for localhost"));
        return insecure.fetch(FetchRequest.page(ip));
      }).onComplete(ctx.succeeding(anything -> ctx.verify(() -> {
        assertNull(anything.error(), "http.insecure trusts anything");
        assertEquals(200, anything.status());
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aCrawlSkipsTheHostAtOnceWithTheReasonLogged(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    long[] startedAt = new long[1];
    httpsServer(vertx).compose(server -> {
      String seed = "https://127.0.0.1:" + server.actualPort() + "/";
      CrawlConfig config = CrawlHarness.config("maxPages=5");
      CrawlerVerticle crawler = new CrawlerVerticle(config,
          new SeedSource(vertx, List.of(seed), List.of()),
          new CrawlOutput(vertx, out),
          FrontierStores.create(vertx, config, out, false),
          new ConsoleLog(new PrintStream(logged, true, StandardCharsets.UTF_8), false));
      startedAt[0] = System.nanoTime();
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out));
    }).onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
      long tookMs = (System.nanoTime() - startedAt[0]) / 1_000_000;
      assertTrue(tookMs < 5_000, "given up in " + tookMs + " ms, not after robotsUnavailableMaxMs");
      JsonObject page = pages.get(0);
      assertEquals("skipped", page.getString("outcome"), page.encode());
      assertEquals(FetchErrors.TLS_SELF_SIGNED, page.getString("error"), page.encode());
      String log = logged.toString(StandardCharsets.UTF_8);
      assertTrue(log.contains(": certificate not trusted (self-signed) — its URLs are skipped; see http.caFile"),
          log);
      ctx.completeNow();
    })));
  }

  @Test
  void withTheCaFileTheSameSiteCrawls(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    httpsServer(vertx).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("maxPages=5", "http.caFile=" + certificate.certificatePath()), out,
            "https://localhost:" + server.actualPort() + "/"))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject page = result.pages().get(0);
          assertEquals(200, page.getInteger("status"), page.encode());
          assertNull(result.summary().getValue("tlsInsecure"));
          ctx.completeNow();
        })));
  }

  @Test
  void insecureCrawlsAnythingAndSaysSoInTheSummary(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    httpsServer(vertx).compose(server -> CrawlHarness.crawl(vertx,
            CrawlHarness.config("maxPages=5", "http.insecure=true"), out,
            "https://127.0.0.1:" + server.actualPort() + "/"))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(200, result.pages().get(0).getInteger("status"), result.pages().get(0).encode());
          assertEquals(Boolean.TRUE, result.summary().getBoolean("tlsInsecure"));
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingCaFileIsAConfigErrorNamingTheKeyAndTheFile() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> CrawlHarness.config("http.caFile=/nonexistent/roots.pem"));
    assertEquals("http.caFile: /nonexistent/roots.pem not found or not readable", e.getMessage());
  }
}
