package dev.vertxcrawler.parse;

import dev.vertxcrawler.config.ExtractRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;

/**
 * The config key {@code extract}: named CSS selectors (jsoup's syntax) whose matches on each parsed page become
 * its record's {@code data} — the scraping part of a crawl. A rule is a selector (the first match's text) or
 * {@code {"css": …, "attr": …, "all": …}} (an attribute instead of the text, {@code abs:href} for an absolute
 * URL; every match instead of the first); {@link ExtractRules} checks them when the config is loaded.
 * Immutable once compiled: one instance serves every parse thread. Values are capped (a hostile page can match a selector a million times, or hold megabytes of text).
 */
public final class Extraction {
  /** Most values an {@code all} rule keeps from one page. */
  public static final int MAX_VALUES = 1_000;
  /** Longest value kept, in chars; a longer one is cut. */
  public static final int MAX_CHARS = 10_000;
  public static final Extraction NONE = new Extraction(List.of());

  private record Rule(String name, Evaluator evaluator, String attr, boolean all) {
  }

  private final List<Rule> rules;

  private Extraction(List<Rule> rules) {
    this.rules = rules;
  }

  /** @param normalised the output of {@link ExtractRules#normalise} */
  public static Extraction compile(JsonObject normalised) {
    if (normalised.isEmpty()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (String name : normalised.fieldNames()) {
      JsonObject rule = normalised.getJsonObject(name);
      rules.add(new Rule(name, ExtractRules.selector(name, rule.getString("css")), rule.getString("attr"),
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
