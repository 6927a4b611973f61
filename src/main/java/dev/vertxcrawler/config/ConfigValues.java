package dev.vertxcrawler.config;

import java.util.HashMap;
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
  io.vertx.core.json.JsonObject toJson() {
    io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject();
    for (ConfigKey key : ConfigSchema.ALL) {
      Object value = get(key);
      if (key == ConfigSchema.NETWORK_PROXY) { // the effective config is stored in crawl.db: no password
        value = dev.vertxcrawler.fetch.ProxyRoute.masked((String) value);
      } else if (key == ConfigSchema.HTTP_HEADERS) { // nor a header's secret
        value = dev.vertxcrawler.fetch.RequestHeaders.masked((io.vertx.core.json.JsonObject) value);
      }
      json.put(key.path(), value instanceof io.vertx.core.json.JsonObject object ? object.copy() : value);
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

  io.vertx.core.json.JsonObject getObject(ConfigKey key) {
    return ((io.vertx.core.json.JsonObject) get(key)).copy();
  }

  @SuppressWarnings("unchecked")
  java.util.List<String> getList(ConfigKey key) {
    return java.util.List.copyOf((java.util.List<String>) get(key));
  }
}
