import type { Metadata } from "next";
import { EntityListPage } from "@/components/entities/entity-pages";

export const metadata: Metadata = { title: "Entities" };

export default function Page() {
  return <EntityListPage />;
}
