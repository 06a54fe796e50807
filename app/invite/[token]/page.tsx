import type { Metadata } from "next";
import { InviteAccept } from "@/components/auth/invite-accept";
import { getPageUser } from "@/server/http/page-session";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getPageUser();
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-slate-50 px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-2xl font-semibold tracking-tight text-slate-900">Dossier</p>
        <InviteAccept token={token} user={user} />
      </div>
    </main>
  );
}
