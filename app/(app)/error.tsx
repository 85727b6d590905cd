"use client";

import { Button } from "@/components/ui/button";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-lg border border-red-200 bg-white p-6 text-center shadow-sm" role="alert">
      <h1 className="text-base font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-1 text-sm text-slate-600">The page could not be loaded. Nothing you saved was lost.</p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-600">Reference: {error.digest}</p>}
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
