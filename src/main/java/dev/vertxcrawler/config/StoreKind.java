package dev.vertxcrawler.config;

/**
 * Where the frontier lives ({@code store.kind}): crawl.db, resumable; the heap, faster and not resumable; or a
 * PostgreSQL database ({@code store.url}), shared by every node started with the same {@code store.crawl}.
 */
public enum StoreKind implements Choice {
  SQLITE, MEMORY, POSTGRES
}
