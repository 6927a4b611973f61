package dev.vertxcrawler.fetch;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code X-Robots-Tag} response header: the meta robots directives, for any content type. A value may be
 * scoped to one crawler ({@code otherbot: nofollow}); only unscoped values and those naming our robots token
 * count. {@code none} means both {@code noindex} and {@code nofollow}.
 */
public record RobotsTag(boolean noindex, boolean nofollow) {
  public static final RobotsTag NONE = new RobotsTag(false, false);
  /** Most header values and characters looked at: a hostile server cannot make this expensive. */
  static final int MAX_VALUES = 16;
  static final int MAX_LENGTH = 1_000;
  private static final Pattern SCOPED = Pattern.compile("\\s*([A-Za-z0-9_.-]+)\\s*:(.*)", Pattern.DOTALL);
  /** Directives that carry a value after a colon: not a crawler's name. */
  private static final Set<String> VALUED = Set.of("unavailable_after", "max-snippet", "max-image-preview",
      "max-video-preview");

  /** @param token our robots.txt product token (lower case) */
  public static RobotsTag parse(List<String> values, String token) {
    boolean noindex = false;
    boolean nofollow = false;
    for (String raw : values.subList(0, Math.min(values.size(), MAX_VALUES))) {
      String value = raw.length() > MAX_LENGTH ? raw.substring(0, MAX_LENGTH) : raw;
      Matcher scoped = SCOPED.matcher(value);
      if (scoped.matches() && !VALUED.contains(scoped.group(1).toLowerCase(Locale.ROOT))) {
        if (!scoped.group(1).equalsIgnoreCase(token)) {
          continue; // for another crawler
        }
        value = scoped.group(2);
      }
      for (String directive : value.split(",")) {
        String d = directive.strip().toLowerCase(Locale.ROOT);
        noindex |= d.equals("noindex") || d.equals("none");
        nofollow |= d.equals("nofollow") || d.equals("none");
      }
    }
    return noindex || nofollow ? new RobotsTag(noindex, nofollow) : NONE;
  }
}
