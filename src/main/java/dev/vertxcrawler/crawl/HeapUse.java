package dev.vertxcrawler.crawl;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The heap in use after the last garbage collection — what the crawl really holds, not the garbage since — read
 * from each heap pool's collection usage: cheap, and no collection is forced. Before the first collection, the
 * heap in use now.
 */
final class HeapUse {
  private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

  private HeapUse() {
  }

  static long afterLastGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : HEAP_POOLS) {
      MemoryUsage usage = pool.getCollectionUsage();
      used += usage == null ? 0 : usage.getUsed();
    }
    return used > 0 ? used : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The heap after the last collection divided among {@code hosts} origins (0 when none is known yet). */
  static long perHost(long hosts) {
    return hosts <= 0 ? 0 : afterLastGc() / hosts;
  }
}
