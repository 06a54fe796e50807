/**
 * Request bodies read with a byte limit, counted as they arrive: a body past
 * the limit stops being read there, whether or not it declared its length (a
 * chunked upload has no Content-Length). Works on a fetch Request or on any
 * stream of bytes (a Node request), so every HTTP entry point can use it.
 */

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request is larger than ${formatBytes(limit)}.`);
    this.name = "BodyTooLargeError";
  }
}

/** "10 MB", "64 KB". */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}

type ByteStream = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Reads a stream to its end, or throws BodyTooLargeError once more than `limit` bytes have come (and stops reading). */
export async function readLimited(stream: ByteStream | null, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (stream) {
    // Leaving the loop early cancels a web stream and destroys a Node one: the rest is never read.
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) throw new BodyTooLargeError(limit);
      chunks.push(chunk);
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A request's body within the limit; a declared length past it is refused before anything is read. */
export async function readBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  return readLimited(req.body, limit);
}

/** The same request with its body read (within the limit) into memory, for handlers that read bodies whole. */
export async function withBodyLimit(req: Request, limit: number): Promise<Request> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const body = await readBody(req, limit);
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}
