package dev.vertxcrawler.crawl;

import dev.vertxcrawler.parse.Extraction;
import dev.vertxcrawler.parse.PageParser;
import dev.vertxcrawler.parse.ParsedPage;

/** The parse step, as a seam: tests wrap it to check which thread it runs on. Blocking; worker threads only. */
@FunctionalInterface
public interface HtmlParser {
  HtmlParser JSOUP = PageParser::parse;

  ParsedPage parse(byte[] body, String charset, String pageUrl, int maxOutlinks, Extraction extraction);
}
