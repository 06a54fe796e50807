"use client";
import { useMutation } from "@tanstack/react-query";
import { FileUp, Link2, ClipboardPaste } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createSourceSchema } from "@/server/schemas/source";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { validate } from "../forms/validate";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ModeTabs, type ModeTab } from "../ui/mode-tabs";
import { TextArea } from "../ui/field";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { pubDateOf, SourceMetadataFields, type SourceMetadataValues } from "./source-metadata-fields";

export function NewSourcePage() {
  return <WorkspaceGate>{(ws) => <NewSource workspace={ws} />}</WorkspaceGate>;
}

type Mode = "paste" | "upload" | "url";

type Values = SourceMetadataValues & { text: string };

const EMPTY: Values = {
  kind: "NEWS_REPORT",
  title: "",
  publisherName: "",
  author: "",
  pubYear: "",
  pubMonth: "",
  pubDay: "",
  url: "",
  language: "",
  text: "",
};

/** From "2016-12-14" or an ISO time to the form's date parts. */
function splitDate(iso: string | undefined): Pick<Values, "pubYear" | "pubMonth" | "pubDay"> {
  const m = iso ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso) : null;
  return {
    pubYear: m?.[1] ?? "",
    pubMonth: m?.[2] ? String(Number(m[2])) : "",
    pubDay: m?.[3] ? String(Number(m[3])) : "",
  };
}

function NewSource({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("paste");
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [upload, setUpload] = useState<{ busy: boolean; error?: string; name?: string }>({ busy: false });
  // Much the same text as a source already here (the same article in another format): offered, not imposed.
  const [similar, setSimilar] = useState<{ id: string; title: string; similarity?: number } | null>(null);
  const create = useMutation(
    trpc.source.create.mutationOptions({
      onSuccess: (r) => {
        if (r.status === "duplicate" && r.existing.matchedOn === "similar-text") setSimilar(r.existing);
        else if (r.status === "duplicate")
          router.push(`/w/${workspace.slug}/sources/${r.existing.id}?duplicate=${r.existing.matchedOn}`);
        else router.push(`/w/${workspace.slug}/sources/${r.source.id}`);
      },
      onError: (err) => setErrors(fieldErrors(err)),
    }),
  );
  const set = (patch: Partial<Values>) => setV({ ...v, ...patch });
  const [originalSha256, setOriginalSha256] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ busy: true, name: file.name });
    const body = new FormData();
    body.append("file", file);
    try {
      const res = await fetch(`/api/w/${workspace.id}/sources/extract`, { method: "POST", body });
      const json = (await res.json()) as {
        error?: string;
        text?: string;
        title?: string;
        byline?: string;
        language?: string;
        publishedAt?: string;
        original?: { sha256: string };
      };
      if (!res.ok || !json.text) {
        setUpload({ busy: false, name: file.name, error: json.error ?? "The file could not be read." });
        return;
      }
      setV((cur) => ({
        ...cur,
        text: json.text!,
        title: cur.title || json.title || file.name.replace(/\.[^.]+$/, ""),
        author: cur.author || json.byline || "",
        language: cur.language || (json.language ?? "").slice(0, 20),
        ...(cur.pubYear ? {} : splitDate(json.publishedAt)),
      }));
      // The file as it came is kept on the server; the source links to it by this hash.
      setOriginalSha256(json.original?.sha256 ?? null);
      setUpload({ busy: false, name: file.name });
    } catch {
      setUpload({ busy: false, name: file.name, error: "Could not reach the server. Try again." });
    }
  };

  const submit = (allowSimilar = false) => {
    setSimilar(null);
    const input = {
      workspaceId: workspace.id,
      kind: v.kind,
      title: v.title,
      publisherName: v.publisherName,
      author: v.author,
      pubDate: pubDateOf(v),
      url: v.url,
      language: v.language,
      text: mode === "url" ? "" : v.text,
      originalSha256: mode === "url" ? null : originalSha256,
      allowSimilar,
    };
    const found = validate(createSourceSchema, input);
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate(input);
  };

  const tabs: ModeTab<Mode>[] = [
    { mode: "paste", label: "Paste text", icon: <ClipboardPaste aria-hidden className="size-4" /> },
    { mode: "upload", label: "Upload a file", icon: <FileUp aria-hidden className="size-4" /> },
    { mode: "url", label: "Web address only", icon: <Link2 aria-hidden className="size-4" /> },
  ];

  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Add a source</h1>
      <ModeTabs tabs={tabs} mode={mode} onChange={setMode} label="How to add it" />
      <Card>
        <form
          className="space-y-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          aria-label="New source"
        >
          {create.error && <Notice tone="error">{errorMessage(create.error)}</Notice>}
          {similar && (
            <Notice tone="info">
              <p>
                A source with much the same text is already in the workspace:{" "}
                <Link className="font-medium underline" href={`/w/${workspace.slug}/sources/${similar.id}`} dir="auto">
                  {similar.title}
                </Link>
                {similar.similarity != null
                  ? ` (${Math.round(similar.similarity * 100)}% of its wording in common)`
                  : ""}
                . It may be the same document in another format.
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <Link
                  className="inline-flex items-center rounded-md px-2.5 py-1 text-sm font-medium text-brand-800 underline"
                  href={`/w/${workspace.slug}/sources/${similar.id}`}
                >
                  Open the existing source
                </Link>
                <Button size="sm" variant="secondary" busy={create.isPending} onClick={() => submit(true)}>
                  Add as a new source anyway
                </Button>
              </div>
            </Notice>
          )}
          {mode === "upload" && (
            <div className="space-y-2">
              <label className="block text-sm font-medium text-slate-800" htmlFor="source-file">
                File (.txt, .md, .html or .pdf, up to 10 MB)
              </label>
              <input
                id="source-file"
                type="file"
                accept=".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf"
                onChange={(e) => void onFile(e.target.files?.[0])}
                className="block text-sm"
              />
              {upload.busy && <p className="text-sm text-slate-600">Reading {upload.name}…</p>}
              {upload.error && <Notice tone="error">{upload.error}</Notice>}
              {!upload.busy && !upload.error && upload.name && v.text && (
                <Notice tone="success">
                  Read {v.text.length.toLocaleString()} characters from {upload.name}. Check the details below, then
                  save.
                </Notice>
              )}
            </div>
          )}
          <SourceMetadataFields
            value={v}
            onChange={set}
            errors={errors}
            urlLabel={mode === "url" ? "Web address" : "Web address (optional)"}
          />
          {mode !== "url" && (
            <TextArea
              label="Text"
              className="min-h-72 font-serif text-[15px] leading-relaxed"
              hint="The full text, so passages can be quoted and searched."
              value={v.text}
              error={errors.text}
              onChange={(e) => set({ text: e.target.value })}
            />
          )}
          {mode === "url" && errors.text && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {errors.text}
            </p>
          )}
          <Button type="submit" busy={create.isPending}>
            Save source
          </Button>
        </form>
      </Card>
    </div>
  );
}
