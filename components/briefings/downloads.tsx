import { Download } from "lucide-react";

const FORMATS = [
  { format: "pdf", label: "PDF" },
  { format: "md", label: "Markdown" },
  { format: "csv", label: "Cited events (CSV)" },
  { format: "json", label: "Cited events (JSON)" },
] as const;

const LINK =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** Plain links: the server answers with an attachment, so the browser downloads it after the same access check as reading. */
export function Downloads({
  briefingId,
  version,
  publishedVersion,
  workspaceId,
}: {
  briefingId: string;
  version: "published" | "working";
  publishedVersion?: number;
  /** Given for the published version: a STIX bundle holds only what was approved. */
  workspaceId?: string;
}) {
  const href = (format: string) =>
    `/api/briefings/${encodeURIComponent(briefingId)}/export?format=${format}${version === "working" ? "&version=working" : ""}`;
  return (
    <section
      aria-labelledby="downloads-heading"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="downloads-heading" className="text-sm font-semibold">
        {version === "working"
          ? "Download the working copy"
          : publishedVersion
            ? `Download the published version (v${publishedVersion})`
            : "Download"}
      </h2>
      {version === "working" && <p className="text-xs text-slate-600">Every page is marked “DRAFT — not reviewed”.</p>}
      <ul className="flex flex-wrap gap-2">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={href(f.format)} className={LINK} download>
              <Download aria-hidden className="size-4" />
              {version === "working" && f.format === "pdf" ? "Draft PDF" : f.label}
            </a>
          </li>
        ))}
        {version === "published" && workspaceId && (
          <li>
            <a
              href={`/api/w/${encodeURIComponent(workspaceId)}/stix?scope=briefing&briefingId=${encodeURIComponent(briefingId)}`}
              className={LINK}
              download
            >
              <Download aria-hidden className="size-4" />
              STIX 2.1 bundle
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}
