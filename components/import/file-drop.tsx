"use client";
import { FileUp } from "lucide-react";
import { useId, useState } from "react";
import { cn } from "../ui/cn";

export const ACCEPTED_FILES = ".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf";

/** A file input that also takes a file dropped on it; the input stays the keyboard and screen-reader path. */
export function FileDrop({
  file,
  onFile,
  error,
}: {
  file: File | null;
  onFile: (file: File | null) => void;
  error?: string;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        File (.txt, .md, .html or .pdf, up to 10 MB)
      </label>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          onFile(e.dataTransfer.files?.[0] ?? null);
        }}
        className={cn(
          "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-center text-sm",
          over ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50",
        )}
        data-testid="file-drop"
      >
        <FileUp aria-hidden className="size-6 text-slate-500" />
        <p className="text-slate-700">
          {file ? (
            <>
              Selected: <strong dir="auto">{file.name}</strong> ({Math.ceil(file.size / 1024).toLocaleString()} KB)
            </>
          ) : (
            "Drop a file here, or choose one:"
          )}
        </p>
        <input
          id={id}
          type="file"
          accept={ACCEPTED_FILES}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
          className="text-sm"
        />
      </div>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The file's bytes as base64, read in the browser (the import travels as one request). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsDataURL(file);
  });
}
