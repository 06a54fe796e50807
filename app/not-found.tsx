import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-slate-600">The address may be mistyped, or the page has moved.</p>
      <Link className="text-sm font-medium text-brand-700 underline" href="/">
        Go to Dossier
      </Link>
    </main>
  );
}
