package dev.vertxcrawler.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What each {@link ConfigKey.Type} accepts: the type's check (with the key's range or choices) that every key
 * of that type shares, then the key's own validator; and how an override's text becomes a value of the type.
 */
final class ConfigTypes {
  private ConfigTypes() {
  }

  /** Turns the text of an override into the JSON-like value its key expects, leaving checks to {@link #check}. */
  static Object fromText(ConfigKey key, String raw) {
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
  static Object check(ConfigKey key, Object raw, String source) {
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

  /** A JSON value as an error message shows it. */
  static String describe(Object value) {
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
