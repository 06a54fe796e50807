import type { Metadata } from "next";
import { NetworkPage } from "@/components/network/network-page";

export const metadata: Metadata = { title: "Network" };

export default function Page() {
  return <NetworkPage />;
}
