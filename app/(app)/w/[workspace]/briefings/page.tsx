import type { Metadata } from "next";
import { BriefingListPage } from "@/components/briefings/briefing-list-page";

export const metadata: Metadata = { title: "Briefings" };

export default function Page() {
  return <BriefingListPage />;
}
