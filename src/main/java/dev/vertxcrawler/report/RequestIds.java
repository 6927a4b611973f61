package dev.vertxcrawler.report;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Per-request context for the status and report servers: an {@code X-Request-Id} accepted from the caller
 * (when it is a sane token) or generated, stored in the routing context, echoed in the response, and
 * written in the access-log line when the response ends.
 */
public final class RequestIds implements Handler<RoutingContext> {
  public static final String HEADER = "X-Request-Id";
  public static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final Consumer<String> accessLog;

  public RequestIds(Consumer<String> accessLog) {
    this.accessLog = accessLog;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    long start = System.nanoTime();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.addEndHandler(v -> accessLog.accept(String.format(Locale.ROOT, "access %s %s %s %d %.1fms", id,
        ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
        (System.nanoTime() - start) / 1e6)));
    ctx.next();
  }
}
