import type { Metadata } from "next";
import { ImportPage } from "@/components/import/import-page";

export const metadata: Metadata = { title: "Import a document" };

export default function Page() {
  return <ImportPage />;
}
