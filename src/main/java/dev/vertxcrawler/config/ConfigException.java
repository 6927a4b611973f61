package dev.vertxcrawler.config;

/** A user's configuration mistake: the message names the source, the key path and what to do. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
