import type { Metadata } from "next";
import { SourceReaderPage } from "@/components/sources/source-reader";

export const metadata: Metadata = { title: "Source" };

export default function Page() {
  return <SourceReaderPage />;
}
