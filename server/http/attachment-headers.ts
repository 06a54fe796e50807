/**
 * Headers of every file download (briefing exports, the chronology's CSV/JSON,
 * STIX bundles). Handling markings apply to copies too: nothing is kept in
 * shared caches, and the declared type is the only one a browser may assume.
 */
export function attachmentHeaders(contentType: string, fileName: string): Record<string, string> {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
