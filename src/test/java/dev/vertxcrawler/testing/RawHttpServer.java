package dev.vertxcrawler.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A TCP server on 127.0.0.1 that answers HTTP requests with whatever bytes a test wants — malformed status
 * lines, lying lengths, resets — which no HTTP server library would produce. Routes are by request path;
 * unknown paths get a well-formed 404.
 */
public final class RawHttpServer {
  private final Map<String, BiConsumer<Vertx, NetSocket>> routes = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Vertx vertx;
  private NetServer server;

  public RawHttpServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Answers {@code path} by writing to the socket (the handler decides when, and whether, to close it). */
  public RawHttpServer route(String path, BiConsumer<Vertx, NetSocket> answer) {
    routes.put(path, answer);
    return this;
  }

  /** Answers {@code path} with these exact bytes, then closes. */
  public RawHttpServer bytes(String path, String raw) {
    return route(path, (v, socket) -> socket.end(Buffer.buffer(raw.getBytes(StandardCharsets.ISO_8859_1))));
  }

  public Future<RawHttpServer> start() {
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
    return server.connectHandler(this::connected).listen().map(s -> this);
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public List<String> requests() {
    return requests;
  }

  private void connected(NetSocket socket) {
    Buffer head = Buffer.buffer();
    socket.handler(chunk -> {
      if (head.length() < 0 || head.length() > 65_536) {
        return;
      }
      head.appendBuffer(chunk);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
      String path = requestLine.length > 1 ? requestLine[1] : "/";
      requests.add(path);
      head.setBuffer(0, Buffer.buffer()); // keep the buffer; further bytes on this connection are ignored
      socket.handler(ignored -> { });
      BiConsumer<Vertx, NetSocket> answer = routes.get(path);
      if (answer == null) {
        socket.end(Buffer.buffer("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
      } else {
        answer.accept(vertx, socket);
      }
    });
  }
}
