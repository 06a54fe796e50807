import type { Metadata } from "next";
import { BriefingEditPage } from "@/components/briefings/briefing-editor-page";

export const metadata: Metadata = { title: "Edit briefing" };

export default function Page() {
  return <BriefingEditPage />;
}
