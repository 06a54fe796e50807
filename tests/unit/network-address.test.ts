import { describe, expect, it } from "vitest";
import { classifyAddress, refusalMessage } from "../../server/lib/network-address.ts";
import { isHostAllowed, parseAllowedHost } from "../../server/schemas/archive.ts";

const refusal = (address: string) => {
  const verdict = classifyAddress(address);
  return verdict.allowed ? null : refusalMessage(verdict);
};

describe("classifyAddress", () => {
  it.each([
    ["10.0.0.1", "refused: 10.0.0.1 is a private address"],
    ["172.16.5.4", "refused: 172.16.5.4 is a private address"],
    ["192.168.1.1", "refused: 192.168.1.1 is a private address"],
    ["127.0.0.1", "refused: 127.0.0.1 is a loopback address"],
    ["127.255.0.9", "refused: 127.255.0.9 is a loopback address"],
    ["169.254.169.254", "refused: 169.254.169.254 is a link-local address"],
    ["100.64.0.1", "refused: 100.64.0.1 is a shared (carrier-grade NAT) address"],
    ["224.0.0.251", "refused: 224.0.0.251 is a multicast address"],
    ["0.0.0.0", "refused: 0.0.0.0 is an unspecified address"],
    ["0.1.2.3", "refused: 0.1.2.3 is an unspecified address"],
    ["255.255.255.255", "refused: 255.255.255.255 is a broadcast address"],
    ["192.0.2.10", "refused: 192.0.2.10 is a reserved address"],
    ["198.18.0.1", "refused: 198.18.0.1 is a reserved address"],
    ["240.0.0.1", "refused: 240.0.0.1 is a reserved address"],
    ["::1", "refused: ::1 is a loopback address"],
    ["[::1]", "refused: ::1 is a loopback address"],
    ["::", "refused: :: is an unspecified address"],
    ["fe80::1", "refused: fe80::1 is a link-local address"],
    ["fc00::5", "refused: fc00::5 is a unique-local address"],
    ["fd12:3456::1", "refused: fd12:3456::1 is a unique-local address"],
    ["ff02::1", "refused: ff02::1 is a multicast address"],
    ["2001:db8::1", "refused: 2001:db8::1 is a reserved address"],
    ["64:ff9b::a00:1", "refused: 64:ff9b::a00:1 is an IPv4-embedded (NAT64) address"],
    ["2002:a00:1::", "refused: 2002:a00:1:: is a 6to4 address"],
    // Outside 2000::/3 nothing is ordinary unicast: the old IPv4-compatible form included.
    ["::7f00:1", "refused: ::7f00:1 is a reserved address"],
    ["4000::1", "refused: 4000::1 is a reserved address"],
  ])("refuses %s", (address, message) => {
    expect(refusal(address)).toBe(message);
  });

  it.each([
    ["::ffff:127.0.0.1", "refused: ::ffff:127.0.0.1 is a loopback address"],
    ["::ffff:7f00:1", "refused: ::ffff:7f00:1 is a loopback address"],
    ["[::ffff:10.0.0.1]", "refused: ::ffff:10.0.0.1 is a private address"],
    ["::ffff:a9fe:a9fe", "refused: ::ffff:a9fe:a9fe is a link-local address"],
  ])("judges the IPv4-mapped %s by the IPv4 address it carries", (address, message) => {
    expect(refusal(address)).toBe(message);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
  ])("allows the public address %s", (address) => {
    expect(classifyAddress(address)).toMatchObject({ allowed: true });
  });

  it.each([
    "localhost",
    "example.org",
    "",
    "0x7f.1",
    "2130706433",
    "127.1",
    "017700000001",
    "1.2.3.4.5",
    "::ffff:1.2.3",
  ])("refuses %j, which is not an address in the form DNS gives", (value) => {
    expect(classifyAddress(value)).toMatchObject({ allowed: false, kind: "not an IP address" });
  });
});

describe("allowed hosts", () => {
  it.each([
    ["example.org", { host: "example.org", port: null }],
    ["  Example.ORG  ", { host: "example.org", port: null }],
    ["example.org.", { host: "example.org", port: null }],
    ["intranet.example:8080", { host: "intranet.example", port: 8080 }],
    ["10.0.0.5", { host: "10.0.0.5", port: null }],
    ["10.0.0.5:80", { host: "10.0.0.5", port: 80 }],
    ["[::1]", { host: "[::1]", port: null }],
    ["[::1]:3000", { host: "[::1]", port: 3000 }],
    ["fd00::5", { host: "[fd00::5]", port: null }],
    ["[::ffff:127.0.0.1]", { host: "[::ffff:7f00:1]", port: null }],
    ["bücher.example", { host: "xn--bcher-kva.example", port: null }],
  ])("reads %j", (entry, parsed) => {
    expect(parseAllowedHost(entry)).toEqual(parsed);
  });

  it.each([
    "",
    "http://example.org",
    "example.org/path",
    "*.example.org",
    "user@example.org",
    "example.org:0",
    "example.org:65536",
    "example.org:http",
    "exa mple.org",
    "[::1",
    "example.org?x",
  ])("refuses %j", (entry) => {
    expect(parseAllowedHost(entry)).toBeNull();
  });

  it("matches the host, and the port only when the entry names one (the scheme's own port otherwise)", () => {
    const list = ["127.0.0.1:8080", "intranet.example", "[::1]:443", "legacy.example:80"];
    const allowed = (url: string) => isHostAllowed(list, new URL(url));
    expect(allowed("http://127.0.0.1:8080/a")).toBe(true);
    expect(allowed("http://127.0.0.1:8081/a")).toBe(false);
    expect(allowed("http://127.0.0.1/a")).toBe(false);
    // The URL parser writes 2130706433 as 127.0.0.1: one host, however it is spelt.
    expect(allowed("http://2130706433:8080/")).toBe(true);
    expect(allowed("https://INTRANET.example:9443/x")).toBe(true);
    expect(allowed("https://intranet.example./x")).toBe(true);
    expect(allowed("https://sub.intranet.example/x")).toBe(false);
    expect(allowed("https://[::1]/")).toBe(true);
    expect(allowed("http://[::1]/")).toBe(false);
    expect(allowed("http://legacy.example/")).toBe(true);
    expect(allowed("https://legacy.example/")).toBe(false);
  });
});
