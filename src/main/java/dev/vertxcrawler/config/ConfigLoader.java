package dev.vertxcrawler.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
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
      throw new ConfigException(source + ": must hold a JSON object ({...}), got " + ConfigTypes.describe(value));
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
          throw new ConfigException(source + ": " + path + " must be an object, got " + ConfigTypes.describe(value));
        }
        apply(section, path + ".", source, values);
        continue;
      }
      if (key == null) {
        throw unknownKey(source, path);
      }
      values.put(key, ConfigTypes.check(key, value, source));
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
    ConfigKey object = key == null ? ConfigSchema.objectKeyOf(path) : null;
    if (object != null) { // -s extract.NAME=RULE, -s http.headers.NAME=VALUE: one entry added to the file's
      JsonObject entries = values.getObject(object);
      entries.put(path.substring(object.path().length() + 1), object.entryFromText().apply(path, raw));
      values.put(object, ConfigTypes.check(object, entries, source));
      return;
    }
    if (key == null) {
      throw unknownKey("-s", path);
    }
    values.put(key, ConfigTypes.check(key, ConfigTypes.fromText(key, raw), source));
  }

  private static ConfigException unknownKey(String source, String path) {
    String hint = ConfigSchema.closest(path);
    String suffix = hint != null ? " — did you mean " + hint + "?" : " — see the config table in docs/configuration.md";
    return new ConfigException(source + ": unknown key " + path + suffix);
  }

}
