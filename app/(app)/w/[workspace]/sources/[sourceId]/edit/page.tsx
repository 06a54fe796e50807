import type { Metadata } from "next";
import { EditSourcePage } from "@/components/sources/edit-source-page";

export const metadata: Metadata = { title: "Edit source" };

export default function Page() {
  return <EditSourcePage />;
}
