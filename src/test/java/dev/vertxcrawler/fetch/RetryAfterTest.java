package dev.vertxcrawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @ParameterizedTest(name = "[{index}] ''{0}'' → {1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      120                            | 120000
      0                              | 0
      ' 5 '                          | 5000
      'Sat, 21 Nov 2026 12:00:30 GMT' | 30000
      'Sat, 21 Nov 2026 11:59:00 GMT' | 0
      soon                           | null
      -5                             | null
      ''                             | null
      null                           | null
      """)
  void secondsOrHttpDate(String header, Long expected) {
    assertEquals(expected, RetryAfter.millis(header, NOW));
  }
}
