import type { Metadata } from "next";
import { SourceListPage } from "@/components/sources/source-list";

export const metadata: Metadata = { title: "Sources" };

export default function Page() {
  return <SourceListPage />;
}
