import { badRequest } from "../../errors.ts";

import { MAX_REPLACEMENT_RATIO, messages } from "./limits.ts";

/**
 * Line endings become \n and runs of three or more blank lines become two;
 * anything else is left alone because offsets into this text are stored.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\n(?:[ \t]*\n){3,}/g, "\n\n\n")
    .trim();
}

export function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  // Windows editors save "Unicode" text as UTF-16 with a BOM; without this it would read as binary.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/** Decodes strictly enough that binary files and other encodings are refused instead of stored as garbage. */
export function decodeText(bytes: Uint8Array, fallbackEncoding = "utf-8"): string {
  const encoding = bomEncoding(bytes) ?? fallbackEncoding;
  // TextDecoder removes a BOM that matches the encoding.
  const text = new TextDecoder(encoding).decode(bytes);
  if (text.includes("\u0000")) throw badRequest(messages.notText);
  const replacements = countChar(text, "\uFFFD");
  if (replacements === 0) return text;
  const introduced = replacements - literalReplacementChars(bytes, encoding);
  if (introduced > text.length * MAX_REPLACEMENT_RATIO) throw badRequest(messages.notUtf8);
  return text;
}

function countChar(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** U+FFFD already present in a UTF-8 file (scraped text often has some) is content, not a decoding failure. */
function literalReplacementChars(bytes: Uint8Array, encoding: string): number {
  if (encoding !== "utf-8") return 0;
  let count = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}

/**
 * A saved page may declare a legacy charset (Persian sites still serve
 * windows-1256); the declaration must sit in the first 1024 bytes.
 */
export function declaredCharset(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (!label) return "utf-8";
  try {
    const { encoding } = new TextDecoder(label);
    // A page that reached us as bytes cannot really be UTF-16 without a BOM; the HTML standard says so too.
    return encoding.startsWith("utf-16") ? "utf-8" : encoding;
  } catch {
    return "utf-8";
  }
}
