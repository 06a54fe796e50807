import type { Metadata } from "next";
import { BriefingPage } from "@/components/briefings/briefing-page";

export const metadata: Metadata = { title: "Briefing" };

export default function Page() {
  return <BriefingPage />;
}
