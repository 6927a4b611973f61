package dev.vertxcrawler.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * The value of the config key {@code extract}: named CSS selectors (jsoup's syntax), each a selector or
 * {@code {"css": …, "attr": …, "all": …}}. Checked here when the config is loaded; {@code parse.Extraction}
 * compiles and applies the checked rules.
 */
public final class ExtractRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final List<String> RULE_KEYS = List.of("css", "attr", "all");

  private ExtractRules() {
  }

  /**
   * Checks a config value and returns it in the long form ({@code {"css", "attr", "all"}} per name, in the
   * given order). Throws {@link IllegalArgumentException} whose message starts with the rule's name.
   */
  public static JsonObject normalise(JsonObject spec) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> entry : spec) {
      String name = entry.getKey();
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(name + ": a name is 1-64 letters, digits, _ or - (it becomes a key of "
            + "each record's data and a CSV column)");
      }
      out.put(name, normaliseRule(name, entry.getValue()));
    }
    return out;
  }

  private static JsonObject normaliseRule(String name, Object value) {
    JsonObject rule;
    if (value instanceof String css) {
      rule = new JsonObject().put("css", css);
    } else if (value instanceof JsonObject object) {
      rule = object;
    } else {
      throw new IllegalArgumentException(name + ": must be a CSS selector (a string) or an object "
          + "{\"css\": ..., \"attr\": ..., \"all\": true}, got " + (value == null ? "null" : value));
    }
    for (String key : rule.fieldNames()) {
      if (!RULE_KEYS.contains(key)) {
        throw new IllegalArgumentException(name + ": unknown key " + key + " (a rule has css, attr and all)");
      }
    }
    if (!(rule.getValue("css") instanceof String css) || css.isBlank()) {
      throw new IllegalArgumentException(name + ".css: must be a CSS selector, e.g. \"h1\" or \"span.price\"");
    }
    selector(name, css);
    Object attr = rule.getValue("attr");
    if (attr != null && (!(attr instanceof String a) || a.isBlank())) {
      throw new IllegalArgumentException(name + ".attr: must be an attribute name, e.g. \"src\" or \"abs:href\"");
    }
    Object all = rule.getValue("all");
    if (all != null && !(all instanceof Boolean)) {
      throw new IllegalArgumentException(name + ".all: must be true or false, got " + all);
    }
    return new JsonObject().put("css", css).put("attr", attr).put("all", Boolean.TRUE.equals(all));
  }

  /** A rule given with {@code -s extract.NAME=TEXT}: a CSS selector, or the rule's JSON object. */
  static Object fromText(String path, String text) {
    if (!text.startsWith("{")) {
      return text;
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException("-s " + path + ": is not a valid JSON object — write a CSS selector, or "
          + "'{\"css\": \"img\", \"attr\": \"abs:src\", \"all\": true}'");
    }
  }

  /** Rule {@code name}'s selector, compiled; an invalid one is an {@link IllegalArgumentException} naming it. */
  public static Evaluator selector(String name, String css) {
    try {
      return QueryParser.parse(css);
    } catch (Selector.SelectorParseException e) {
      throw new IllegalArgumentException(name + ".css: \"" + css + "\" is not a valid CSS selector ("
          + e.getMessage() + ")");
    }
  }
}
