package dev.vertxcrawler.cli;

import dev.vertxcrawler.store.PageExport;
import dev.vertxcrawler.store.StoreException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a crawl's pages from DIR/crawl.db as JSON Lines or CSV (spreadsheet-safe).")
final class ExportCommand implements Callable<Integer> {
  enum Format { jsonl, csv }

  @Parameters(paramLabel = "DIR", description = "The crawl's output directory.")
  Path dir;

  @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
  Path out;

  @Override
  public Integer call() {
    try (Writer writer = out == null
        ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
        : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      long n = PageExport.export(dir, format.name(), writer);
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
