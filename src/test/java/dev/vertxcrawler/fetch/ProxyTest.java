package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.config.NetworkConfig;
import dev.vertxcrawler.config.ProxyRoute;
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
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** network.proxy: a real forward proxy (in-process, on 127.0.0.1) between the crawler and the site. */
@ExtendWith(VertxExtension.class)
class ProxyTest {

  /** A forward proxy: absolute-form requests are fetched from their origin; names ending .invalid it answers itself. */
  static final class ForwardProxy {
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

  static Future<TestServer> site(Vertx vertx) {
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
    NetworkConfig network() {
      return new NetworkConfig(true, List.of(), List.of(), proxy, List.of());
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
