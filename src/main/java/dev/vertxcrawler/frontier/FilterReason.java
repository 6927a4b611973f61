package dev.vertxcrawler.frontier;

/** Why a discovered URL was not admitted; counted in summary.json's filteredCounts. */
public enum FilterReason {
  DUPLICATE("duplicate"),
  SCOPE("scope"),
  DEPTH("depth"),
  SCHEME("scheme"),
  INVALID("invalid"),
  NOFOLLOW("nofollow"),
  INCLUDE("include"),
  EXCLUDE("exclude"),
  URL_LENGTH("url-length"),
  HOST_BUDGET("host-budget"),
  PATH_REPEATS("path-repeats"),
  PATH_DEPTH("path-depth"),
  OUTLINKS_CAP("outlinks-cap");

  private final String key;

  FilterReason(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
