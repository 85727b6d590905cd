"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Card, EmptyState } from "@/components/ui/card";
import { CheckCircleIcon } from "@/components/ui/icons";
import { moveFocus } from "@/components/ui/use-post";
import type { InboxGate } from "@/lib/handoffs/approvals";
import { ApprovalCard } from "./approval-card";
import { OverrideCard, type PendingOverride } from "./override-card";

/**
 * The approver's inbox: overrides to confirm, then gates to sign off, each list oldest first.
 * A decided item leaves the list; focus then moves to the message saying what was decided,
 * from where the next item is one Tab away, instead of falling back to the page.
 */
export function ApprovalInbox({
  gates,
  overrides,
  showGates,
}: {
  gates: InboxGate[];
  overrides: (PendingOverride & { waitedMs: number })[];
  showGates: boolean;
}) {
  const [notice, setNotice] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const focusAfterRefresh = useRef(false);
  const decidedFrom = useRef<Element | null>(null);

  // The lists change once the page has refreshed after a decision: that is when focus moves.
  useEffect(() => {
    if (!focusAfterRefresh.current) return;
    focusAfterRefresh.current = false;
    moveFocus(statusRef.current, decidedFrom.current);
  }, [gates, overrides]);

  const decided = (message: string) => {
    setNotice(message);
    focusAfterRefresh.current = true;
    decidedFrom.current = document.activeElement;
  };

  return (
    <>
      <p
        ref={statusRef}
        tabIndex={-1}
        role="status"
        className={notice ? "mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" : "sr-only"}
      >
        {notice}
      </p>

      {overrides.length > 0 && (
        <section aria-labelledby="overrides-to-confirm" className="mb-8">
          <h2 id="overrides-to-confirm" className="mb-3 text-sm font-semibold text-slate-900">
            Overrides waiting for a second approver ({overrides.length})
          </h2>
          <ul className="space-y-4">
            {overrides.map((o) => (
              <li key={o.id}>
                <OverrideCard override={o} waitedMs={o.waitedMs} onDecided={decided} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {showGates &&
        (gates.length === 0 ? (
          <Card>
            <EmptyState
              title="Inbox zero"
              icon={<CheckCircleIcon />}
              action={
                <Link href="/handoffs?mine=1" className="text-sm font-medium text-brand-700 underline underline-offset-2">
                  See handoffs waiting for you
                </Link>
              }
            >
              No gates are waiting for your approval. A gate appears here as soon as its owner submits it.
            </EmptyState>
          </Card>
        ) : (
          <section aria-labelledby="gates-to-approve">
            <h2 id="gates-to-approve" className="mb-3 text-sm font-semibold text-slate-900">
              Gates waiting for your sign-off ({gates.length})
            </h2>
            <ul className="space-y-4" aria-label="Gates awaiting your approval">
              {gates.map((g) => (
                <li key={g.stageId}>
                  <ApprovalCard gate={g} onDecided={decided} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
