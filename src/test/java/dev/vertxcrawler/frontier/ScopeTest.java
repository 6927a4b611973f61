package dev.vertxcrawler.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vertxcrawler.config.Choice;
import dev.vertxcrawler.config.ScopeConfig;
import dev.vertxcrawler.config.ScopeConfig.Hosts;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeTest {
  private static final String SEED = "https://www.example.co.uk/docs/";

  private static List<String> list(String cell) {
    return cell == null || cell.isEmpty() ? List.of() : Arrays.asList(cell.split(" "));
  }

  /** mode | include | exclude | URL → reason ("-" = in scope). Seed: https://www.example.co.uk/docs/ */
  @ParameterizedTest(name = "[{index}] {0} {3} → {4}")
  @CsvSource(delimiter = '|', textBlock = """
      seeds   | ''          | ''           | https://www.example.co.uk/a            | -
      seeds   | ''          | ''           | http://www.example.co.uk/a             | scope
      seeds   | ''          | ''           | https://www.example.co.uk:8443/a       | scope
      seeds   | ''          | ''           | https://blog.example.co.uk/a           | scope
      domains | ''          | ''           | https://blog.example.co.uk/a           | -
      domains | ''          | ''           | http://example.co.uk/a                 | -
      domains | ''          | ''           | https://other.co.uk/a                  | scope
      any     | ''          | ''           | https://anything.example.org/a         | -
      seeds   | /docs/      | ''           | https://www.example.co.uk/docs/x       | -
      seeds   | /docs/      | ''           | https://www.example.co.uk/blog/x       | include
      seeds   | ''          | \\?print= /tag/ | https://www.example.co.uk/a?print=1  | exclude
      seeds   | ''          | \\?print= /tag/ | https://www.example.co.uk/tag/x      | exclude
      seeds   | /docs/ /api/ | /docs/old/  | https://www.example.co.uk/docs/old/x   | exclude
      seeds   | /docs/ /api/ | /docs/old/  | https://www.example.co.uk/api/y        | -
      """)
  void scopeDecisions(String mode, String include, String exclude, String url, String expected) {
    Scope scope = new Scope(new ScopeConfig(Choice.of(Hosts.class, mode), list(include), list(exclude), 2048, 0,
        List.of(), 2, 64));
    scope.addSeedOrigin(UrlCanonicalizer.origin(SEED));
    FilterReason reason = scope.check(url, UrlCanonicalizer.origin(url));
    assertEquals(expected, reason == null ? "-" : reason.key());
  }

  /** URL → reason with scope.maxPathRepeats = 2 and scope.maxPathDepth = 3 (trailing slashes add no segment). */
  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      https://a.example/                 | -
      https://a.example/x/y/z            | -
      https://a.example/x/y/z/           | -
      https://a.example/x/y/z//          | -
      https://a.example/x/y/z/w          | path-depth
      https://a.example/x//z/w           | path-depth
      https://a.example/x/y/z?q=/1/2/3/4 | -
      https://a.example/t/t/t            | path-repeats
      https://a.example/t/u/t            | -
      """)
  void pathTraps(String url, String expected) {
    Scope scope = new Scope(new ScopeConfig(Hosts.ANY, List.of(), List.of(), 2048, 0, List.of(), 2, 3));
    FilterReason reason = scope.check(url, UrlCanonicalizer.origin(url));
    assertEquals(expected, reason == null ? "-" : reason.key());
  }

  /** A page's repeated hrefs are judged once and counted every time, as if each were filtered on its own. */
  @Test
  void aPagesLinksAreCountedOncePerOccurrence() {
    Admission admission = new Admission(5,
        new ScopeConfig(Hosts.SEEDS, List.of(), List.of(), 2048, 0, List.of(), 2, 64));
    assertNotNull(admission.seed("http://a.example/"));
    Admission.Filtered f = admission.filterLinks(List.of("http://a.example/x", "http://a.example/x",
        "http://b.example/y", "http://b.example/y", "HTTP://A.EXAMPLE:80/x", "mailto:z@a.example",
        "http://a.example/z"), 1, "http://a.example/");
    assertEquals(List.of("http://a.example/x", "http://a.example/z"), f.candidates().stream().map(CrawlTask::url).toList());
    assertEquals(java.util.Map.of(FilterReason.DUPLICATE, 2L, FilterReason.SCOPE, 2L, FilterReason.SCHEME, 1L),
        f.dropped());
  }

  /** The in-place repeat count against the definition it replaced: split the path, count each segment. */
  @Test
  void repeatedSegmentsAreCountedAsSplittingWould() {
    Scope scope = new Scope(new ScopeConfig(Hosts.ANY, List.of(), List.of(), 2048, 0, List.of(), 2, 64));
    java.util.Random random = new java.util.Random(7);
    String[] parts = {"a", "b", "ab", "", "a.html", "x"};
    for (int n = 0; n < 20_000; n++) {
      StringBuilder path = new StringBuilder();
      int segments = 1 + random.nextInt(7);
      for (int i = 0; i < segments; i++) {
        path.append('/').append(parts[random.nextInt(parts.length)]);
      }
      String url = "http://h" + path;
      int from = "http://h/".length();
      java.util.Map<String, Integer> seen = new java.util.HashMap<>();
      boolean expected = false;
      for (String segment : url.substring(from).split("/")) {
        expected |= !segment.isEmpty() && seen.merge(segment, 1, Integer::sum) > 2;
      }
      assertEquals(expected, scope.repeatsTooOften(url, from, url.length()), url);
    }
  }

  @Test
  void longUrlsAreRefused() {
    Scope scope = new Scope(new ScopeConfig(Hosts.ANY, List.of(), List.of(), 40, 0, List.of(), 2, 64));
    assertNull(scope.check("https://example.com/short", "https://example.com"));
    assertEquals(FilterReason.URL_LENGTH, scope.check("https://example.com/" + "x".repeat(40), "https://example.com"));
  }

  @Test
  void depthBeyondTheLimitIsCounted() {
    Admission admission = new Admission(1,
        new ScopeConfig(Hosts.SEEDS, List.of(), List.of(), 2048, 0, List.of(), 2, 64));
    assertNotNull(admission.seed("http://a.example/"));
    assertNull(admission.link("http://a.example/deep", 2, null));
    assertNotNull(admission.link("HTTP://A.EXAMPLE:80/#top", 1, null));
    assertEquals(1L, admission.filteredCounts().get(FilterReason.DEPTH));
  }
}
