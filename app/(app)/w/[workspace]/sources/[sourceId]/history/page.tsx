import type { Metadata } from "next";
import { SourceHistoryPage } from "@/components/history/source-history";

export const metadata: Metadata = { title: "Source history" };

export default function Page() {
  return <SourceHistoryPage />;
}
