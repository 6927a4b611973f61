package dev.vertxcrawler.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code DIR/crawl.lock}: an OS file lock that keeps a second crawler off the same crawl directory. */
final class CrawlDirLock implements AutoCloseable {
  static final String FILE = "crawl.lock";

  private final FileChannel channel; // store thread: taken by open, released by close
  private final FileLock lock; // with the channel

  private CrawlDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws StoreException when another process (or this one) holds the directory */
  static CrawlDirLock acquire(Path dir) throws IOException {
    FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) { // held by this JVM: just as taken
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new StoreException(dir + " is in use by another crawler (" + FILE + " is locked) — "
          + "wait for it to stop or choose another --out");
    }
    return new CrawlDirLock(channel, lock);
  }

  /** Releases the lock; an error is ignored, as the lock goes with the process anyway. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }
}
