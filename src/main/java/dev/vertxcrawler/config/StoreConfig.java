package dev.vertxcrawler.config;

/**
 * The frontier store: its kind and, for PostgreSQL, the database ({@code url}, its password possibly from
 * {@code passwordFile} or {@code PGPASSWORD}) and the crawl's name there ({@code crawl}, empty = the --out
 * directory's name), and how long a node holds a host without renewing its lease ({@code leaseMs}).
 */
public record StoreConfig(StoreKind kind, String url, String crawl, String passwordFile, int leaseMs) {

  public StoreConfig {
    if (kind == StoreKind.POSTGRES && url.isEmpty()) {
      throw new ConfigException(ConfigSchema.STORE_KIND.path() + " is postgres but " + ConfigSchema.STORE_URL.path()
          + " is empty — set it, e.g. -s store.url=postgresql://crawler@127.0.0.1:5432/crawls");
    }
  }

  /** The crawl's name in a shared database: {@code crawl}, else the output directory's name. */
  public String crawlName(java.nio.file.Path out) {
    if (!crawl.isEmpty()) {
      return crawl;
    }
    java.nio.file.Path name = out.toAbsolutePath().normalize().getFileName();
    return name == null ? "crawl" : name.toString();
  }
}
