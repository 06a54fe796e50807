import type { Metadata } from "next";
import { Suspense } from "react";
import { ChronologyPage } from "@/components/events/chronology";

export const metadata: Metadata = { title: "Timeline" };

export default function Page() {
  return (
    <Suspense>
      <ChronologyPage view="timeline" />
    </Suspense>
  );
}
