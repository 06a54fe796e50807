/**
 * Identity of a source: the same article reached through different links, or
 * the same text pasted twice, must be recognisable as one. These functions
 * compute comparison keys only; the address and text an analyst entered are
 * stored as entered.
 */
import { createHash } from "node:crypto";
import { badRequest } from "../errors.ts";

/**
 * Parameters that identify the click or the campaign, never the document.
 * `utm_*` is matched by prefix in isTrackingParam.
 */
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "igshid",
  "li_fat_id",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "oly_anon_id",
  "oly_enc_id",
  "vero_id",
  "wt_mc",
]);

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith("utm_") || TRACKING_PARAMS.has(key);
}

function parseHttpUrl(s: string): URL | null {
  // The URL parser silently drops inner tabs and newlines and encodes spaces; an
  // address with whitespace inside is a paste accident, not a link.
  if (/\s/.test(s.trim())) return null;
  try {
    const url = new URL(s.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.hostname ? url : null;
  } catch {
    return null;
  }
}

export function isValidHttpUrl(s: string): boolean {
  return parseHttpUrl(s) !== null;
}

/** %7e and %7E name the same byte; RFC 3986 prefers upper case. */
const upperCaseEscapes = (s: string) => s.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());

function normalizeHost(hostname: string): string {
  const host = hostname.replace(/\.$/, "");
  return host.startsWith("www.") && host.length > 4 ? host.slice(4) : host;
}

function normalizePath(pathname: string): string {
  const path = pathname.replace(/\/+$/, "");
  return upperCaseEscapes(path || "/");
}

/**
 * Works on the raw `name=value` pairs rather than URLSearchParams, which would
 * re-encode values (`%20` → `+`, `flag` → `flag=`) and so change the address.
 * The sort is stable: repeated names keep their order, which may carry meaning.
 */
function normalizeQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => ({ pair: upperCaseEscapes(pair), name: decodeParamName(pair) }))
    .filter(({ name }) => !isTrackingParam(name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return pairs.length ? `?${pairs.map(({ pair }) => pair).join("&")}` : "";
}

function decodeParamName(pair: string): string {
  const raw = pair.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/**
 * A comparison key for a web address: https, lower-case host without "www.",
 * no default port, credentials, fragment or tracking parameters, sorted query,
 * no trailing slash except at the root. Not meant to be opened: http-only
 * sites and hosts that differ with "www." exist, so keep the original too.
 */
export function normalizeUrl(url: string): string {
  const parsed = parseHttpUrl(url);
  if (!parsed) throw badRequest("Enter a web address that starts with http:// or https://.");
  // Setting the scheme through URL drops a port that is the default for https.
  parsed.protocol = "https:";
  const port = parsed.port ? `:${parsed.port}` : "";
  // Credentials never belong in a stored key (they would leak into lists and logs).
  return `https://${normalizeHost(parsed.hostname)}${port}${normalizePath(parsed.pathname)}${normalizeQuery(parsed.search)}`;
}

/**
 * sha256 of the text with Unicode NFC and whitespace runs collapsed, so the
 * same text pasted from two places (different line breaks, composed vs
 * decomposed characters) hashes the same. ZWNJ (U+200C) is not whitespace in
 * JavaScript's \s and is kept: in Persian it changes the word.
 */
export function textHash(text: string): string | null {
  const canonical = text.normalize("NFC").replace(/\s+/gu, " ").trim();
  if (!canonical) return null;
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}
