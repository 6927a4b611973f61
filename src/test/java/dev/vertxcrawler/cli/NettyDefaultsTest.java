package dev.vertxcrawler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty settings Main chooses, and that a -D of the user's wins over them. */
class NettyDefaultsTest {
  private String allocator;
  private String jfr;

  @BeforeEach
  void save() {
    allocator = System.getProperty(Main.NETTY_ALLOCATOR);
    jfr = System.getProperty(Main.NETTY_JFR);
  }

  @AfterEach
  void restore() {
    restore(Main.NETTY_ALLOCATOR, allocator);
    restore(Main.NETTY_JFR, jfr);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void thePooledAllocatorAndNoJfrEventsByDefault() {
    System.clearProperty(Main.NETTY_ALLOCATOR);
    System.clearProperty(Main.NETTY_JFR);
    Main.nettyDefaults();
    assertEquals("pooled", System.getProperty(Main.NETTY_ALLOCATOR));
    assertEquals("false", System.getProperty(Main.NETTY_JFR));
  }

  @Test
  void theUsersChoiceWins() {
    System.setProperty(Main.NETTY_ALLOCATOR, "adaptive");
    System.setProperty(Main.NETTY_JFR, "true");
    Main.nettyDefaults();
    assertEquals("adaptive", System.getProperty(Main.NETTY_ALLOCATOR));
    assertEquals("true", System.getProperty(Main.NETTY_JFR));
  }
}
