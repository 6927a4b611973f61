package dev.vertxcrawler.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One configuration key: its dotted path, type, default, allowed range and its own checks. {@link ConfigSchema}
 * lists every key in one place, each beside its checks; docs/configuration.md's table mirrors that list (a test
 * keeps them in step). The loader applies the type's check (and range, choices) to every key alike, then the
 * key's {@link #validator}.
 *
 * @param coerce    applied to the raw JSON value before the type's check (e.g. ports written as numbers)
 * @param validator the key's own check, after the type's: returns the value to keep
 * @param masked    the value as it may be written down (crawl.db's stored config): secrets replaced
 * @param entryFromText an object key's entry given as {@code -s key.NAME=TEXT}: (the override's path, TEXT) →
 *                  the entry's value; the text itself unless the key says otherwise
 */
public record ConfigKey(String path, Type type, Object defaultValue, double min, double max, List<String> choices,
    String description, UnaryOperator<Object> coerce, Validator validator, UnaryOperator<Object> masked,
    BiFunction<String, String, Object> entryFromText) {

  public enum Type { INT, LONG, DOUBLE, BOOLEAN, STRING, STRING_LIST, OBJECT }

  /**
   * A key's own check of a value that passed its type's check (a {@code String}, a {@code List<String>}, a
   * {@code JsonObject}, …). Returns the value to keep; throws {@link ConfigException} starting with {@code where}
   * (the source and the key path).
   */
  @FunctionalInterface
  public interface Validator {
    Object validate(Object value, String where);

    Validator NONE = (value, where) -> value;
  }

  private static ConfigKey of(String path, Type type, Object def, double min, double max, List<String> choices,
      String description) {
    return new ConfigKey(path, type, def, min, max, choices, description, UnaryOperator.identity(), Validator.NONE,
        UnaryOperator.identity(), (overridePath, text) -> text);
  }

  static ConfigKey integer(String path, int def, int min, int max, String description) {
    return of(path, Type.INT, def, min, max, null, description);
  }

  static ConfigKey longKey(String path, long def, long min, long max, String description) {
    return of(path, Type.LONG, def, min, max, null, description);
  }

  static ConfigKey number(String path, double def, double min, double max, String description) {
    return of(path, Type.DOUBLE, def, min, max, null, description);
  }

  static ConfigKey bool(String path, boolean def, String description) {
    return of(path, Type.BOOLEAN, def, 0, 0, null, description);
  }

  /** A string that must be one of {@code choices}; the first choice is the default. */
  static ConfigKey choice(String path, List<String> choices, String description) {
    return of(path, Type.STRING, choices.get(0), 0, 0, List.copyOf(choices), description);
  }

  static ConfigKey stringList(String path, List<String> def, String description) {
    return of(path, Type.STRING_LIST, List.copyOf(def), 0, 0, null, description);
  }

  /** A JSON object whose entries the key's own validator checks; empty by default. */
  static ConfigKey object(String path, String description) {
    return of(path, Type.OBJECT, new JsonObject(), 0, 0, null, description);
  }

  static ConfigKey string(String path, String def, String description) {
    return of(path, Type.STRING, def, 0, 0, null, description);
  }

  ConfigKey coercedBy(UnaryOperator<Object> newCoerce) {
    return new ConfigKey(path, type, defaultValue, min, max, choices, description, newCoerce, validator, masked,
        entryFromText);
  }

  ConfigKey validatedBy(Validator newValidator) {
    return new ConfigKey(path, type, defaultValue, min, max, choices, description, coerce, newValidator, masked,
        entryFromText);
  }

  ConfigKey maskedBy(UnaryOperator<Object> newMasked) {
    return new ConfigKey(path, type, defaultValue, min, max, choices, description, coerce, validator, newMasked,
        entryFromText);
  }

  ConfigKey entriesFromText(BiFunction<String, String, Object> parser) {
    return new ConfigKey(path, type, defaultValue, min, max, choices, description, coerce, validator, masked, parser);
  }

  /** A list key's check of each item: a bad one is reported as {@code where[i] } and {@code problem}'s text. */
  static Validator eachItem(Predicate<String> ok, UnaryOperator<String> problem) {
    return (value, where) -> {
      List<?> items = (List<?>) value;
      for (int i = 0; i < items.size(); i++) {
        String item = (String) items.get(i);
        if (!ok.test(item)) {
          throw new ConfigException(where + "[" + i + "] " + problem.apply(item));
        }
      }
      return value;
    };
  }

  /**
   * A check by a parser that throws {@link IllegalArgumentException}: its message follows the key path after
   * {@code separator}; the parser's result is the value kept.
   */
  static Validator parsedBy(UnaryOperator<Object> parser, String separator) {
    return (value, where) -> {
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + separator + e.getMessage());
      }
    };
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
