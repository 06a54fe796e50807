import type { Metadata } from "next";
import { EntityPage } from "@/components/entities/entity-pages";

export const metadata: Metadata = { title: "Entity" };

export default function Page() {
  return <EntityPage />;
}
