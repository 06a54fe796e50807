import type { Metadata } from "next";
import { NewSourcePage } from "@/components/sources/new-source-page";

export const metadata: Metadata = { title: "Add a source" };

export default function Page() {
  return <NewSourcePage />;
}
