package dev.vertxcrawler.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An enum whose constants are the words a config key (or an option) takes: {@link #key()} is the word as
 * written, the constant's name in lower case. The schema lists its words from the enum, so a new constant is a
 * new allowed word with nothing else to keep in step; the first constant is the key's default.
 */
public interface Choice {
  /** The enum constant's name (an enum implements it as it is). */
  String name();

  /** The word as written in a config: the constant's name in lower case. */
  default String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant written as {@code key}; an unknown word is an error (the schema lets none through). */
  static <E extends Enum<E> & Choice> E of(Class<E> type, String key) {
    for (E e : type.getEnumConstants()) {
      if (e.key().equals(key)) {
        return e;
      }
    }
    throw new IllegalArgumentException(key + " is not one of " + String.join(", ", keys(type)));
  }

  /** Every word, in declaration order. */
  static <E extends Enum<E> & Choice> List<String> keys(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Choice::key).toList();
  }
}
