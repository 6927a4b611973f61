package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobotsTagTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      noindex                                  | true  | false
      nofollow                                 | false | true
      'noindex, nofollow'                      | true  | true
      NONE                                     | true  | true
      all                                      | false | false
      'vertx-crawler: nofollow'                | false | true
      'Vertx-Crawler: noindex'                 | true  | false
      'otherbot: noindex, nofollow'            | false | false
      'otherbot: nofollow;;vertx-crawler: noindex' | true | false
      'unavailable_after: 25 Jun 2010 15:00:00 PST' | false | false
      'max-snippet: 20, nofollow'              | false | true
      'noarchive;;nofollow'                    | false | true
      ''                                       | false | false
      """)
  void directivesForEveryoneAndForOurTokenCountOthersDoNot(String values, boolean noindex, boolean nofollow) {
    List<String> headers = values == null ? List.of() : Arrays.asList(values.split(";;")); // ;; = two headers
    assertEquals(new RobotsTag(noindex, nofollow), RobotsTag.parse(headers, "vertx-crawler"));
  }
}
