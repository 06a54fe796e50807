/**
 * Which IP addresses the server may fetch a web page from on an analyst's
 * behalf (see services/archive). A page address is chosen by whoever types
 * it, so without this check the server would fetch, and store for them, what
 * only the server can reach: its own loopback services, the private network
 * it runs in, a cloud's metadata endpoint at 169.254.169.254.
 *
 * The rule is an allow-list: only ordinary public unicast addresses pass
 * (IPv4 outside every special-purpose block; IPv6 within 2000::/3 and outside
 * its special blocks). Everything else is refused, named by its kind, so a
 * range nobody thought of stays refused. An IPv6 address that carries an
 * IPv4 address (::ffff:10.0.0.1) is judged by that IPv4 address. The ranges
 * come from ipaddr.js, which follows the IANA special-purpose registries.
 *
 * Pure: no DNS and no network. The caller resolves names itself and connects
 * only to an address this module passed.
 */
import ipaddr from "ipaddr.js";

export type AddressVerdict =
  | { allowed: true; address: string }
  | {
      allowed: false;
      /** The address as judged (an IPv4-mapped IPv6 address is judged as its IPv4 address). */
      address: string;
      /** The kind of range, as a phrase: "a private address". */
      kind: string;
    };

/** The phrase for each range name ipaddr.js gives, IPv4 and IPv6 alike. */
const KIND: Record<string, string> = {
  private: "a private address",
  loopback: "a loopback address",
  linkLocal: "a link-local address",
  uniqueLocal: "a unique-local address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  multicast: "a multicast address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  deprecatedSiteLocal: "a site-local address",
  rfc6052: "an IPv4-embedded (NAT64) address",
  rfc6145: "an IPv4-translated address",
  "6to4": "a 6to4 address",
  teredo: "a Teredo address",
};
const RESERVED = "a reserved address";

/** Global unicast IPv6 (RFC 4291): anything outside it is unassigned or special. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/** "[::1]" (a URL's host) → "::1". */
export function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * Whether the server may connect to `address` (an IP address as DNS or a URL
 * gives it: dotted IPv4, or IPv6 with or without brackets). Anything that is
 * not an address is refused.
 */
export function classifyAddress(address: string): AddressVerdict {
  const raw = stripBrackets(address.trim());
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // Only the plain forms: "0x7f.1" or "2130706433" are ways to hide an address, not addresses DNS returns.
    if (ipaddr.IPv4.isValidFourPartDecimal(raw)) parsed = ipaddr.IPv4.parse(raw);
    else if (ipaddr.IPv6.isValid(raw)) parsed = ipaddr.IPv6.parse(raw);
    else return { allowed: false, address: raw, kind: "not an IP address" };
  } catch {
    return { allowed: false, address: raw, kind: "not an IP address" };
  }
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    // ::ffff:a.b.c.d reaches a.b.c.d: judged as that address.
    if (v6.isIPv4MappedAddress()) {
      const verdict = classifyAddress(v6.toIPv4Address().toString());
      return verdict.allowed ? { allowed: true, address: raw } : { ...verdict, address: raw };
    }
    const range = v6.range();
    if (range === "unicast" && v6.match(GLOBAL_UNICAST_V6)) return { allowed: true, address: raw };
    return { allowed: false, address: raw, kind: KIND[range] ?? RESERVED };
  }
  const range = (parsed as ipaddr.IPv4).range();
  if (range === "unicast") return { allowed: true, address: raw };
  return { allowed: false, address: raw, kind: KIND[range] ?? RESERVED };
}

/** "refused: 10.0.0.1 is a private address" — what the archive shows for a refused address. */
export function refusalMessage(verdict: Extract<AddressVerdict, { allowed: false }>): string {
  return `refused: ${verdict.address} is ${verdict.kind}`;
}
