import { redirect } from "next/navigation";
import { getPageUser } from "@/server/http/page-session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await getPageUser();
  redirect(user ? "/workspaces" : "/sign-in");
}
