import type { Metadata } from "next";
import { Suspense } from "react";
import { BriefingListPage } from "@/components/briefings/briefing-list-page";

export const metadata: Metadata = { title: "Briefings" };

export default function Page() {
  return (
    <Suspense>
      <BriefingListPage />
    </Suspense>
  );
}
