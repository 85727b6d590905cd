import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <h1 className="text-lg font-semibold">You don’t have access to this page</h1>
      <p className="mt-1 text-sm text-slate-600">Your role does not include it. Ask an admin if you need it.</p>
      <Link href="/handoffs" className="mt-4 text-sm font-medium text-brand-700 underline underline-offset-2">
        Back to the handoff queue
      </Link>
    </main>
  );
}
