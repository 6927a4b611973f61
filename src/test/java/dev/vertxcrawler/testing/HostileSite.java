package dev.vertxcrawler.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The adversarial web for the hostile-web tests, all on loopback: a main site of hostile pages, a raw TCP
 * server for malformed HTTP, one origin per hostile robots.txt, and a canary on 127.0.0.2 that must never
 * be reached — pages, redirects and robots.txt point at it in every spelling.
 */
public final class HostileSite {
  /** Bomb size: far over any cap a test uses, a few hundred KiB on the wire. */
  public static final int BOMB_BYTES = 64 * 1024 * 1024;
  /** Nesting depth of /deep: 50 000 divs, about 550 KB. */
  public static final int DEEP = 50_000;

  private final Vertx vertx;
  public final List<String> canaryRequests = new CopyOnWriteArrayList<>();
  public final Map<String, Integer> ports = new LinkedHashMap<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private RawHttpServer raw;
  private byte[] gzipBomb;
  private byte[] deflateBomb;

  public HostileSite(Vertx vertx) {
    this.vertx = vertx;
  }

  public String main(String path) {
    return "http://127.0.0.1:" + ports.get("main") + path;
  }

  public String origin(String name) {
    return "http://127.0.0.1:" + ports.get(name);
  }

  public int canaryPort() {
    return ports.get("canary");
  }

  public RawHttpServer raw() {
    return raw;
  }

  /** Every seed: the main site, the raw server and each robots.txt origin. */
  public List<String> seeds() {
    List<String> seeds = new ArrayList<>(List.of(main("/"), raw.url("/")));
    for (String name : List.of("robots-5xx", "robots-redirect", "robots-600k", "robots-html", "robots-delay")) {
      seeds.add(origin(name) + "/");
    }
    return seeds;
  }

  public Future<HostileSite> start() {
    return vertx.executeBlocking(() -> {
      gzipBomb = gzip(new byte[BOMB_BYTES]);
      deflateBomb = deflate(new byte[BOMB_BYTES], false);
      return null;
    }, false)
        .compose(v -> listen("canary", "127.0.0.2", req -> {
          canaryRequests.add(req.uri());
          html(req, "<title>canary</title>");
        }))
        .compose(v -> listen("main", "127.0.0.1", this::main))
        .compose(v -> robotsOrigin("robots-5xx", req -> req.response().setStatusCode(503).end("busy")))
        .compose(v -> robotsOrigin("robots-redirect", req -> req.response().setStatusCode(302)
            .putHeader("location", "http://127.0.0.2:" + canaryPort() + "/robots.txt").end()))
        .compose(v -> robotsOrigin("robots-600k", req -> req.response().putHeader("content-type", "text/plain")
            .end("User-agent: *\nDisallow: /early\n" + ("# padding padding padding padding padding padding\n").repeat(12_000)
                + "Disallow: /late\n")))
        .compose(v -> robotsOrigin("robots-html", req -> html(req,
            "<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Not a robots file</h1>"
                + "<p>Disallow: /page</p></body></html>")))
        .compose(v -> robotsOrigin("robots-delay", req -> req.response().putHeader("content-type", "text/plain")
            .end("User-agent: *\nCrawl-delay: 86400\nAllow: /\n")))
        .compose(v -> startRaw())
        .map(v -> this);
  }

  private Future<Void> listen(String name, String host, io.vertx.core.Handler<HttpServerRequest> handler) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0));
    servers.add(server);
    return server.requestHandler(handler).listen().map(s -> {
      ports.put(name, s.actualPort());
      return null;
    });
  }

  /** An origin whose robots.txt is hostile; its pages are /, /early, /late and /page. */
  private Future<Void> robotsOrigin(String name, io.vertx.core.Handler<HttpServerRequest> robots) {
    return listen(name, "127.0.0.1", req -> {
      switch (req.path()) {
        case "/robots.txt" -> robots.handle(req);
        case "/" -> html(req, "<title>" + name + "</title><a href=/early>e</a> <a href=/late>l</a> <a href=/page>p</a>");
        default -> html(req, "<title>" + name + req.path() + "</title>");
      }
    });
  }

  private void main(HttpServerRequest req) {
    int canary = canaryPort();
    String rawBase = raw.url("");
    HttpServerResponse res = req.response();
    switch (req.path()) {
      case "/robots.txt" -> res.setStatusCode(404).end();
      case "/" -> html(req, "<title>hostile</title>" + links(List.of("/gzip-bomb", "/deflate-bomb", "/deflate-raw",
          "/gzip-ok", "/br", "/gzip-corrupt", "/gzip-truncated", "/drip", "/silent", "/huge-length", "/png-as-html",
          "/pdf-as-html", "/bom-utf16", "/unknown-charset", "/meta-charset", "/deep", "/nul", "/farm", "/trap/",
          "/deep-path", "/long-url", "/session", "/cal?m=0", "/refresh-self", "/refresh-next", "/to-canary",
          "/redirect-canary", "/metadata", "/spellings", "/named", "/schemes", "/private-10")));
      case "/gzip-bomb" -> res.putHeader("content-type", "text/html").putHeader("content-encoding", "gzip")
          .end(Buffer.buffer(gzipBomb));
      case "/deflate-bomb" -> res.putHeader("content-type", "text/html").putHeader("content-encoding", "deflate")
          .end(Buffer.buffer(deflateBomb));
      case "/deflate-raw" -> res.putHeader("content-type", "text/html").putHeader("content-encoding", "deflate")
          .end(Buffer.buffer(deflate("<title>raw deflate</title>".getBytes(StandardCharsets.UTF_8), true)));
      case "/gzip-ok" -> res.putHeader("content-type", "text/html").putHeader("content-encoding", "gzip")
          .end(Buffer.buffer(gzip("<title>gzipped</title><a href=/gzip-link>l</a>".getBytes(StandardCharsets.UTF_8))));
      case "/gzip-link" -> html(req, "<title>linked from gzip</title>");
      case "/br" -> res.putHeader("content-type", "text/html").putHeader("content-encoding", "br")
          .end(Buffer.buffer(new byte[] {(byte) 0x1b, (byte) 0xff, (byte) 0xff, 0x7f, 0, 0, 0, 0}));
      case "/gzip-corrupt" -> res.putHeader("content-type", "text/html").putHeader("content-encoding", "gzip")
          .end(Buffer.buffer(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
      case "/gzip-truncated" -> {
        byte[] whole = gzip(("<title>cut</title>" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        res.putHeader("content-type", "text/html").putHeader("content-encoding", "gzip")
            .end(Buffer.buffer(java.util.Arrays.copyOf(whole, whole.length / 2)));
      }
      case "/drip" -> { // one byte every 200 ms, forever: only the wall-clock deadline stops it
        res.setChunked(true).putHeader("content-type", "text/html");
        vertx.setPeriodic(200, id -> {
          if (res.closed() || res.ended()) {
            vertx.cancelTimer(id);
          } else {
            res.write("x");
          }
        });
      }
      case "/silent" -> { } // never answers
      case "/huge-length" -> {
        res.putHeader("content-type", "text/html").putHeader("content-length", "1000000000");
        res.write("<title>huge");
      }
      case "/png-as-html" -> res.putHeader("content-type", "text/html").end(Buffer.buffer(new byte[] {
          (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).appendString("<a href=/from-png>x</a>"));
      case "/pdf-as-html" -> res.putHeader("content-type", "text/html; charset=utf-8")
          .end("%PDF-1.7\n<a href=/from-pdf>x</a>");
      case "/from-png", "/from-pdf" -> html(req, "<title>must not be reached</title>");
      case "/bom-utf16" -> {
        byte[] body = "<title>h\u00e9llo w\u00f6rld</title>".getBytes(StandardCharsets.UTF_16LE);
        res.putHeader("content-type", "text/html; charset=iso-8859-1")
            .end(Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xfe}).appendBytes(body));
      }
      case "/unknown-charset" -> res.putHeader("content-type", "text/html; charset=x-no-such-charset")
          .end("<title>still parsed</title>");
      case "/meta-charset" -> res.putHeader("content-type", "text/html")
          .end(Buffer.buffer("<meta charset=windows-1251><title>\u041f\u0440\u0438\u0432\u0435\u0442</title>"
              .getBytes(Charset.forName("windows-1251"))));
      case "/deep" -> html(req, "<title>deep</title>" + "<div>".repeat(DEEP) + "<a href=/deep-found>f</a>"
          + "</div>".repeat(DEEP));
      case "/deep-found", "/refreshed", "/s" -> html(req, "<title>" + req.path() + "</title>");
      case "/nul" -> res.putHeader("content-type", "text/html")
          .end("<title>nul\u0000 bytes</title>\u0000\u0000<p>text\u0000</p>");
      case "/farm" -> {
        StringBuilder farm = new StringBuilder("<title>farm</title>");
        for (int i = 0; i < 20_000; i++) {
          farm.append("<a href=/excluded/").append(i).append(">").append(i).append("</a>");
        }
        html(req, farm.toString());
      }
      case "/deep-path" -> html(req, "<a href=/" + "d/".repeat(70) + "end>deep</a>");
      case "/long-url" -> html(req, "<a href=/long?" + "q".repeat(3000) + ">long</a>");
      case "/session" -> html(req, "<a href=/s;jsessionid=ABC123>a</a> <a href='/s?PHPSESSID=42'>b</a> "
          + "<a href='/s?sid=7'>c</a>");
      case "/cal" -> { // an endless calendar: every month links to the next
        int month = Integer.parseInt(req.getParam("m", "0"));
        html(req, "<title>month " + month + "</title><a href='/cal?m=" + (month + 1) + "'>next</a>");
      }
      case "/refresh-self" -> html(req, "<meta http-equiv=refresh content='0; url=/refresh-self'><title>self</title>");
      case "/refresh-next" -> html(req, "<meta http-equiv=Refresh content=\"1;URL='/refreshed'\"><title>next</title>");
      case "/to-canary" -> html(req, "<a href=http://127.0.0.2:" + canary + "/linked>canary</a>");
      case "/redirect-canary" -> res.setStatusCode(302).putHeader("location",
          "http://127.0.0.2:" + canary + "/redirected").end();
      case "/metadata" -> html(req, "<a href=http://169.254.169.254/latest/meta-data/>metadata</a>");
      case "/spellings" -> html(req, "<a href=http://0x7f.0.0.2:" + canary + "/hex>hex</a>"
          + "<a href=http://2130706434:" + canary + "/decimal>decimal</a>"
          + "<a href=http://127.2:" + canary + "/short>short</a>"
          + "<a href=http://[::ffff:127.0.0.2]:" + canary + "/mapped>mapped</a>");
      case "/named" -> html(req, "<a href=http://canary.test:" + canary + "/named>by name</a>");
      case "/schemes" -> html(req, "<a href=ftp://127.0.0.2/x>ftp</a><a href=javascript:alert(1)>js</a>"
          + "<a href=file:///etc/passwd>file</a><a href=mailto:a@b.c>mail</a>"
          + "<a href=gopher://127.0.0.2:" + canary + "/>gopher</a>");
      case "/private-10" -> html(req, "<a href=http://10.0.0.1/admin>private</a>"
          + "<a href=http://100.64.0.1/>cgnat</a><a href=http://[fd00::1]/>ula</a>");
      default -> {
        if (req.path().startsWith("/trap/")) { // relative links that append themselves: /trap/trap/trap/…
          html(req, "<title>trap</title><a href=trap/>again</a>");
        } else {
          res.setStatusCode(404).end();
        }
      }
    }
  }

  private Future<Void> startRaw() {
    raw = new RawHttpServer(vertx);
    String ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n";
    StringBuilder manyHeaders = new StringBuilder(ok);
    for (int i = 0; i < 5_000; i++) {
      manyHeaders.append("X-H").append(i).append(": v\r\n");
    }
    raw.bytes("/robots.txt", "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    raw.route("/", (v, socket) -> socket.end(Buffer.buffer(ok + "\r\n<title>raw</title>" + links(List.of(
        "/raw/big-header", "/raw/many-headers", "/raw/garbage-status", "/raw/not-http", "/raw/cl-short",
        "/raw/cl-long", "/raw/chunked-truncated", "/raw/reset", "/raw/bad-chunk-size", "/raw/empty",
        "/raw/long-status")))));
    raw.bytes("/raw/big-header", ok + "X-Big: " + "a".repeat(100_000) + "\r\nContent-Length: 2\r\n\r\nhi");
    raw.bytes("/raw/many-headers", manyHeaders + "Content-Length: 2\r\n\r\nhi");
    raw.bytes("/raw/garbage-status", "HTTP/1.1 abc def\r\nContent-Length: 2\r\n\r\nhi");
    raw.bytes("/raw/not-http", "SSH-2.0-OpenSSH_9.2\r\n\r\n");
    raw.bytes("/raw/long-status", "HTTP/1.1 200 " + "O".repeat(100_000) + "\r\nContent-Length: 2\r\n\r\nhi");
    raw.bytes("/raw/cl-short", ok + "Content-Length: 1000\r\n\r\n<title>short</title>");
    raw.bytes("/raw/cl-long", ok + "Content-Length: 5\r\n\r\n<b>hello, this is more than five bytes</b>");
    raw.bytes("/raw/chunked-truncated", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
        + "\r\n12\r\n<title>cut</title>\r\n"); // one whole chunk (0x12 bytes), then the connection closes
    raw.bytes("/raw/bad-chunk-size", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
        + "\r\nzz\r\nhello\r\n0\r\n\r\n");
    raw.route("/raw/reset", (v, socket) -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
        .onComplete(ar -> { // SO_LINGER 0, then close: the kernel sends RST, not FIN
          ((io.vertx.core.internal.net.NetSocketInternal) socket).channelHandlerContext().channel().config()
              .setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
          socket.close();
        }));
    raw.route("/raw/empty", (v, socket) -> socket.close());
    return raw.start().mapEmpty();
  }

  private static String links(List<String> paths) {
    StringBuilder html = new StringBuilder();
    for (String path : paths) {
      html.append("<a href=\"").append(path).append("\">").append(path).append("</a>\n");
    }
    return html.toString();
  }

  private static void html(HttpServerRequest req, String body) {
    req.response().putHeader("content-type", "text/html; charset=utf-8").end(body);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(data);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] data, boolean raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION, raw))) {
      d.write(data);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public Future<Void> close() {
    return Future.join(servers.stream().map(HttpServer::close).toList()).mapEmpty();
  }
}
