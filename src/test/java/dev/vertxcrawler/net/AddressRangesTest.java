package dev.vertxcrawler.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangesTest {
  @ParameterizedTest
  @CsvSource({"127.1, 127.0.0.1", "0x7f.1, 127.0.0.1", "0x7f.0.0.2, 127.0.0.2", "2130706433, 127.0.0.1",
      "017700000001, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "10.1, 10.0.0.1", "192.168.1, 192.168.0.1",
      "0, 0.0.0.0", "0x, 0.0.0.0", "127.0.0.1., 127.0.0.1", "169.254.169.254, 169.254.169.254"})
  void inetAtonSpellingsBecomeTheDottedQuad(String spelling, String dotted) {
    assertEquals(dotted, IpLiterals.canonicalIpv4(spelling));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "4294967296", "a.1", "", "08.1", "h4396.broad.test",
      "+1.2.3.4", "-1.2.3.4", "0x1g.1"})
  void hostNamesAndImpossibleNumbersAreNotIpv4Literals(String host) {
    assertNull(IpLiterals.canonicalIpv4(host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1", "239.255.255.250",
      "255.255.255.255", "198.18.0.1", "[::1]", "[::]", "[fc00::1]", "[fd12:3456::1]", "[fe80::1]", "[ff02::1]",
      "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[::127.0.0.1]", "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::]"})
  void specialAddressesAreBlocked(String address) {
    assertTrue(AddressRanges.isBlocked(IpLiterals.literal(address)), address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "192.169.0.1",
      "[2606:4700:4700::1111]", "[2a00:1450:4001::200e]", "[::ffff:8.8.8.8]", "[2002:0808:0808::]"})
  void publicAddressesAreNot(String address) {
    assertFalse(AddressRanges.isBlocked(IpLiterals.literal(address)), address);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/8, 10.200.3.4, true", "10.0.0.0/8, 11.0.0.1, false", "192.168.4.0/22, 192.168.7.255, true",
      "192.168.4.0/22, 192.168.8.0, false", "fd00::/8, [fd00::5], true", "127.0.0.2, 127.0.0.2, true",
      "127.0.0.2, 127.0.0.3, false"})
  void cidrBlocksContainTheirAddresses(String cidr, String address, boolean contained) {
    assertEquals(contained, AddressRanges.Cidr.parse(cidr).contains(IpLiterals.literal(address)));
  }
}
