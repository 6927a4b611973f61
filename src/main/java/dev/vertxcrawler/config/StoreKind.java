package dev.vertxcrawler.config;

/** Where the frontier lives ({@code store.kind}): crawl.db, resumable, or the heap, faster and not resumable. */
public enum StoreKind implements Choice {
  SQLITE, MEMORY
}
