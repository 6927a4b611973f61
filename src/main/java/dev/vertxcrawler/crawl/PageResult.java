package dev.vertxcrawler.crawl;

import dev.vertxcrawler.fetch.FetchResult;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FilterReason;
import dev.vertxcrawler.store.PageRecord;
import java.util.List;
import java.util.Map;

/**
 * A finished page: its record, the links found on it already canonicalised and filtered (on the worker
 * thread that parsed it) with the counts of those dropped, a redirect target to admit (or null), and the
 * raw fetch result (null after an internal failure) from which the host's throttle and the retry decision
 * are made.
 */
record PageResult(PageRecord record, List<CrawlTask> candidates, Map<FilterReason, Long> dropped,
    String redirectTarget, FetchResult fetch) {

  static PageResult of(PageRecord record, FetchResult fetch) {
    return new PageResult(record, List.of(), Map.of(), null, fetch);
  }

  static PageResult redirect(PageRecord record, String target, FetchResult fetch) {
    return new PageResult(record, List.of(), Map.of(), target, fetch);
  }
}
