"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { usePost } from "@/components/ui/use-post";

/** Closes a QA run: offered once every review is in. */
export function CloseRun({ runId, remaining }: { runId: string; remaining: number }) {
  const { post, pending, error } = usePost();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" size="sm" pending={pending} disabled={remaining > 0} aria-describedby={remaining > 0 ? "close-run-hint" : undefined} onClick={() => post(`/api/qa/runs/${runId}/close`, {})}>
        Close run
      </Button>
      {remaining > 0 && (
        <span id="close-run-hint" className="text-xs text-slate-500">
          {remaining} review{remaining === 1 ? "" : "s"} still to do
        </span>
      )}
      {error && <Alert>{error.message}</Alert>}
    </div>
  );
}
