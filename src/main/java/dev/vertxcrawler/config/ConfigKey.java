package dev.vertxcrawler.config;

/**
 * One configuration key: its dotted path, type, default and allowed range. {@link ConfigSchema} lists
 * every key in one place; the README's config table mirrors that list (a test keeps them in step).
 */
public record ConfigKey(String path, Type type, Object defaultValue, double min, double max,
    java.util.List<String> choices, String description) {

  public enum Type { INT, LONG, DOUBLE, BOOLEAN, STRING, STRING_LIST, OBJECT }

  static ConfigKey integer(String path, int def, int min, int max, String description) {
    return new ConfigKey(path, Type.INT, def, min, max, null, description);
  }

  static ConfigKey longKey(String path, long def, long min, long max, String description) {
    return new ConfigKey(path, Type.LONG, def, min, max, null, description);
  }

  static ConfigKey number(String path, double def, double min, double max, String description) {
    return new ConfigKey(path, Type.DOUBLE, def, min, max, null, description);
  }

  static ConfigKey bool(String path, boolean def, String description) {
    return new ConfigKey(path, Type.BOOLEAN, def, 0, 0, null, description);
  }

  /** A string that must be one of {@code choices}; the first choice is the default. */
  static ConfigKey choice(String path, java.util.List<String> choices, String description) {
    return new ConfigKey(path, Type.STRING, choices.get(0), 0, 0, java.util.List.copyOf(choices), description);
  }

  static ConfigKey stringList(String path, java.util.List<String> def, String description) {
    return new ConfigKey(path, Type.STRING_LIST, java.util.List.copyOf(def), 0, 0, null, description);
  }

  /** A JSON object whose entries the key's own check validates; empty by default. */
  static ConfigKey object(String path, String description) {
    return new ConfigKey(path, Type.OBJECT, new io.vertx.core.json.JsonObject(), 0, 0, null, description);
  }

  static ConfigKey string(String path, String def, String description) {
    return new ConfigKey(path, Type.STRING, def, 0, 0, null, description);
  }

  /** A short human name for the type, used in error messages. */
  public String typeName() {
    return switch (type) {
      case INT, LONG -> "a whole number";
      case DOUBLE -> "a number";
      case BOOLEAN -> "true or false";
      case STRING -> "a string";
      case STRING_LIST -> "a list of strings";
      case OBJECT -> "an object";
    };
  }
}
