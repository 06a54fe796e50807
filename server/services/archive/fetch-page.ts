/**
 * Fetches a web page for the archive, on the server, without letting an
 * address typed by a member reach what only the server can reach.
 *
 * - Only http and https, and no user name or password in the address.
 * - The host name is resolved here, every address it resolves to is checked
 *   (server/lib/network-address.ts: private, loopback, link-local,
 *   unique-local, CGNAT, multicast, unspecified, broadcast and reserved
 *   addresses are refused, IPv4-mapped IPv6 included), and the connection is
 *   made to the address that was checked: the request's `lookup` answers with
 *   it, so a DNS answer that changes between the check and the connection
 *   (DNS rebinding) is never asked for. A host a workspace admin allowed
 *   (host, or host:port) skips the range check only; it is still resolved here.
 * - Redirects are followed here, at most five, each hop checked the same way.
 * - Size and time are bounded: the body stops being read past the limit
 *   (and a declared length over it is refused before reading); the whole
 *   fetch has a deadline, and the far end a shorter one to start answering.
 * - Only HTML, plain text and PDF are kept.
 *
 * Every failure comes back as a sentence for the source page, never thrown.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { classifyAddress, refusalMessage, stripBrackets } from "../../lib/network-address.ts";
import { isHostAllowed } from "../../schemas/archive.ts";

export type PageKind = "html" | "txt" | "pdf";

export type FetchLimits = {
  maxBytes: number;
  /** The whole fetch, every redirect and the body included. */
  totalMs: number;
  /** From sending a request to the first byte of the answer's head (connecting included). */
  firstByteMs: number;
  maxRedirects: number;
};

type Details = { finalUrl?: string; httpStatus?: number; contentType?: string };
export type FetchResult =
  | { ok: true; finalUrl: string; httpStatus: number; contentType: string; kind: PageKind; bytes: Uint8Array }
  | ({ ok: false; message: string } & Details);

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

/** The media types kept, and how their text is read (services: the importer's extraction). */
const KIND_OF_TYPE: Record<string, PageKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "txt",
  "application/pdf": "pdf",
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A reason the page was not archived, with what was learnt of the answer so far. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly details: Details = {},
  ) {
    super(message);
  }
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export async function fetchPage(
  address: string,
  opts: { allowedHosts: readonly string[]; limits: FetchLimits; resolve?: Resolver },
): Promise<FetchResult> {
  const { limits } = opts;
  const deadline = Date.now() + limits.totalMs;
  let finalUrl: string | undefined;
  try {
    let url = parseAddress(address);
    for (let hop = 0; ; hop++) {
      finalUrl = url.href;
      const target = await checkedTarget(url, opts.allowedHosts, deadline, limits, opts.resolve ?? systemResolver);
      const answer = await exchange(url, target, deadline, limits);
      if (answer.kind === "page") return { ok: true, finalUrl: url.href, ...answer.page };
      if (hop >= limits.maxRedirects) throw new Refusal(`more than ${limits.maxRedirects} redirects`);
      url = parseAddress(answer.location, url);
    }
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, message: err.message, finalUrl, ...err.details };
    throw err;
  }
}

function parseAddress(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new Refusal(base ? "the server redirected to an address that is not valid" : "the address is not valid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Refusal(`refused: only http and https addresses are fetched, not ${url.protocol.replace(/:$/, "")}`);
  if (url.username || url.password) throw new Refusal("refused: the address carries a user name or password");
  return url;
}

type Target = { address: string; family: 4 | 6 };

/** Where to connect for `url`: an address that passed the check (or of an allowed host). */
async function checkedTarget(
  url: URL,
  allowedHosts: readonly string[],
  deadline: number,
  limits: FetchLimits,
  resolve: Resolver,
): Promise<Target> {
  const host = stripBrackets(url.hostname);
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await withDeadline(resolve(host), deadline, () => noNetwork(host, ` within ${seconds(limits.totalMs)}`)).catch(
        (err: unknown) => {
          throw err instanceof Refusal ? err : noNetwork(host);
        },
      );
  if (addresses.length === 0) throw noNetwork(host);
  if (!isHostAllowed(allowedHosts, url)) {
    // Every address the name has, not only the first: a name that also points inside is not fetched.
    for (const a of addresses) {
      const verdict = classifyAddress(a.address);
      if (!verdict.allowed) throw new Refusal(refusalMessage(verdict));
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

function noNetwork(host: string, within = ""): Refusal {
  return new Refusal(`the server has no network access (could not resolve ${host}${within})`);
}

function withDeadline<T>(promise: Promise<T>, deadline: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadline - Date.now()));
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

type Answer =
  | { kind: "redirect"; location: string }
  | { kind: "page"; page: { httpStatus: number; contentType: string; kind: PageKind; bytes: Uint8Array } };

/** One request and its answer, connected to `target` whatever DNS says now. */
function exchange(url: URL, target: Target, deadline: number, limits: FetchLimits): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const host = url.hostname;
    let settled = false;
    let body: Readable | null = null;
    let totalTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(firstByteTimer);
      fn();
    };
    const fail = (refusal: Refusal) =>
      finish(() => {
        body?.destroy();
        req.destroy();
        reject(refusal);
      });
    // The address checked above, whatever the name resolves to by now.
    const lookup: LookupFunction = (_name, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "GET",
      // A fresh connection every time: a kept-alive socket would skip the lookup.
      agent: false,
      lookup,
      headers: {
        "User-Agent": "Dossier-archiver/1 (+keeps a copy of a page cited as a source)",
        Accept: "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "identity",
      },
    });
    const remaining = Math.max(0, deadline - Date.now());
    totalTimer = setTimeout(() => fail(new Refusal(`no answer within ${seconds(limits.totalMs)}`)), remaining);
    // Declared after the request; every use of it is in a callback that runs later.
    const firstByteTimer = setTimeout(
      () => fail(new Refusal(`no answer within ${seconds(limits.firstByteMs)}`)),
      Math.min(limits.firstByteMs, remaining),
    );
    req.on("error", (err: NodeJS.ErrnoException) => fail(new Refusal(networkMessage(err, host))));
    req.on("response", (res) => {
      clearTimeout(firstByteTimer);
      // Once the head is in, the body has until the deadline.
      clearTimeout(totalTimer);
      const details: Details = { httpStatus: res.statusCode ?? 0 };
      totalTimer = setTimeout(
        () => fail(new Refusal(`the page did not arrive in full within ${seconds(limits.totalMs)}`, details)),
        Math.max(0, deadline - Date.now()),
      );
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        const location = res.headers.location;
        if (!location) return fail(new Refusal(`the server answered HTTP ${status} without saying where to`, details));
        return finish(() => {
          res.destroy();
          req.destroy();
          resolve({ kind: "redirect", location });
        });
      }
      if (status < 200 || status > 299) return fail(new Refusal(`the server answered HTTP ${status}`, details));
      const contentType = (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (contentType) details.contentType = contentType.slice(0, 100);
      const kind = KIND_OF_TYPE[contentType];
      if (!kind)
        return fail(
          new Refusal(
            `unsupported type: ${contentType ? contentType.slice(0, 100) : "the server did not say what the page is"} (only HTML, plain text and PDF pages are archived)`,
            details,
          ),
        );
      const tooLarge = () => new Refusal(`the page is larger than ${megabytes(limits.maxBytes)}`, details);
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > limits.maxBytes) return fail(tooLarge());
      const decoded = decoder(res.headers["content-encoding"]);
      if (decoded === null)
        return fail(new Refusal(`unsupported content encoding: ${String(res.headers["content-encoding"])}`, details));
      body = decoded ? res.pipe(decoded) : res;
      const chunks: Buffer[] = [];
      let size = 0;
      body.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        // Stop reading at once: nothing past the limit is held in memory.
        if (size > limits.maxBytes) return fail(tooLarge());
        chunks.push(chunk);
      });
      body.on("error", () => fail(new Refusal(`the page from ${host} arrived damaged and could not be read`, details)));
      res.on("aborted", () => fail(new Refusal(`the connection to ${host} was cut before the page arrived`, details)));
      body.on("end", () =>
        finish(() =>
          resolve({
            kind: "page",
            page: { httpStatus: status, contentType, kind, bytes: new Uint8Array(Buffer.concat(chunks)) },
          }),
        ),
      );
    });
    req.end();
  });
}

/** A stream undoing the answer's content coding; undefined for none, null for one we do not read. */
function decoder(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined | null {
  const value = (encoding ?? "").trim().toLowerCase();
  if (value === "" || value === "identity") return undefined;
  if (value === "gzip" || value === "x-gzip") return zlib.createGunzip();
  if (value === "deflate") return zlib.createInflate();
  if (value === "br") return zlib.createBrotliDecompress();
  return null;
}

/** The failure of a connection, as a sentence. */
function networkMessage(err: NodeJS.ErrnoException, host: string): string {
  const code = err.code ?? "";
  switch (code) {
    case "ECONNREFUSED":
      return `${host} refused the connection`;
    case "ECONNRESET":
    case "EPIPE":
      return `the connection to ${host} was cut`;
    case "ENETUNREACH":
    case "EHOSTUNREACH":
    case "ENETDOWN":
      return `the server has no network access (could not reach ${host})`;
    case "ETIMEDOUT":
      return `no answer from ${host}`;
  }
  if (code.startsWith("HPE_")) return `the answer from ${host} was not valid HTTP`;
  if (/CERT|TLS|SSL/.test(code) || /SSL|TLS|certificate/i.test(err.message))
    return `the secure connection to ${host} failed (${code || "TLS error"})`;
  return `the page could not be fetched from ${host} (${code || "connection error"})`;
}
