package dev.vertxcrawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertxcrawler.config.ConfigKey;
import dev.vertxcrawler.config.ConfigLoader;
import dev.vertxcrawler.config.ConfigSchema;
import dev.vertxcrawler.config.CrawlConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation true: the configuration reference and the top-level config.json match the code's
 * defaults, the README stays short, and every relative link in README.md, BENCHMARKS.md and docs/*.md leads
 * to a file and, with a {@code #anchor}, to a heading in it.
 */
class DocsTest {
  private static final Path CONFIG_REFERENCE = Path.of("docs", "configuration.md");
  private static final int README_MAX_LINES = 250;

  /** {@code [text](target)}; inline code and fenced blocks are removed before this is applied. */
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  @Test
  void everyConfigKeyHasARowInTheConfigurationReferenceWithItsDefault() throws Exception {
    String reference = Files.readString(CONFIG_REFERENCE);
    for (ConfigKey key : ConfigSchema.ALL) {
      String row = "| `" + key.path() + "` | `" + shown(key.defaultValue()) + "` |";
      assertTrue(reference.contains(row), CONFIG_REFERENCE + " lacks the row starting " + row);
    }
  }

  @Test
  void theTopLevelConfigJsonIsValidAndHoldsTheDefaults() {
    CrawlConfig fromFile = ConfigLoader.load(Path.of("config.json"), List.of());
    assertEquals(CrawlConfig.defaults(), fromFile);
  }

  @Test
  void theReadmeIsAtMost250Lines() throws Exception {
    long lines = Files.readAllLines(Path.of("README.md")).size();
    assertTrue(lines <= README_MAX_LINES,
        "README.md has " + lines + " lines, at most " + README_MAX_LINES + ": move detail to a page in docs/");
  }

  @Test
  void everyPageInDocsIsLinkedFromTheReadme() throws Exception {
    Set<Path> linked = new LinkedHashSet<>();
    for (String target : links(Path.of("README.md"))) {
      linked.add(Path.of(stripAnchor(target)).normalize());
    }
    List<String> unlinked = new ArrayList<>();
    for (Path page : docsPages()) {
      if (!linked.contains(page.normalize())) {
        unlinked.add(page.toString());
      }
    }
    assertEquals(List.of(), unlinked, "docs pages the README does not link to");
  }

  @Test
  void everyRelativeLinkLeadsToAnExistingFile() throws Exception {
    List<String> broken = new ArrayList<>();
    for (Path doc : documents()) {
      for (String target : links(doc)) {
        Path file = targetFile(doc, target);
        if (!Files.exists(file)) {
          broken.add(doc + ": (" + target + ") -> no file " + file);
        }
      }
    }
    assertEquals(List.of(), broken, "links to files that do not exist");
  }

  @Test
  void everyAnchorLinkLeadsToAHeadingInItsTarget() throws Exception {
    Map<Path, Set<String>> anchorsByFile = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path doc : documents()) {
      for (String target : links(doc)) {
        int hash = target.indexOf('#');
        if (hash < 0) {
          continue;
        }
        Path file = targetFile(doc, target);
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".md")) {
          continue; // a missing file is everyRelativeLinkLeadsToAnExistingFile's failure
        }
        String anchor = target.substring(hash + 1);
        Set<String> anchors = anchorsByFile.computeIfAbsent(file.normalize(), DocsTest::headingAnchors);
        if (!anchors.contains(anchor)) {
          broken.add(doc + ": (" + target + ") -> no heading #" + anchor + " in " + file);
        }
      }
    }
    assertEquals(List.of(), broken, "anchor links to headings that do not exist");
  }

  @Test
  void headingAnchorsFollowGitHubsSlugRule() {
    assertEquals("recrawling---since-dir", slug("Recrawling (`--since DIR`)"));
    assertEquals("the-launcher-binvertx-crawler", slug("The launcher, `bin/vertx-crawler`"));
    assertEquals("crawl-state-sqlite-bounded-memory-resume", slug("Crawl state: SQLite, bounded memory, resume"));
    assertEquals("snake_case-and-kebab-case", slug("snake_case and kebab-case"));
  }

  /** README.md, BENCHMARKS.md and every page in docs/. */
  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("BENCHMARKS.md")));
    docs.addAll(docsPages());
    return docs;
  }

  private static List<Path> docsPages() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }

  /** The relative link targets of a Markdown file (no scheme), outside code blocks and code spans. */
  private static List<String> links(Path doc) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(doc)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        String target = m.group(1);
        if (!SCHEME.matcher(target).find()) {
          targets.add(target);
        }
      }
    }
    return targets;
  }

  /** The file a link leads to: relative to the linking file's folder; the file itself for {@code #anchor}. */
  private static Path targetFile(Path doc, String target) {
    String path = stripAnchor(target);
    if (path.isEmpty()) {
      return doc;
    }
    Path dir = doc.getParent() == null ? Path.of("") : doc.getParent();
    return dir.resolve(path).normalize();
  }

  private static String stripAnchor(String target) {
    int hash = target.indexOf('#');
    return hash < 0 ? target : target.substring(0, hash);
  }

  /** The anchors GitHub gives a file's headings, the second of two equal ones suffixed -1, and so on. */
  private static Set<String> headingAnchors(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (fenced || !m.matches()) {
        continue;
      }
      String slug = slug(m.group(1));
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    return anchors;
  }

  /** GitHub's rule: lower case, punctuation dropped except '-' and '_', each space a '-'. */
  static String slug(String heading) {
    StringBuilder out = new StringBuilder();
    heading.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        out.appendCodePoint(c);
      } else if (c == ' ') {
        out.append('-');
      }
    });
    return out.toString();
  }

  private static String shown(Object value) {
    if (value instanceof List<?> list) {
      return new io.vertx.core.json.JsonArray(list).encode();
    }
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
