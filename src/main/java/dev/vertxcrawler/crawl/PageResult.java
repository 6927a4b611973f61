package dev.vertxcrawler.crawl;

import dev.vertxcrawler.fetch.FetchResult;
import java.util.List;

/**
 * A finished page: its record, the links to admit, a redirect target to admit (or null), how many links
 * the parser dropped as nofollow or as a non-http(s) scheme (for filteredCounts), and the raw fetch result
 * (null after an internal failure) from which the host's throttle and the retry decision are made.
 */
record PageResult(PageRecord record, List<String> links, String redirectTarget, int nofollowLinks,
    int otherSchemeLinks, FetchResult fetch) {

  static PageResult of(PageRecord record, FetchResult fetch) {
    return new PageResult(record, List.of(), null, 0, 0, fetch);
  }

  static PageResult redirect(PageRecord record, String target, FetchResult fetch) {
    return new PageResult(record, List.of(), target, 0, 0, fetch);
  }
}
