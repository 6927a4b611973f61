package dev.vertxcrawler.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Host spellings that are really IP addresses. Browsers and many resolvers read {@code 127.1},
 * {@code 0x7f.1}, {@code 017700000001} and {@code 2130706433} as 127.0.0.1 (the inet_aton forms: one to four
 * parts, each decimal, octal with a leading 0, or hex with 0x); they are turned into the dotted quad before
 * anything checks or connects to them, so no spelling slips past the address guard.
 */
public final class IpLiterals {
  private IpLiterals() {
  }

  /** The dotted-quad form of an inet_aton-style IPv4 literal, or null when {@code host} is not one. */
  public static String canonicalIpv4(String host) {
    if (host.isEmpty() || host.endsWith(".") && host.length() == 1) {
      return null;
    }
    String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host; // "127.0.0.1." too
    String[] parts = text.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long v = number(parts[i]);
      if (v == null) {
        return null;
      }
      values[i] = v;
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      address = address << 8 | values[i];
    }
    int lastBits = 8 * (5 - values.length);
    long last = values[values.length - 1];
    if (last >= 1L << lastBits) {
      return null;
    }
    address = address << lastBits | last;
    return (address >>> 24 & 255) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
  }

  private static Long number(String part) {
    if (part.isEmpty()) {
      return null;
    }
    String p = part.toLowerCase(Locale.ROOT);
    int radix = 10;
    if (p.startsWith("0x")) {
      radix = 16;
      p = p.substring(2);
      if (p.isEmpty()) {
        return 0L; // "0x" alone is 0 to inet_aton
      }
    } else if (p.length() > 1 && p.startsWith("0")) {
      radix = 8;
      p = p.substring(1);
    }
    if (p.length() > 12) {
      return null;
    }
    for (int i = 0; i < p.length(); i++) {
      if (Character.digit(p.charAt(i), radix) < 0) {
        return null; // a name's label ("h12", "www"): no exception thrown for every host name looked up
      }
    }
    try {
      return Long.parseLong(p, radix);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The address a host names literally (IPv4 in any inet_aton form, or IPv6 in brackets or not), else null. */
  public static InetAddress literal(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      if (h.indexOf(':') >= 0) {
        return InetAddress.getByName(h); // an IPv6 literal: parsed, never looked up
      }
      String v4 = canonicalIpv4(h);
      return v4 == null ? null : InetAddress.getByName(v4);
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
