package dev.vertxcrawler.crawl;

import dev.vertxcrawler.fetch.ContentTypes;
import dev.vertxcrawler.fetch.FetchErrors;
import dev.vertxcrawler.fetch.FetchResult;
import dev.vertxcrawler.fetch.FetchRequest;
import dev.vertxcrawler.fetch.Fetcher;
import dev.vertxcrawler.fetch.RobotsTag;
import dev.vertxcrawler.fetch.Validators;
import java.util.List;
import dev.vertxcrawler.store.PageRecord;
import dev.vertxcrawler.store.PageRecord.Outcome;
import dev.vertxcrawler.store.PreviousCrawl;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.frontier.CrawlTask;
import dev.vertxcrawler.frontier.FilterReason;
import java.util.EnumMap;
import java.util.Map;
import dev.vertxcrawler.parse.Extraction;
import dev.vertxcrawler.parse.ParsedPage;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Instant;

/**
 * Fetch → parse → record for one page. The fetch runs on the event loop; jsoup runs through
 * {@code executeBlocking(…, false)} on the parse pool, so parses run in parallel, one per core.
 */
final class PageProcessor {
  static final String PARSE_ERROR = "parse";

  private final io.vertx.core.WorkerExecutor parsers;
  private final Fetcher fetcher;
  private final HtmlParser parser;
  private final Admission admission;
  private final int maxOutlinks;
  private final Extraction extraction;
  private final PreviousCrawl previous;
  /** Our robots.txt product token: an X-Robots-Tag value scoped to it counts. */
  private final String robotsToken;
  /** Recorded on a fetched page labelled HTML whose bytes are not (PNG, PDF, gzip …): not parsed. */
  static final String NOT_HTML = "not-html";

  /** @param parsers the parse pool: as many threads as cores, so parsing never starves the event loop of CPU */
  PageProcessor(io.vertx.core.WorkerExecutor parsers, Fetcher fetcher, HtmlParser parser, Admission admission,
      int maxOutlinks, Extraction extraction, PreviousCrawl previous, String robotsToken) {
    this.previous = previous;
    this.robotsToken = robotsToken;
    this.maxOutlinks = maxOutlinks;
    this.extraction = extraction;
    this.parsers = parsers;
    this.fetcher = fetcher;
    this.parser = parser;
    this.admission = admission;
  }

  /**
   * @param onStart runs the moment the request goes out (the host's clock counts from then)
   * @param lastForHost nothing else of the host waits: its connection is closed after this request
   */
  Future<PageResult> process(CrawlTask task, Runnable onStart, boolean lastForHost) {
    return earlier(task.url()).compose(before -> {
      Validators ask = before == null ? Validators.NONE : before.validators();
      Instant startedAt = Instant.now();
      return fetcher.fetch(FetchRequest.page(task.url()).conditional(ask).onStart(onStart)
          .lastForHost(lastForHost))
          .compose(result -> before != null && ask.any() && Integer.valueOf(304).equals(result.status())
              && result.complete() ? notModified(task, result, startedAt, before)
              : handle(task, result, startedAt, before));
    });
  }

  /** The earlier crawl's page of {@code url} (crawl since …); null without one, or when it cannot be read. */
  private Future<EarlierPage> earlier(String url) {
    if (previous == null) {
      return Future.succeededFuture();
    }
    return previous.page(url).map(EarlierPage::of).otherwise((EarlierPage) null);
  }

  /** Unchanged since the earlier crawl: its links, as stored then, go through admission again (not parsed). */
  private Future<PageResult> notModified(CrawlTask task, FetchResult result, Instant startedAt, EarlierPage before) {
    PageRecord record = before.notModified(task, result, startedAt);
    return previous.links(before.urlId())
        .compose(links -> parsers.executeBlocking(() -> {
          Admission.Filtered filtered = admission.filterLinks(links, task.depth() + 1, task.url());
          return new PageResult(record, filtered.candidates(), filtered.dropped(), null, result);
        }, false))
        .otherwise(err -> PageResult.of(record, result));
  }

  private Future<PageResult> handle(CrawlTask task, FetchResult result, Instant startedAt, EarlierPage before) {
    Boolean changed = before == null ? null : before.changedBy(result.sha256());
    RobotsTag tag = RobotsTag.parse(result.robotsTags(), robotsToken);
    if (!result.complete() && isRefused(result.error())) { // the address guard: never requested
      return Future.succeededFuture(PageResult.of(
          PageRecord.skipped(task, result.error()), result));
    }
    if (!result.complete()) {
      return Future.succeededFuture(PageResult.of(failed(task, result, startedAt, result.error()), result));
    }
    if (isRedirect(result.status())) {
      String target = resolve(task.url(), result.location());
      PageRecord record = fetched(task, result, startedAt, null, changed, tag);
      return Future.succeededFuture(PageResult.redirect(record, target, result));
    }
    if (result.body() == null || result.status() < 200 || result.status() >= 300) {
      return Future.succeededFuture(PageResult.of(fetched(task, result, startedAt, null, changed, tag), result));
    }
    byte[] bytes = Fetcher.bytesOf(result.body());
    if (ContentTypes.looksBinary(bytes)) {
      PageRecord notHtml = fetched(task, result, startedAt, null, changed, tag).withError(NOT_HTML);
      return Future.succeededFuture(PageResult.of(notHtml, result));
    }
    String charset = ContentTypes.charset(result.contentType());
    // Parse, then canonicalise and filter the links, on the worker pool: both are CPU work.
    return parsers.executeBlocking(() -> {
      ParsedPage page = parser.parse(bytes, charset, task.url(), maxOutlinks, extraction);
      // A meta robots for our crawler by name counts like an X-Robots-Tag scoped to our token.
      RobotsTag robots = page.crawlerMetas().isEmpty() ? tag : RobotsTag.parse(
          java.util.stream.Stream.concat(result.robotsTags().stream(), page.crawlerMetas().stream()).toList(),
          robotsToken);
      // nofollow from the header or a meta for us holds for the whole page, as meta robots does.
      Admission.Filtered links = admission.filterLinks(robots.nofollow() ? List.of() : page.links(),
          task.depth() + 1, task.url());
      Map<FilterReason, Long> dropped = new EnumMap<>(FilterReason.class);
      dropped.putAll(links.dropped());
      dropped.merge(FilterReason.NOFOLLOW, (long) page.nofollowLinks() + (robots.nofollow() ? page.links().size() : 0),
          Long::sum);
      dropped.merge(FilterReason.SCHEME, (long) page.otherSchemeLinks(), Long::sum);
      dropped.merge(FilterReason.OUTLINKS_CAP, (long) page.linksOverCap(), Long::sum);
      PageRecord record = fetched(task, result, startedAt, page, changed, robots);
      return new PageResult(record, links.candidates(), dropped, null, result);
    }, false)
        .recover(err -> Future.succeededFuture(PageResult.of(failed(task, result, startedAt, PARSE_ERROR), result)));
  }

  private static boolean isRefused(String error) {
    return FetchErrors.BLOCKED_ADDRESS.equals(error) || FetchErrors.BLOCKED_PORT.equals(error);
  }

  private static boolean isRedirect(Integer status) {
    return status != null && status >= 300 && status < 400;
  }

  /** Resolves a Location header against the page URL; null when it is missing or unusable. */
  static String resolve(String base, String location) {
    if (location == null || location.isBlank()) {
      return null;
    }
    try {
      return URI.create(base).resolve(location.trim()).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static PageRecord fetched(CrawlTask task, FetchResult r, Instant at, ParsedPage page, Boolean changed,
      RobotsTag tag) {
    // Boxed on both sides: a boolean branch would unbox the null one (an NPE).
    Boolean noindex = page == null ? (tag.noindex() ? Boolean.TRUE : null)
        : Boolean.valueOf(page.metaNoindex() || tag.noindex());
    PageRecord.Builder record = answered(task, Outcome.FETCHED, r, at).sha256(r.sha256()).noindex(noindex)
        .changed(changed);
    if (page != null) {
      record.title(page.title()).links(page.outlinks()).canonical(page.canonical()).data(page.data());
    }
    return record.build();
  }

  private static PageRecord failed(CrawlTask task, FetchResult r, Instant at, String error) {
    return answered(task, Outcome.FAILED, r, at).error(error).build();
  }

  /** What every record of a request holds: the task's URL and place, and the response's headline facts. */
  private static PageRecord.Builder answered(CrawlTask task, Outcome outcome, FetchResult r, Instant at) {
    return PageRecord.builder(task, outcome).status(r.status()).contentType(r.contentType()).bytes(r.bytes())
        .fetchedAt(at).elapsedMs(r.elapsedMs()).location(r.location()).validators(r.validators());
  }
}
