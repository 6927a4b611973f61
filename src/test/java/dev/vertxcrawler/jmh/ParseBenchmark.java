package dev.vertxcrawler.jmh;

import dev.vertxcrawler.config.CrawlConfig;
import dev.vertxcrawler.frontier.Admission;
import dev.vertxcrawler.parse.PageParser;
import dev.vertxcrawler.parse.ParsedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per page: jsoup's parse alone (the DOM floor), our PageParser (token scan + link extraction), the same through
 * jsoup's DOM (the fallback engine), the links resolved
 * the jsoup way (absUrl per link) for comparison, and canonicalisation + scope of one page's links.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  private byte[] page;
  private List<String> links;
  private Admission admission;

  @Setup
  public void setUp() {
    page = SamplePages.docPage(7);
    links = PageParser.parse(page, "UTF-8", SamplePages.BASE).links();
    CrawlConfig config = CrawlConfig.defaults();
    admission = new Admission(1000, config.scope());
    admission.seed(SamplePages.BASE);
  }

  @Benchmark
  public Document jsoupParseOnly() throws Exception {
    return Jsoup.parse(new java.io.ByteArrayInputStream(page), "UTF-8", SamplePages.BASE);
  }

  @Benchmark
  public ParsedPage pageParser() {
    return PageParser.parse(page, "UTF-8", SamplePages.BASE);
  }

  /** The same facts through jsoup's full DOM: PageParser's fallback engine, and its only one before the scan. */
  @Benchmark
  public ParsedPage pageParserDom() {
    return PageParser.parseDom(page, "UTF-8", SamplePages.BASE, PageParser.DEFAULT_MAX_OUTLINKS);
  }

  @Benchmark
  public List<String> jsoupParseWithAbsUrl() throws Exception {
    Document doc = Jsoup.parse(new java.io.ByteArrayInputStream(page), "UTF-8", SamplePages.BASE);
    List<String> out = new ArrayList<>();
    for (Element a : doc.select("a[href]")) {
      out.add(a.absUrl("href"));
    }
    return out;
  }

  @Benchmark
  public Admission.Filtered canonicaliseAndFilterOnePagesLinks() {
    return admission.filterLinks(links, 2, SamplePages.BASE);
  }
}
