package dev.vertxcrawler.config;

import dev.vertxcrawler.net.AddressRanges;
import io.vertx.core.json.JsonArray;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Small tests of one value that several {@link ConfigSchema} keys' validators are made of. */
final class ConfigChecks {
  private ConfigChecks() {
  }

  static boolean isPort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      return port >= 1 && port <= 65_535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean isDnsServer(String text) {
    try {
      NetworkConfig.dnsServer(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isCidr(String text) {
    try {
      AddressRanges.Cidr.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isRegex(String text) {
    try {
      Pattern.compile(text);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Whole numbers in a JSON list as text, so ports may be written [80, 443] as well as ["80", "443"]. */
  static Object numbersAsText(Object raw) {
    return raw instanceof JsonArray array
        ? new JsonArray(array.stream().map(o -> o instanceof Integer || o instanceof Long ? o.toString() : o).toList())
        : raw;
  }
}
