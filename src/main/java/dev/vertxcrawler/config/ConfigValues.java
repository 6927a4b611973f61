package dev.vertxcrawler.config;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validated values by key; a key not set falls back to its default. */
final class ConfigValues {
  private final Map<String, Object> values = new HashMap<>();

  void put(ConfigKey key, Object value) {
    values.put(key.path(), value);
  }

  private Object get(ConfigKey key) {
    return values.getOrDefault(key.path(), key.defaultValue());
  }

  /** Every key with its effective value (defaults included), by dotted path. */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (ConfigKey key : ConfigSchema.ALL) {
      Object value = key.masked().apply(get(key)); // the effective config is stored in crawl.db: no secrets
      json.put(key.path(), value instanceof JsonObject object ? object.copy() : value);
    }
    return json;
  }

  int getInt(ConfigKey key) {
    return ((Number) get(key)).intValue();
  }

  long getLong(ConfigKey key) {
    return ((Number) get(key)).longValue();
  }

  String getString(ConfigKey key) {
    return (String) get(key);
  }

  double getDouble(ConfigKey key) {
    return ((Number) get(key)).doubleValue();
  }

  boolean getBoolean(ConfigKey key) {
    return (Boolean) get(key);
  }

  JsonObject getObject(ConfigKey key) {
    return ((JsonObject) get(key)).copy();
  }

  @SuppressWarnings("unchecked")
  List<String> getList(ConfigKey key) {
    return List.copyOf((List<String>) get(key));
  }
}
