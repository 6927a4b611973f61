package dev.vertxcrawler.fetch;

import static dev.vertxcrawler.fetch.ProxyTest.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.ProxyRoute;
import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.fetch.ProxyTest.ForwardProxy;
import dev.vertxcrawler.testing.CrawlHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** network.proxy in whole crawls, through ProxyTest's forward proxy (in-process, on 127.0.0.1). */
@ExtendWith(VertxExtension.class)
class ProxyIT {

  private static Map<String, JsonObject> byUrl(List<JsonObject> pages) {
    Map<String, JsonObject> map = new HashMap<>();
    pages.forEach(p -> map.put(p.getString("url"), p));
    return map;
  }

  @Test
  void everyRequestGoesThroughTheProxyWithItsCredentialsAndTheGuardStillHolds(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    ForwardProxy proxy = new ForwardProxy();
    proxy.start(vertx).compose(p -> site(vertx)).compose(site -> {
      // the password holds a ':' (percent-encoded in the URL): the proxy must receive it decoded
      CrawlConfig config = CrawlHarness.config("network.proxy=" + proxy.url("crawler:s%3Acret@"),
          "scope.hosts=any", "maxDepth=1", "sitemaps.enabled=false");
      assertFalse(config.effective().getString("network.proxy").contains("cret"), "no password in crawl.db");
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, config, out, List.of(site.url("/")));
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out))
          .map(pages -> new JsonObject().put("site", site.origin()).put("port", site.port())
              .put("pages", pages).put("siteRequests", site.requests().size()));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      String site = result.getString("site");
      Map<String, JsonObject> pages = byUrl(result.getJsonArray("pages").stream().map(o -> (JsonObject) o).toList());
      assertEquals(200, pages.get(site + "/a").getInteger("status"));
      assertEquals("/b", pages.get(site + "/b").getString("title"));
      assertEquals("via the proxy", pages.get("http://elsewhere.invalid/x").getString("title"),
          "a name that does not resolve here is left to the proxy");
      String blocked = "http://127.0.0.2:" + result.getInteger("port") + "/private";
      assertEquals("blocked-address", pages.get(blocked).getString("error"), "the guard still refuses it");
      assertTrue(proxy.requests.containsAll(List.of("GET " + site + "/robots.txt", "GET " + site + "/",
          "GET " + site + "/a", "GET " + site + "/b", "GET http://elsewhere.invalid/robots.txt",
          "GET http://elsewhere.invalid/x")), proxy.requests.toString());
      assertTrue(proxy.requests.stream().noneMatch(r -> r.contains("127.0.0.2")), "never sent to the proxy");
      assertEquals(result.getInteger("siteRequests"), (int) proxy.requests.stream().filter(r -> r.contains(site)).count(),
          "every request the site saw came through the proxy");
      String basic = "Basic " + Base64.getEncoder().encodeToString("crawler:s:cret".getBytes(StandardCharsets.UTF_8));
      assertEquals(List.of(basic), proxy.authorizations.stream().distinct().toList());
      ctx.completeNow();
    })));
  }

  @Test
  void wrongProxyCredentialsFailEveryFetchAsProxyAuthNotAsThePagesStatus(Vertx vertx, VertxTestContext ctx,
      @TempDir Path out) {
    ForwardProxy proxy = new ForwardProxy();
    proxy.requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString("crawler:right".getBytes(StandardCharsets.UTF_8));
    proxy.start(vertx).compose(p -> site(vertx)).compose(site -> {
      CrawlConfig config = CrawlHarness.config("network.proxy=" + proxy.url("crawler:wrong@"), "sitemaps.enabled=false",
          "politeness.robotsUnavailableMaxMs=0");
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, config, out, List.of(site.url("/")));
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out).map(pages -> new JsonObject().put("summary", summary)
              .put("pages", pages).put("siteRequests", site.requests().size())));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertEquals(0, result.getInteger("siteRequests"), "nothing reached the site");
      assertTrue(proxy.requests.size() >= 1);
      JsonObject robots = result.getJsonObject("summary").getJsonObject("robots");
      assertEquals(1, robots.getInteger("unavailable"), "robots.txt through a refusing proxy is unavailable: "
          + robots);
      ctx.completeNow();
    })));
  }

  @Test
  void hostsInNoProxyAreFetchedDirectly(Vertx vertx, VertxTestContext ctx, @TempDir Path out) {
    ForwardProxy proxy = new ForwardProxy();
    proxy.start(vertx).compose(p -> site(vertx)).compose(site -> {
      CrawlConfig config = CrawlHarness.config("network.proxy=" + proxy.url(""), "network.noProxy=127.0.0.1",
          "sitemaps.enabled=false");
      CrawlerVerticle crawler = CrawlHarness.verticle(vertx, config, out, List.of(site.url("/")));
      return vertx.deployVerticle(crawler).compose(id -> crawler.finished())
          .compose(summary -> CrawlHarness.readPages(vertx, out));
    }).onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
      assertEquals(3, pages.stream().filter(p -> Integer.valueOf(200).equals(p.getInteger("status"))).count(),
          pages.toString());
      assertEquals(List.of(), proxy.requests);
      ctx.completeNow();
    })));
  }
}
