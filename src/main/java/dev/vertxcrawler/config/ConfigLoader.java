package dev.vertxcrawler.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON config file and {@code -s key.path=value} overrides into a {@link CrawlConfig}. Every
 * mistake — unknown key, wrong type, value out of range — becomes a {@link ConfigException} whose one-line
 * message names the source and the key path. Runs before the crawl starts (plain blocking file read).
 */
public final class ConfigLoader {

  private ConfigLoader() {
  }

  public static CrawlConfig load(Path file, List<String> overrides) {
    ConfigValues values = new ConfigValues();
    if (file != null) {
      String source = file.toString();
      JsonObject json = readJson(file);
      apply(json, "", source, values);
    }
    for (String override : overrides) {
      applyOverride(override, values);
    }
    return CrawlConfig.from(values);
  }

  /** Parses a JSON string, as if read from {@code source}; used by tests and the demo. */
  public static CrawlConfig fromJson(String json, String source, List<String> overrides) {
    ConfigValues values = new ConfigValues();
    apply(parse(json, source), "", source, values);
    for (String override : overrides) {
      applyOverride(override, values);
    }
    return CrawlConfig.from(values);
  }

  private static JsonObject readJson(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file — pass an existing file to --config");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static JsonObject parse(String text, String source) {
    try {
      Object value = Json.decodeValue(text);
      if (value instanceof JsonObject object) {
        return object;
      }
      throw new ConfigException(source + ": must hold a JSON object ({...}), got " + describe(value));
    } catch (DecodeException e) {
      String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new ConfigException(source + ": is not valid JSON — " + detail.replace("Failed to decode:", "").trim());
    }
  }

  private static void apply(JsonObject json, String prefix, String source, ConfigValues values) {
    for (Map.Entry<String, Object> entry : json) {
      String path = prefix + entry.getKey();
      Object value = entry.getValue();
      ConfigKey key = ConfigSchema.find(path);
      if (key == null && ConfigSchema.isSection(path)) {
        if (!(value instanceof JsonObject section)) {
          throw new ConfigException(source + ": " + path + " must be an object, got " + describe(value));
        }
        apply(section, path + ".", source, values);
        continue;
      }
      if (key == null) {
        throw unknownKey(source, path);
      }
      values.put(key, check(key, value, source));
    }
  }

  private static void applyOverride(String override, ConfigValues values) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("-s " + override + ": expected key.path=value, e.g. -s politeness.minDelayMs=500");
    }
    String path = override.substring(0, eq).trim();
    String raw = override.substring(eq + 1).trim();
    String source = "-s";
    ConfigKey key = ConfigSchema.find(path);
    String extractPrefix = ConfigSchema.EXTRACT.path() + ".";
    if (key == null && path.startsWith(extractPrefix)) { // -s extract.NAME=RULE adds one rule to the file's
      JsonObject rules = values.getObject(ConfigSchema.EXTRACT);
      rules.put(path.substring(extractPrefix.length()), ruleFromText(path, raw));
      values.put(ConfigSchema.EXTRACT, check(ConfigSchema.EXTRACT, rules, source));
      return;
    }
    String headersPrefix = ConfigSchema.HTTP_HEADERS.path() + ".";
    if (key == null && path.startsWith(headersPrefix)) { // -s http.headers.NAME=VALUE adds one header
      JsonObject headers = values.getObject(ConfigSchema.HTTP_HEADERS);
      headers.put(path.substring(headersPrefix.length()), raw);
      values.put(ConfigSchema.HTTP_HEADERS, check(ConfigSchema.HTTP_HEADERS, headers, source));
      return;
    }
    if (key == null) {
      throw unknownKey("-s", path);
    }
    values.put(key, check(key, fromText(key, raw), source));
  }

  /** An extract rule given with -s: a CSS selector, or the rule's JSON object. */
  private static Object ruleFromText(String path, String raw) {
    if (!raw.startsWith("{")) {
      return raw;
    }
    try {
      return new JsonObject(raw);
    } catch (DecodeException e) {
      throw new ConfigException("-s " + path + ": is not a valid JSON object — write a CSS selector, or "
          + "'{\"css\": \"img\", \"attr\": \"abs:src\", \"all\": true}'");
    }
  }

  /** Turns the text of an override into the JSON-like value its key expects, leaving checks to {@link #check}. */
  private static Object fromText(ConfigKey key, String raw) {
    switch (key.type()) {
      case INT, LONG:
        try {
          return Long.parseLong(raw);
        } catch (NumberFormatException e) {
          return raw;
        }
      case DOUBLE:
        try {
          return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
          return raw;
        }
      case BOOLEAN:
        return raw.equalsIgnoreCase("true") ? Boolean.TRUE : raw.equalsIgnoreCase("false") ? Boolean.FALSE : raw;
      case STRING_LIST:
        if (raw.startsWith("[")) {
          try {
            return new JsonArray(raw);
          } catch (DecodeException e) {
            return raw;
          }
        }
        return raw.isEmpty() ? new JsonArray() : new JsonArray(List.of((Object[]) raw.split(",")));
      default:
        return raw;
    }
  }

  /** The type's check (with range and choices), then the key's own; returns the value to keep. */
  private static Object check(ConfigKey key, Object raw, String source) {
    String where = source + ": " + key.path();
    return key.validator().validate(checkType(key, key.coerce().apply(raw), where), where);
  }

  private static Object checkType(ConfigKey key, Object value, String where) {
    switch (key.type()) {
      case INT, LONG: {
        if (!(value instanceof Number n) || value instanceof Double || value instanceof Float) {
          throw wrongType(key, value, where);
        }
        long v = n.longValue();
        checkRange(key, v, where, String.valueOf(v));
        return key.type() == ConfigKey.Type.INT ? (Object) (int) v : (Object) v;
      }
      case DOUBLE: {
        if (!(value instanceof Number n)) {
          throw wrongType(key, value, where);
        }
        double v = n.doubleValue();
        checkRange(key, v, where, String.valueOf(v));
        return v;
      }
      case BOOLEAN:
        if (!(value instanceof Boolean)) {
          throw wrongType(key, value, where);
        }
        return value;
      case STRING:
        if (!(value instanceof String text)) {
          throw wrongType(key, value, where);
        }
        if (key.choices() != null && !key.choices().contains(text)) {
          throw new ConfigException(where + " must be one of " + String.join(", ", key.choices())
              + ", got \"" + text + "\"");
        }
        return value;
      case STRING_LIST: {
        if (!(value instanceof JsonArray array)) {
          throw wrongType(key, value, where);
        }
        for (int i = 0; i < array.size(); i++) {
          Object item = array.getValue(i);
          if (!(item instanceof String)) {
            throw new ConfigException(where + "[" + i + "] must be a string, got " + describe(item));
          }
        }
        return List.copyOf(array.getList());
      }
      case OBJECT:
        if (!(value instanceof JsonObject)) {
          throw wrongType(key, value, where);
        }
        return value;
      default:
        throw new IllegalStateException("unhandled type " + key.type());
    }
  }

  private static ConfigException wrongType(ConfigKey key, Object value, String where) {
    return new ConfigException(where + " must be " + key.typeName() + ", got " + describe(value));
  }

  private static void checkRange(ConfigKey key, double v, String where, String shown) {
    if (v < key.min()) {
      throw new ConfigException(where + " must be >= " + format(key.min()) + ", got " + shown);
    }
    if (v > key.max()) {
      throw new ConfigException(where + " must be <= " + format(key.max()) + ", got " + shown);
    }
  }

  private static String format(double bound) {
    return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
  }

  private static ConfigException unknownKey(String source, String path) {
    String hint = ConfigSchema.closest(path);
    String suffix = hint != null ? " — did you mean " + hint + "?" : " — see the config table in README.md";
    return new ConfigException(source + ": unknown key " + path + suffix);
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s + "\" (a string)";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "a list";
    }
    if (value instanceof Boolean) {
      return value + " (a boolean)";
    }
    return String.valueOf(value);
  }
}
