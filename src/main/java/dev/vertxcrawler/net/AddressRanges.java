package dev.vertxcrawler.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Address blocks a crawler must not reach on a link's say-so: loopback, private (RFC 1918), link-local
 * (including the cloud metadata address 169.254.169.254), CGNAT (100.64/10), unique-local IPv6 (fc00::/7),
 * multicast, unspecified and reserved blocks — and IPv4 addresses wrapped in IPv6 (mapped, compatible,
 * NAT64, 6to4), which are judged by the IPv4 address inside.
 */
public final class AddressRanges {
  /** One CIDR block. */
  public record Cidr(byte[] network, int prefix) {
    public static Cidr parse(String text) {
      int slash = text.indexOf('/');
      InetAddress address = IpLiterals.literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
      }
      int bits = address.getAddress().length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length out of range in " + text);
      }
      return new Cidr(address.getAddress(), prefix);
    }

    public boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }
  }

  private static final List<Cidr> BLOCKED = List.of(
      "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
      "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
      "224.0.0.0/4", "240.0.0.0/4",
      "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32", "100::/64")
      .stream().map(Cidr::parse).toList();

  private AddressRanges() {
  }

  /** True when the address lies in a blocked block (an IPv4 address wrapped in IPv6 is judged by itself). */
  public static boolean isBlocked(InetAddress address) {
    InetAddress judged = embeddedIpv4(address);
    for (Cidr block : BLOCKED) {
      if (block.contains(judged)) {
        return true;
      }
    }
    return false;
  }

  /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d or 2002:aabb:ccdd::, else the address. */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] a = address.getAddress();
    boolean zeros80 = allZero(a, 0, 10);
    boolean mapped = zeros80 && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    boolean compatible = zeros80 && a[10] == 0 && a[11] == 0 && !allZero(a, 12, 16) && !isV6LoopbackOrAny(a);
    boolean nat64 = a[0] == 0 && a[1] == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b && allZero(a, 4, 12);
    try {
      if (mapped || compatible || nat64) {
        return Inet4Address.getByAddress(new byte[] {a[12], a[13], a[14], a[15]});
      }
      if (a[0] == 0x20 && a[1] == 0x02) { // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
        return Inet4Address.getByAddress(new byte[] {a[2], a[3], a[4], a[5]});
      }
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
    return address;
  }

  private static boolean isV6LoopbackOrAny(byte[] a) {
    return allZero(a, 0, 15) && (a[15] == 0 || a[15] == 1);
  }

  private static boolean allZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
