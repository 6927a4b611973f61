package dev.vertxcrawler.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Copies sqlite-jdbc's native library for this machine out of the jar, once, for bin/vertx-crawler's start-up
 * cache. On every start sqlite-jdbc otherwise detects the platform (listing /proc/self/map_files, spawning
 * {@code uname -o}), extracts 1 MB to the temp directory and compares it byte by byte: 70-90 ms before a crawl
 * can open its store. With {@code -Dorg.sqlite.lib.path} and {@code -Dorg.sqlite.lib.name} pointing at this
 * copy it loads the library at once (and falls back to its own extraction if the copy is unusable).
 *
 * <p>Run: {@code java -cp vertx-crawler.jar dev.vertxcrawler.store.SqliteNativeLibrary DIR} — writes
 * DIR/&lt;library file&gt; (the platform's name for it, e.g. libsqlitejdbc.so). Exits 1 when the jar has no
 * library for this platform (sqlite-jdbc then keeps doing its own thing), 2 on a usage error.
 */
public final class SqliteNativeLibrary {
  private SqliteNativeLibrary() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: SqliteNativeLibrary DIR");
      System.exit(2);
    }
    System.exit(copyTo(Path.of(args[0])) != null ? 0 : 1);
  }

  /** The copied library, or null when the jar holds none for this platform. */
  static Path copyTo(Path dir) throws IOException {
    String name = LibraryLoaderUtil.getNativeLibName();
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Files.createDirectories(dir);
      Path target = dir.resolve(name);
      Path tmp = dir.resolve(name + ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    }
  }
}
