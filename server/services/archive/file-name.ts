/** How an archived page is named when it is downloaded, or kept as a source's original file. */
const EXTENSION: Record<string, string> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "txt",
  "text/markdown": "md",
  "application/pdf": "pdf",
};

/** "example.org-report.html": where the page came from, with the extension of what it was read as. */
export function archiveFileName(address: string, contentType: string): string {
  const ext = EXTENSION[contentType] ?? "bin";
  let base = "page";
  try {
    const u = new URL(address);
    const last = u.pathname.split("/").filter(Boolean).at(-1);
    base = last ? `${u.hostname}-${decodeURIComponentSafe(last)}` : u.hostname;
  } catch {
    // The stored address was checked when it was asked for; a name is still needed.
  }
  base = base.replace(/\.(html?|txt|pdf|php|aspx?)$/i, "").slice(0, 120);
  return `${base}.${ext}`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
