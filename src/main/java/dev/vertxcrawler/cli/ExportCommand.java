package dev.vertxcrawler.cli;

import dev.vertxcrawler.config.Choice;
import dev.vertxcrawler.store.PageExport;
import dev.vertxcrawler.store.StoreException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a crawl's pages from DIR/crawl.db as JSON Lines or CSV (spreadsheet-safe).")
final class ExportCommand implements Callable<Integer> {

  @Mixin
  CrawlSource source;

  private Path dir;

  @Option(names = "--format", defaultValue = "jsonl", converter = FormatWord.class,
      description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
  PageExport.Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
  Path out;

  /** The format by its word as written (picocli's own enum conversion wants the constant's name). */
  static final class FormatWord implements CommandLine.ITypeConverter<PageExport.Format> {
    @Override
    public PageExport.Format convert(String word) {
      try {
        return Choice.of(PageExport.Format.class, word);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() {
    try {
      dir = source.resolve();
    } catch (StoreException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    try (Writer writer = out == null
        ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
        : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      long n = PageExport.export(dir, format, writer);
      if (out != null) {
        System.err.println(n + " pages written to " + out);
      }
      return Main.OK;
    } catch (StoreException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      System.err.println((out == null ? "standard output" : out) + ": cannot be written (" + e.getMessage() + ")");
      return Main.USAGE;
    }
  }
}
