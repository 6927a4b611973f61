package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.crawl.CrawlerVerticle;
import dev.vertxcrawler.testing.CrawlHarness;
import dev.vertxcrawler.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** network.proxy: a real forward proxy (in-process, on 127.0.0.1) between the crawler and the site. */
@ExtendWith(VertxExtension.class)
class ProxyTest {

  /** A forward proxy: absolute-form requests are fetched from their origin; names ending .invalid it answers itself. */
  private static final class ForwardProxy {
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** When set, a request without exactly this Proxy-Authorization gets 407. */
    String requiredAuthorization;
    HttpServer server;

    Future<ForwardProxy> start(Vertx vertx) {
      HttpClient upstream = vertx.createHttpClient();
      return vertx.createHttpServer().requestHandler(req -> {
        requests.add(req.method() + " " + req.uri());
        authorizations.add(String.valueOf(req.getHeader("Proxy-Authorization")));
        if (requiredAuthorization != null && !requiredAuthorization.equals(req.getHeader("Proxy-Authorization"))) {
          req.response().setStatusCode(407).putHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").end();
          return;
        }
        if (req.method() == HttpMethod.CONNECT) {
          req.response().setStatusCode(403).end();
          return;
        }
        URI target = URI.create(req.uri());
        if (target.getHost().endsWith(".invalid")) { // a name only this proxy knows
          req.response().putHeader("content-type", "text/html").end("<title>via the proxy</title>");
          return;
        }
        upstream.request(new RequestOptions().setAbsoluteURI(req.uri()))
            .compose(up -> up.send().compose(resp -> resp.body().map(body -> {
              req.response().setStatusCode(resp.statusCode());
              String type = resp.getHeader("content-type");
              if (type != null) {
                req.response().putHeader("content-type", type);
              }
              return body;
            })))
            .onSuccess(body -> req.response().end(body))
            .onFailure(err -> req.response().setStatusCode(502).end());
      }).listen(0, "127.0.0.1").map(s -> {
        server = s;
        return this;
      });
    }

    String url(String userInfo) {
      return "http://" + userInfo + "127.0.0.1:" + server.actualPort();
    }
  }

  private static Future<TestServer> site(Vertx vertx) {
    return TestServer.start(vertx, req -> {
      String html = switch (req.path()) {
        case "/" -> "<a href=/a>a</a> <a href=/b>b</a> <a href=http://elsewhere.invalid/x>x</a> "
            + "<a href=http://127.0.0.2:" + req.localAddress().port() + "/private>private</a>";
        case "/a", "/b" -> "<title>" + req.path() + "</title>";
        default -> null;
      };
      if (html == null) {
        req.response().setStatusCode(404).end();
      } else {
        req.response().putHeader("content-type", "text/html").end(html);
      }
    });
  }

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
  void aPageBehindARefusingProxyIsRecordedProxyAuth(Vertx vertx, VertxTestContext ctx) {
    ForwardProxy proxy = new ForwardProxy();
    proxy.requiredAuthorization = "Basic x";
    proxy.start(vertx).compose(p -> {
      AddressGuard guard = new AddressGuard(vertx, new NetworkConfigs(proxy.url("")).network());
      Fetcher fetcher = new Fetcher(vertx, CrawlConfig.defaults().http(), "test/1", 1, guard);
      return fetcher.fetch(FetchRequest.page("http://site.invalid/page"));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertEquals(FetchErrors.PROXY_AUTH, result.error());
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

  @Test
  void httpsGoesThroughATunnelToTheHostByName(Vertx vertx, VertxTestContext ctx) {
    ForwardProxy proxy = new ForwardProxy();
    proxy.start(vertx).compose(p -> {
      NetworkConfigs configs = new NetworkConfigs(proxy.url(""));
      AddressGuard guard = new AddressGuard(vertx, configs.network());
      Fetcher fetcher = new Fetcher(vertx, CrawlConfig.defaults().http(), "test/1", 1, guard);
      return fetcher.fetch(FetchRequest.page("https://secure.invalid/page"));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertFalse(result.complete(), "the proxy refused the tunnel");
      assertEquals(List.of("CONNECT secure.invalid:443"), proxy.requests);
      ctx.completeNow();
    })));
  }

  private record NetworkConfigs(String proxy) {
    dev.vertxcrawler.config.NetworkConfig network() {
      return new dev.vertxcrawler.config.NetworkConfig(true, List.of(), List.of(), proxy, List.of());
    }
  }

  @Test
  void aProxyUrlIsCheckedAndItsPasswordNeverShown() {
    for (String bad : List.of("socks5://127.0.0.1:1080", "127.0.0.1:3128", "http://proxy", "http://proxy:3128/path",
        "https://proxy:3128")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyRoute.of(bad, List.of()));
      assertTrue(e.getMessage().startsWith("must be http://[user:password@]host:port"), e.getMessage());
    }
    assertEquals("http://u:***@proxy:3128", ProxyRoute.masked("http://u:secret@proxy:3128"));
    assertEquals("http://u@proxy:3128", ProxyRoute.masked("http://u@proxy:3128"));
    assertEquals("http://proxy:3128", ProxyRoute.masked("http://proxy:3128"));
    assertFalse(assertThrows(IllegalArgumentException.class,
        () -> ProxyRoute.of("http://u:secret@proxy:3128/x", List.of())).getMessage().contains("secret"));
  }

  @Test
  void noProxyMatchesNamesAddressesAndDomains() {
    ProxyRoute route = ProxyRoute.of("http://proxy:3128", List.of("localhost", "10.1.2.3", ".corp.example", "[::1]"));
    assertNull(route.forHost("LOCALHOST"));
    assertNull(route.forHost("10.1.2.3"));
    assertNull(route.forHost("corp.example"));
    assertNull(route.forHost("wiki.corp.example"));
    assertNull(route.forHost("[::1]"));
    assertEquals("proxy", route.forHost("notcorp.example").getHost());
    assertEquals(3128, route.forHost("example.org").getPort());
    assertNull(ProxyRoute.of("http://proxy:3128", List.of("*")).forHost("example.org"));
    assertNull(ProxyRoute.of("", List.of()).forHost("example.org"), "no proxy: every request is direct");
  }

  @Test
  void theForwardedBodyIsTheSites(Vertx vertx, VertxTestContext ctx) {
    // the proxy used above forwards bodies unchanged (else the assertions on titles would test the proxy)
    ForwardProxy proxy = new ForwardProxy();
    proxy.start(vertx).compose(p -> site(vertx)).compose(site -> vertx.createHttpClient()
        .request(new RequestOptions().setAbsoluteURI(site.url("/a")).setProxyOptions(
            new io.vertx.core.net.ProxyOptions().setHost("127.0.0.1").setPort(proxy.server.actualPort())))
        .compose(req -> req.send().compose(resp -> resp.body())))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertEquals(Buffer.buffer("<title>/a</title>"), body);
          ctx.completeNow();
        })));
  }
}
