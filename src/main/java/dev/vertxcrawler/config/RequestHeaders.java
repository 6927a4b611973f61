package dev.vertxcrawler.config;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extra request headers of {@code http.headers} (a staging site's Basic auth, a session cookie, an API key):
 * checked when the config is loaded, sent with every request to the seeds' origins — never to another host,
 * where credentials do not belong — and masked wherever the crawler writes them down.
 */
public final class RequestHeaders {
  /** RFC 9110 token characters: a header name. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
  private static final int MAX_VALUE = 8_192;
  /** Headers the crawler sets itself, or that would break the exchange (framing, decoding, our validators). */
  private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
      "keep-alive", "te", "trailer", "upgrade", "expect", "accept-encoding", "if-none-match", "if-modified-since",
      "user-agent", "proxy-authorization");
  /** Names whose values are secrets: masked in crawl.db's config and in WARC request records. */
  private static final Pattern SECRET = Pattern.compile("(?i).*(auth|cookie|token|key|secret|session|pass).*");
  public static final String MASK = "***";

  private RequestHeaders() {
  }

  /**
   * The headers as given, in order, after the checks; throws {@link IllegalArgumentException} whose message
   * starts with the offending name ({@code "X-Key: …"}), for the caller to put behind the key path.
   */
  public static JsonObject normalise(JsonObject headers) {
    JsonObject checked = new JsonObject();
    for (Map.Entry<String, Object> e : headers) {
      String name = e.getKey();
      if (!TOKEN.matcher(name).matches()) {
        throw new IllegalArgumentException(name + ": is not a header name (letters, digits and RFC 9110's token characters, no spaces)");
      }
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(name + ": is set by the crawler itself and cannot be given "
            + "(User-Agent: use userAgent; a proxy's credentials: network.proxy)");
      }
      if (!(e.getValue() instanceof String value)) {
        throw new IllegalArgumentException(name + ": must be a string, got " + e.getValue());
      }
      if (value.length() > MAX_VALUE || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw new IllegalArgumentException(name + ": must be at most " + MAX_VALUE
            + " characters without line breaks or control characters");
      }
      checked.put(name, value.strip());
    }
    return checked;
  }

  public static boolean isSecret(String name) {
    return SECRET.matcher(name).matches();
  }

  /** The headers with every secret value replaced by {@link #MASK}: what may be written down. */
  public static JsonObject masked(JsonObject headers) {
    JsonObject masked = new JsonObject();
    headers.forEach(e -> masked.put(e.getKey(), isSecret(e.getKey()) ? MASK : e.getValue()));
    return masked;
  }

  public static Map<String, String> toMap(JsonObject headers) {
    Map<String, String> map = new LinkedHashMap<>();
    headers.forEach(e -> map.put(e.getKey(), (String) e.getValue()));
    return java.util.Collections.unmodifiableMap(map); // in the order given
  }
}
