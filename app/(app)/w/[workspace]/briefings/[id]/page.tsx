import type { Metadata } from "next";
import { Suspense } from "react";
import { BriefingPage } from "@/components/briefings/briefing-page";

export const metadata: Metadata = { title: "Briefing" };

export default function Page() {
  return (
    <Suspense>
      <BriefingPage />
    </Suspense>
  );
}
