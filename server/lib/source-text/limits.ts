export type SourceFileKind = "txt" | "md" | "html" | "pdf";

export type SourceFileInput = { fileName: string; mimeType?: string; bytes: Uint8Array };

export type ExtractedSourceText = {
  text: string;
  title?: string;
  language?: string;
  byline?: string;
  /** As the document states it (e.g. "2021-08-19" or an ISO instant): its precision is the caller's to judge. */
  publishedAt?: string;
  kind: SourceFileKind;
};

export const MAX_SOURCE_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_SOURCE_TEXT_CHARS = 2_000_000;

/**
 * Up to one undecodable byte per thousand characters is tolerated (a stray
 * byte in an otherwise UTF-8 file); more means another encoding, whose text
 * would be stored garbled.
 */
export const MAX_REPLACEMENT_RATIO = 0.001;

export const KIND_BY_EXTENSION: Record<string, SourceFileKind> = {
  txt: "txt",
  text: "txt",
  md: "md",
  markdown: "md",
  html: "html",
  htm: "html",
  pdf: "pdf",
};

export const KIND_BY_MIME_TYPE: Record<string, SourceFileKind> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
};

export const messages = {
  unsupported: "Only .txt, .md, .html and .pdf files can be imported.",
  empty: "The file is empty.",
  tooLarge: "Files can be at most 10 MB.",
  tooLong: "The text of this file is longer than 2,000,000 characters. Split it into smaller files.",
  notText: "This file is not text.",
  notUtf8: "This file is not UTF-8 text. Save it as UTF-8, or paste the text instead.",
  noArticle: "No readable text was found in this page. Paste the text instead.",
  notPdf: "This file is not a PDF.",
  badPdf: "This PDF could not be read; it may be damaged. Paste the text instead.",
  lockedPdf: "This PDF is protected by a password. Remove the password, or paste the text instead.",
  scannedPdf: "This PDF has no text layer (it is probably a scan). Paste the text instead.",
};
export type Extracted = Omit<ExtractedSourceText, "kind">;
