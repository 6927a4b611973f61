package dev.vertxcrawler.testing;

import dev.vertxcrawler.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real CLI in a child JVM (same classpath as the tests), so tests can signal and kill it. */
public final class ChildCrawl {
  private ChildCrawl() {
  }

  public static Process start(Path log, String... args) throws IOException {
    return start(log, List.of(), args);
  }

  /** @param jvmOptions e.g. -Xmx256m */
  public static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }
}
