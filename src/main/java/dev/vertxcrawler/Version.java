package dev.vertxcrawler;

/** The release name shown by {@code --version} and written into what the crawler produces (WARC warcinfo). */
public final class Version {
  public static final String NAME = "vertx-crawler";
  public static final String NUMBER = "0.1.0";

  private Version() {
  }
}
