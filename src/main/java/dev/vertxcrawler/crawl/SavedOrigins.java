package dev.vertxcrawler.crawl;

import java.util.BitSet;

/**
 * The origins whose robots.txt state the store holds, as a Bloom filter: a brand-new origin (the common case in
 * a broad crawl) is known not to be there without a store read, in 128 KiB whatever the number of hosts. A
 * false "maybe" costs one read in vain, never a wrong answer. Event-loop only.
 */
final class SavedOrigins {
  /** 2^20 bits, 7 probes: 1 in 7 000 new origins is read in vain at 50 000 saved, more beyond (still correct). */
  private static final int BITS = 1 << 20;
  private static final int PROBES = 7;

  private final BitSet bits = new BitSet(BITS);

  void add(String origin) {
    int h1 = origin.hashCode();
    int h2 = secondHash(origin);
    for (int i = 0; i < PROBES; i++) {
      bits.set(Math.floorMod(h1 + i * h2, BITS));
    }
  }

  boolean mightContain(String origin) {
    int h1 = origin.hashCode();
    int h2 = secondHash(origin);
    for (int i = 0; i < PROBES; i++) {
      if (!bits.get(Math.floorMod(h1 + i * h2, BITS))) {
        return false;
      }
    }
    return true;
  }

  /** FNV-1a over the chars, odd so that the probes differ. */
  private static int secondHash(String origin) {
    int h = 0x811c9dc5;
    for (int i = 0; i < origin.length(); i++) {
      h = (h ^ origin.charAt(i)) * 0x01000193;
    }
    return h | 1;
  }
}
