package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trusted-proxy blocks: parsing and membership, IPv4 and IPv6. */
class CidrTest {
  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1/32     | 127.0.0.1                 | true",
        "127.0.0.1/32     | 127.0.0.2                 | false",
        "127.0.0.1        | 127.0.0.1                 | true",
        "10.0.0.0/8       | 10.255.3.4                | true",
        "10.0.0.0/8       | 11.0.0.1                  | false",
        "192.168.4.0/22   | 192.168.7.255             | true",
        "192.168.4.0/22   | 192.168.8.0               | false",
        "192.168.4.7/22   | 192.168.5.1               | true",
        "0.0.0.0/0        | 203.0.113.9               | true",
        "0.0.0.0/0        | ::1                       | false",
        "10.0.0.0/8       | ::ffff:10.1.2.3           | true",
        "10.0.0.0/8       | 0:0:0:0:0:ffff:a01:203    | true",
        "10.0.0.0/8       | ::10.1.2.3                | false",
        "::1/128          | 0:0:0:0:0:0:0:1           | true",
        "::1              | ::1                       | true",
        "::1/128          | 127.0.0.1                 | false",
        "2001:db8::/32    | 2001:db8:ffff::1          | true",
        "2001:db8::/32    | 2001:db9::1               | false",
        "2001:DB8::/32    | 2001:db8::abcd            | true",
        "fe80::/10        | fe80::1%eth0              | true",
        "fe80::/10        | fec0::1                   | false",
        "2001:db8:0:0:1::/80 | 2001:db8::1:0:0:5      | true",
        "::/0             | 2001:db8::1               | true",
        "::ffff:0:0/96    | ::ffff:192.0.2.1          | true",
      })
  void membership(String block, String address, boolean inside) {
    assertEquals(inside, Cidr.parse(block).contains(IpLiteral.parse(address)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/33      | '10.0.0.0/33': the prefix length is at most 32 for this address",
        "::/129           | '::/129': the prefix length is at most 128 for this address",
        "10.0.0.0/        | '10.0.0.0/' has no prefix length after the /",
        "10.0.0.0/x       | '10.0.0.0/x' has no prefix length after the /",
        "10.0.0.256/8     | '10.0.0.256' is not an IPv4 or IPv6 address",
        "10.0.0/8         | '10.0.0' is not an IPv4 or IPv6 address",
        "proxy.example.org | 'proxy.example.org' is not an IPv4 or IPv6 address",
        "localhost        | 'localhost' is not an IPv4 or IPv6 address",
        "1:2:3:4:5:6:7:8:9 | '1:2:3:4:5:6:7:8:9' is not an IPv6 address",
        "1::2::3          | '1::2::3' is not an IPv6 address",
        "12345::1         | '12345::1' is not an IPv6 address",
        "1.2.3.4::        | '1.2.3.4::' is not an IPv6 address",
        "::g              | '::g' is not an IPv6 address",
        "1:2:3:4:5:6:7    | '1:2:3:4:5:6:7' is not an IPv6 address",
        "1:2:3:4:5:6:7:8::  | '1:2:3:4:5:6:7:8::' is not an IPv6 address",
      })
  void badBlocksSayWhatIsWrong(String block, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(block)).getMessage());
  }
}
