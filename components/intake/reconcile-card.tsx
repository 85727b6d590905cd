"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";

interface Result {
  examined: number;
  captured: number;
  until: string;
}

/** Runs the reconciliation sweep on demand and says what it found. */
export function ReconcileCard({ lastSweep }: { lastSweep: string | null }) {
  const { post, pending, error } = usePost();
  const [result, setResult] = useState<Result | null>(null);
  return (
    <Card aria-labelledby="reconcile-heading">
      <CardHeader id="reconcile-heading" title="Reconciliation" description="Catches closed-won deals whose webhook never arrived. Runs every 10 minutes." />
      <div className="space-y-3 px-5 py-4 text-sm">
        <p className="text-slate-600">Deals changed in HubSpot are checked up to: {lastSweep ? formatDateTime(lastSweep) : "never swept yet"}.</p>
        {error && <Alert>{error.message}</Alert>}
        {result && (
          <Alert tone="success">
            Looked at {result.examined} changed deal{result.examined === 1 ? "" : "s"}; {result.captured} handoff{result.captured === 1 ? "" : "s"} created or updated.
          </Alert>
        )}
        <Button variant="secondary" pending={pending} onClick={async () => setResult(await post<Result>("/api/intake/reconcile", {}))}>
          Run reconciliation now
        </Button>
      </div>
    </Card>
  );
}
