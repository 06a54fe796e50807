import Link from "next/link";
import type { ReactNode } from "react";
import { errorMessage } from "../errors";
import { Notice } from "../ui/notice";

/** The top of a history page: the way back, the title, and how the last restore went. */
export function HistoryHeader({
  backHref,
  backLabel,
  title,
  restore,
  children,
}: {
  backHref: string;
  backLabel: string;
  title: string;
  restore: { error: { message: string } | null; isSuccess: boolean };
  children?: ReactNode;
}) {
  return (
    <>
      <div>
        <Link href={backHref} className="text-sm text-brand-700 hover:underline">
          ← {backLabel}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          History of “<span dir="auto">{title}</span>”
        </h1>
        {children}
      </div>
      {restore.error && <Notice tone="error">{errorMessage(restore.error)}</Notice>}
      {restore.isSuccess && <Notice tone="success">Version restored as a new change.</Notice>}
    </>
  );
}
