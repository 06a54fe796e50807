"use client";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { ClipboardPaste, FileUp } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MAX_IMPORT_FILE_BYTES, startImportSchema, type StartImportInput } from "@/server/schemas/import";
import type { RouterOutputs } from "@/components/trpc";

type StartImportResult = RouterOutputs["import"]["start"];
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { validate } from "../forms/validate";
import { pubDateOf, SourceMetadataFields, type SourceMetadataValues } from "../sources/source-metadata-fields";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, EmptyState } from "../ui/card";
import { ModeTabs, type ModeTab } from "../ui/mode-tabs";
import { TextArea } from "../ui/field";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { FileDrop, readAsBase64 } from "./file-drop";
import { JOB_STATUS_LABELS, JOB_STATUS_TONES } from "./job-status";
import { StixImport } from "./stix-import";
import { Timestamp } from "../ui/timestamp";

export function ImportPage() {
  return <WorkspaceGate>{(ws) => <Import workspace={ws} />}</WorkspaceGate>;
}

type Mode = "paste" | "upload";
const EMPTY: SourceMetadataValues = {
  kind: "NEWS_REPORT",
  title: "",
  publisherName: "",
  author: "",
  pubYear: "",
  pubMonth: "",
  pubDay: "",
  url: "",
  language: "",
};

function Import({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("paste");
  const [details, setDetails] = useState<SourceMetadataValues>(EMPTY);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [duplicate, setDuplicate] = useState<Extract<StartImportResult, { status: "duplicate" }> | null>(null);
  const [reading, setReading] = useState(false);
  const start = useMutation(
    trpc.import.start.mutationOptions({
      onSuccess: (r) => {
        if (r.status === "duplicate") setDuplicate(r);
        else router.push(`/w/${workspace.slug}/import/${r.jobId}`);
      },
      onError: (err) => setErrors(fieldErrors(err)),
    }),
  );

  const submit = async (reuseExisting = false, addAsNew = false) => {
    setDuplicate(null);
    const base = {
      workspaceId: workspace.id,
      kind: details.kind,
      title: details.title,
      publisherName: details.publisherName,
      url: details.url,
      pubDate: pubDateOf(details),
      language: details.language,
      reuseExisting,
      addAsNew,
    };
    if (mode === "upload") {
      if (!file) return setErrors({ file: "Choose a file to import" });
      if (file.size === 0) return setErrors({ file: "The file is empty." });
      if (file.size > MAX_IMPORT_FILE_BYTES) return setErrors({ file: "Files can be at most 10 MB." });
    }
    let input: StartImportInput;
    if (mode === "upload" && file) {
      setReading(true);
      try {
        input = {
          ...base,
          file: { fileName: file.name, mimeType: file.type || undefined, contentBase64: await readAsBase64(file) },
        };
      } catch {
        return setErrors({ file: "The file could not be read by the browser." });
      } finally {
        setReading(false);
      }
    } else {
      input = { ...base, text };
    }
    const found = validate(startImportSchema, input);
    setErrors(found);
    if (Object.keys(found).length) return;
    start.mutate(input);
  };

  const tabs: ModeTab<Mode>[] = [
    { mode: "paste", label: "Paste text", icon: <ClipboardPaste aria-hidden className="size-4" /> },
    { mode: "upload", label: "Upload a file", icon: <FileUp aria-hidden className="size-4" /> },
  ];

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Import a document</h1>
        <p className="mt-1 text-sm text-slate-600">
          An article or a dossier becomes a source; the importer then proposes the dated events it reports, for you to
          accept, correct, merge or dismiss. Dossiers laid out as web addresses followed by “22 May 2007: …” entries
          become one source per address block.
        </p>
      </div>
      <ModeTabs tabs={tabs} mode={mode} onChange={setMode} label="How to import" />
      <Card>
        <form
          className="space-y-5"
          noValidate
          aria-label="Import a document"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {start.error && <Notice tone="error">{errorMessage(start.error)}</Notice>}
          {duplicate && (
            <Notice tone="info">
              {duplicate.existing.matchedOn === "similar-text" ? (
                <p>
                  A source with much the same text is already in the workspace:{" "}
                  <Link
                    className="font-medium underline"
                    href={`/w/${workspace.slug}/sources/${duplicate.existing.id}`}
                    dir="auto"
                  >
                    {duplicate.existing.title}
                  </Link>
                  {duplicate.existing.similarity != null
                    ? ` (${Math.round(duplicate.existing.similarity * 100)}% of its wording in common)`
                    : ""}
                  . It may be the same article in another format.
                </p>
              ) : (
                <p>
                  This document is already in the workspace as{" "}
                  <Link
                    className="font-medium underline"
                    href={`/w/${workspace.slug}/sources/${duplicate.existing.id}`}
                    dir="auto"
                  >
                    {duplicate.existing.title}
                  </Link>
                  {duplicate.duplicates > 1 ? ` (and ${duplicate.duplicates - 1} more of its parts)` : ""}, matched on
                  its {duplicate.existing.matchedOn === "url" ? "web address" : "text"}.
                </p>
              )}
              <div className="mt-2 flex flex-wrap gap-2">
                <Button size="sm" onClick={() => void submit(true)} busy={start.isPending}>
                  Read the existing source again
                </Button>
                {duplicate.existing.matchedOn === "similar-text" && (
                  <Button size="sm" variant="secondary" onClick={() => void submit(false, true)} busy={start.isPending}>
                    Import as a new source anyway
                  </Button>
                )}
                <Link
                  className="inline-flex items-center rounded-md px-2.5 py-1 text-sm font-medium text-brand-800 underline"
                  href={`/w/${workspace.slug}/sources/${duplicate.existing.id}`}
                >
                  Open the existing source
                </Link>
              </div>
            </Notice>
          )}
          {mode === "upload" ? (
            <FileDrop
              file={file}
              onFile={(f) => {
                setFile(f);
                setErrors({});
                setDuplicate(null);
              }}
              error={errors.file}
            />
          ) : (
            <TextArea
              label="Text"
              className="min-h-60 font-serif text-[15px] leading-relaxed"
              hint="The full text of the article or dossier. Persian and Arabic are kept as written."
              value={text}
              error={errors.text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
          <details className="rounded-md border border-slate-200 px-3 py-2" open>
            <summary className="cursor-pointer text-sm font-medium text-slate-800">
              Details of the document (optional)
            </summary>
            <p className="mt-1 text-xs text-slate-600">
              The publication date places “on Monday”, “last October” or “two months ago”; without it such phrases are
              skipped.
            </p>
            <div className="mt-3 space-y-4">
              <SourceMetadataFields
                value={details}
                onChange={(p) => setDetails({ ...details, ...p })}
                errors={errors}
                urlLabel="Web address (optional)"
              />
            </div>
          </details>
          <Button type="submit" busy={start.isPending || reading}>
            Import and find events
          </Button>
        </form>
      </Card>
      <StixImport workspace={workspace} />
      <RecentImports workspace={workspace} />
    </div>
  );
}

function RecentImports({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const jobs = useInfiniteQuery(
    trpc.import.jobs.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 10 },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const items = jobs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="recent-imports" className="space-y-2">
      <h2 id="recent-imports" className="text-lg font-semibold">
        Recent imports
      </h2>
      {jobs.error && <Notice tone="error">{errorMessage(jobs.error)}</Notice>}
      {!jobs.isPending && items.length === 0 && (
        <EmptyState title="No imports yet">Imported documents and their candidate events appear here.</EmptyState>
      )}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {items.map((j) => (
          <li key={j.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
            <Link
              href={`/w/${workspace.slug}/import/${j.id}`}
              className="font-medium text-brand-800 underline-offset-2 hover:underline"
              dir="auto"
            >
              {j.title}
            </Link>
            <Badge tone={JOB_STATUS_TONES[j.status]}>{JOB_STATUS_LABELS[j.status]}</Badge>
            <span className="text-slate-600">
              {j.counts.PENDING} to review · {j.counts.ACCEPTED + j.counts.MERGED} taken · {j.counts.DISMISSED}{" "}
              dismissed
            </span>
            <span className="ml-auto text-xs text-slate-500">
              {j.createdBy.name}, <Timestamp at={j.createdAt} />
            </span>
          </li>
        ))}
      </ul>
      {jobs.hasNextPage && (
        <Button variant="secondary" size="sm" onClick={() => void jobs.fetchNextPage()} busy={jobs.isFetchingNextPage}>
          Show older imports
        </Button>
      )}
    </section>
  );
}
