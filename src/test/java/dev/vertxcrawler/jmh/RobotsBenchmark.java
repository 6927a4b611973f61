package dev.vertxcrawler.jmh;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/** A robots.txt check per URL, against a file with 60 rules (wildcards included), as the crawl does it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RobotsBenchmark {
  private SimpleRobotRules rules;
  private String[] urls;
  private int i;

  @Setup
  public void setUp() {
    StringBuilder robots = new StringBuilder("User-agent: *\n");
    for (int r = 0; r < 50; r++) {
      robots.append("Disallow: /private").append(r).append("/\n");
    }
    for (int r = 0; r < 10; r++) {
      robots.append("Disallow: /*?session").append(r).append("=*$\nAllow: /private").append(r).append("/public\n");
    }
    rules = new SimpleRobotRulesParser().parseContent("http://127.0.0.1:8080/robots.txt",
        robots.toString().getBytes(StandardCharsets.UTF_8), "text/plain", List.of("vertx-crawler"));
    urls = new String[1024];
    for (int u = 0; u < urls.length; u++) {
      urls[u] = "http://127.0.0.1:8080/" + (u % 7 == 0 ? "private" + (u % 60) + "/x" : "api/p" + u + ".html?x=" + u);
    }
  }

  @Benchmark
  public boolean isAllowedPerUrl() {
    return rules.isAllowed(urls[i++ & 1023]);
  }
}
