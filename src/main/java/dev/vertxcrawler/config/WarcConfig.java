package dev.vertxcrawler.config;

/** Whether every HTTP exchange is archived as WARC records, and the size at which a WARC file is closed. */
public record WarcConfig(boolean enabled, long maxFileBytes) {
}
