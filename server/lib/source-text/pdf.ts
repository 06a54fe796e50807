import { extractTextItems, getDocumentProxy, getMeta } from "unpdf";
import { badRequest } from "../../errors.ts";
import { present } from "./html.ts";
import { messages, type Extracted } from "./limits.ts";
import { pdfText } from "./pdf-layout.ts";

function looksLikePdf(bytes: Uint8Array): boolean {
  return new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-");
}

async function openPdf(bytes: Uint8Array) {
  try {
    // PDF.js may transfer (detach) the buffer it is given; the caller's bytes stay usable.
    return await getDocumentProxy(bytes.slice(), {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    throw badRequest(name === "PasswordException" ? messages.lockedPdf : messages.badPdf);
  }
}

export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  if (!looksLikePdf(bytes)) throw badRequest(messages.notPdf);
  const pdf = await openPdf(bytes);
  try {
    const { items } = await extractTextItems(pdf).catch(() => {
      throw badRequest(messages.badPdf);
    });
    const text = pdfText(items);
    // A scan often still carries page numbers or stray marks; without a single letter it is no text layer.
    if (!/\p{L}/u.test(text)) throw badRequest(messages.scannedPdf);
    return { text, ...(await pdfMetadata(pdf)) };
  } finally {
    await pdf.destroy();
  }
}

/** Metadata is a bonus: a PDF whose info dictionary is broken still yields its text. */
async function pdfMetadata(pdf: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<Omit<Extracted, "text">> {
  try {
    const { info } = await getMeta(pdf);
    return {
      title: present(stringOrUndefined(info.Title)),
      byline: present(stringOrUndefined(info.Author)),
      language: present(stringOrUndefined(info.Language)),
    };
  } catch {
    return {};
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
