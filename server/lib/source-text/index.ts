/**
 * Turns an uploaded file into the plain text a source is stored as.
 *
 * Quoted passages are later located by character offsets into the stored
 * text, so beyond line endings, runs of blank lines and outer whitespace the
 * text of .txt/.md files is kept byte-for-byte. HTML and PDF are reduced to
 * readable text once, here, and that result becomes the text offsets refer to.
 *
 * Nothing here touches the network: HTML is parsed by linkedom, which neither
 * runs scripts nor loads what the page references, and PDF.js gets the bytes
 * with font loading and eval turned off.
 */

import { badRequest } from "../../errors.ts";
import { decodeText, normalizeText } from "./decode.ts";
import { extractHtml } from "./html.ts";
import {
  KIND_BY_EXTENSION,
  KIND_BY_MIME_TYPE,
  MAX_SOURCE_FILE_BYTES,
  MAX_SOURCE_TEXT_CHARS,
  messages,
  type Extracted,
  type ExtractedSourceText,
  type SourceFileInput,
  type SourceFileKind,
} from "./limits.ts";
import { extractPdf } from "./pdf.ts";

export { normalizeText } from "./decode.ts";
export {
  MAX_SOURCE_FILE_BYTES,
  MAX_SOURCE_TEXT_CHARS,
  type ExtractedSourceText,
  type SourceFileInput,
  type SourceFileKind,
} from "./limits.ts";

export async function extractSourceText(input: SourceFileInput): Promise<ExtractedSourceText> {
  const kind = detectKind(input.fileName, input.mimeType);
  checkSize(input.bytes);
  const extracted = await extractByKind(kind, input.bytes);
  const text = normalizeText(extracted.text);
  if (!text) throw badRequest(kind === "html" ? messages.noArticle : messages.empty);
  if (text.length > MAX_SOURCE_TEXT_CHARS) throw badRequest(messages.tooLong);
  return { ...extracted, text, kind };
}

function extractByKind(kind: SourceFileKind, bytes: Uint8Array): Promise<Extracted> | Extracted {
  switch (kind) {
    case "txt":
    case "md":
      return { text: decodeText(bytes) };
    case "html":
      return extractHtml(bytes);
    case "pdf":
      return extractPdf(bytes);
  }
}

/** The extension decides, because browsers report .md (and others) with varying or empty types. */
function detectKind(fileName: string, mimeType?: string): SourceFileKind {
  const match = /\.([^./\\]+)$/.exec(fileName.trim());
  const byExtension = match?.[1] ? KIND_BY_EXTENSION[match[1].toLowerCase()] : undefined;
  const byMimeType = !match && mimeType ? KIND_BY_MIME_TYPE[mimeType.split(";")[0]!.trim().toLowerCase()] : undefined;
  const kind = byExtension ?? byMimeType;
  if (!kind) throw badRequest(messages.unsupported);
  return kind;
}

function checkSize(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw badRequest(messages.empty);
  if (bytes.byteLength > MAX_SOURCE_FILE_BYTES) throw badRequest(messages.tooLarge);
}
