import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CloseRun } from "@/components/qa/close-run";
import { ReviewForm } from "@/components/qa/review-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime, handoffRef } from "@/components/ui/format";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { qaRunDetail } from "@/lib/qa/report";
import { FAILURE_PATTERNS } from "@/lib/qa/runs";

export const metadata: Metadata = { title: "QA run" };

export default async function QaRunPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("qa:view");
  let run;
  try {
    run = await qaRunDetail(actor, (await params).id);
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const done = run.reviews.filter((r) => r.reviewedAt).length;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <Link href="/qa" className="text-sm font-medium text-brand-600 hover:underline">← Handoff QA</Link>
        <h1 className="mt-2 text-xl font-semibold text-slate-900">QA run {run.month}</h1>
        <p className="mt-1 text-sm text-slate-500">
          {run.status === "CLOSED" ? `Closed: all ${run.reviews.length} sampled handoffs reviewed; the scores are final.` : `${done} of ${run.reviews.length} sampled handoffs reviewed. Score the ones assigned to you.`}
        </p>
        {run.status === "OPEN" && can(actor.role, "qa:run") && (
          <div className="mt-3">
            <CloseRun runId={run.id} remaining={run.reviews.length - done} />
          </div>
        )}
        <p className="mt-2 max-w-3xl rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-600">
          <span className="font-medium">Completeness</span>, by the rubric: each part met (full weight), partly met (half) or missed — mandatory fields present and valid 40, evidence for each gate reached 25, risks with an owner and a mitigation 20, commitments with a date and an owner 15.{" "}
          <span className="font-medium">Promise accuracy</span>: the share of the sales commitments delivered as promised (on time and as scoped), among those whose outcome is known; the outcomes are saved on the handoff.
        </p>
      </div>
      <Card aria-labelledby="reviews-heading">
        <CardHeader id="reviews-heading" title="Sampled handoffs" />
        <ul className="divide-y divide-slate-100">
          {run.reviews.map((r) => (
            <li key={r.id} className="space-y-2 px-5 py-4 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div>
                  <Link href={`/handoffs/${r.handoff.id}`} className="font-medium text-brand-700 hover:underline">
                    {handoffRef(r.handoff.number)} {r.handoff.title}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {r.handoff.team} · sold by {r.handoff.salesOwner ?? "—"} · reviewer {r.reviewer ?? "—"} · completeness on record {r.handoff.completenessScore}
                  </p>
                </div>
                <div className="flex gap-2">
                  {r.handoff.overrides > 0 && <Badge tone="violet">Override</Badge>}
                  {r.reviewedAt ? <Badge tone="green">Reviewed {formatDateTime(r.reviewedAt)}</Badge> : <Badge tone="amber">To review</Badge>}
                </div>
              </div>
              {r.mine && run.status === "OPEN" ? (
                <ReviewForm review={r} handoffRef={handoffRef(r.handoff.number)} patterns={FAILURE_PATTERNS} />
              ) : r.reviewedAt ? (
                <p className="text-slate-700">
                  Completeness {r.completenessScore}, promise accuracy {r.promiseAccuracy === null ? "not applicable" : `${r.promiseAccuracy}%`}{r.failurePatterns.length ? ` · ${r.failurePatterns.map((p) => FAILURE_PATTERNS[p]).join(", ")}` : ""}
                  {r.notes && <span className="text-slate-500"> — “{r.notes}”</span>}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
