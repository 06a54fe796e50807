"use client";
import { FileJson } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { WorkspaceOverview } from "@/components/trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";

/**
 * Upload of a STIX 2.1 bundle (from OpenCTI, MISP or another Dossier): its
 * reports and notes become candidate events on the same review screen as an
 * imported document. A plain multipart POST, as for other files.
 */
export function StixImport({ workspace }: { workspace: WorkspaceOverview }) {
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    if (!file) return setError("Choose a STIX bundle (.json) first.");
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch(`/api/w/${encodeURIComponent(workspace.id)}/stix`, { method: "POST", body });
      const data = (await res.json().catch(() => ({}))) as { jobId?: string; error?: string };
      if (!res.ok || !data.jobId) return setError(data.error ?? "The bundle could not be imported. Please try again.");
      router.push(`/w/${workspace.slug}/import/${data.jobId}`);
    } catch {
      setError("Could not reach the server. Check your connection.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <form
        className="space-y-3"
        aria-labelledby={`${inputId}-heading`}
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <h2 id={`${inputId}-heading`} className="text-lg font-semibold">
          Import a STIX 2.1 bundle
        </h2>
        <p id={hintId} className="text-sm text-slate-600">
          A bundle exported from OpenCTI, MISP or Dossier (at most 10 MB). Its reports and notes become candidate events
          to review; nothing is published.
        </p>
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          Bundle file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json,application/stix+json"
          aria-describedby={hintId}
          className="block text-sm"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        {error && <Notice tone="error">{error}</Notice>}
        <Button type="submit" busy={busy}>
          <FileJson aria-hidden className="size-4" /> Import the bundle
        </Button>
      </form>
    </Card>
  );
}
