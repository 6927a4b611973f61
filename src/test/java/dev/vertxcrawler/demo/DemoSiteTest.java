package dev.vertxcrawler.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DemoSiteTest {
  @Test
  void servesTheBundledFilesARedirectARobotsFileAnd404s(Vertx vertx, VertxTestContext ctx) {
    DemoSite site = new DemoSite(vertx);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setDefaultHost("127.0.0.1"));
    site.start().compose(port -> Future.all(
        client.get(port, "127.0.0.1", "/").send(),
        client.get(port, "127.0.0.1", "/old-guide/").send(),
        client.get(port, "127.0.0.1", "/robots.txt").send(),
        client.get(port, "127.0.0.1", "/no/such/page.html").send()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertTrue(site.fileCount() >= 100, "at least 100 files bundled");
          assertEquals(200, all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).statusCode());
          assertEquals("/guide/", all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).getHeader("location"));
          assertTrue(all.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(2)
              .bodyAsString().contains("Disallow: /private/"));
          assertEquals(404, all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(3).statusCode());
          ctx.completeNow();
        })));
  }
}
