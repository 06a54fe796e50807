import type { Metadata } from "next";
import { ImportJobPage } from "@/components/import/import-job-page";

export const metadata: Metadata = { title: "Review imported events" };

export default function Page() {
  return <ImportJobPage />;
}
