import type { Metadata } from "next";
import { ChronologyPage } from "@/components/events/chronology";

export const metadata: Metadata = { title: "Chronology" };

export default function Page() {
  return <ChronologyPage />;
}
