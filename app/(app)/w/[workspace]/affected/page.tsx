import type { Metadata } from "next";
import { AffectedPage } from "@/components/evidence/affected-page";

export const metadata: Metadata = { title: "Weakened evidence" };

export default function Page() {
  return <AffectedPage />;
}
