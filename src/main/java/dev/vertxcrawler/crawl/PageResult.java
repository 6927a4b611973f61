package dev.vertxcrawler.crawl;

import java.util.List;

/**
 * A finished page: its record, the links to admit, a redirect target to admit (or null), and how many
 * links were dropped by the parser as nofollow or as a non-http(s) scheme (for filteredCounts).
 */
record PageResult(PageRecord record, List<String> links, String redirectTarget, int nofollowLinks,
    int otherSchemeLinks) {

  static PageResult of(PageRecord record) {
    return new PageResult(record, List.of(), null, 0, 0);
  }

  static PageResult redirect(PageRecord record, String target) {
    return new PageResult(record, List.of(), target, 0, 0);
  }
}
