package dev.vertxcrawler.parse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * The config key {@code extract}: named CSS selectors (jsoup's syntax) whose matches on each parsed page become
 * its record's {@code data} — the scraping part of a crawl. A rule is a selector (the first match's text) or
 * {@code {"css": …, "attr": …, "all": …}} (an attribute instead of the text, {@code abs:href} for an absolute
 * URL; every match instead of the first). Immutable once compiled: one instance serves every parse thread.
 * Values are capped (a hostile page can match a selector a million times, or hold megabytes of text).
 */
public final class Extraction {
  /** Most values an {@code all} rule keeps from one page. */
  public static final int MAX_VALUES = 1_000;
  /** Longest value kept, in chars; a longer one is cut. */
  public static final int MAX_CHARS = 10_000;
  public static final Extraction NONE = new Extraction(List.of());

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final List<String> RULE_KEYS = List.of("css", "attr", "all");

  private record Rule(String name, Evaluator evaluator, String attr, boolean all) {
  }

  private final List<Rule> rules;

  private Extraction(List<Rule> rules) {
    this.rules = rules;
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
    evaluator(name, css);
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

  private static Evaluator evaluator(String name, String css) {
    try {
      return QueryParser.parse(css);
    } catch (Selector.SelectorParseException e) {
      throw new IllegalArgumentException(name + ".css: \"" + css + "\" is not a valid CSS selector ("
          + e.getMessage() + ")");
    }
  }

  /** @param normalised the output of {@link #normalise} */
  public static Extraction compile(JsonObject normalised) {
    if (normalised.isEmpty()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (String name : normalised.fieldNames()) {
      JsonObject rule = normalised.getJsonObject(name);
      rules.add(new Rule(name, evaluator(name, rule.getString("css")), rule.getString("attr"),
          rule.getBoolean("all", false)));
    }
    return new Extraction(List.copyOf(rules));
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * The values on one page: for each rule in order, the first match's value or null, or for {@code all} the
   * list of every match's value (matches without the attribute are left out). CPU work: parse threads only.
   */
  public JsonObject apply(Element root) {
    JsonObject data = new JsonObject();
    for (Rule rule : rules) {
      if (rule.all()) {
        JsonArray values = new JsonArray();
        for (Element e : root.select(rule.evaluator())) {
          String value = value(e, rule.attr());
          if (value != null) {
            values.add(value);
            if (values.size() == MAX_VALUES) {
              break;
            }
          }
        }
        data.put(rule.name(), values);
      } else {
        Element first = root.selectFirst(rule.evaluator());
        data.put(rule.name(), first == null ? null : value(first, rule.attr()));
      }
    }
    return data;
  }

  private static String value(Element e, String attr) {
    String value;
    if (attr == null) {
      value = e.text();
    } else if (e.hasAttr(attr)) {
      value = e.attr(attr);
    } else {
      return null;
    }
    return value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) : value;
  }
}
