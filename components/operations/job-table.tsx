"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { CheckCircleIcon } from "@/components/ui/icons";
import { cx } from "@/components/ui/cx";
import { formatDateTime, handoffRef } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { listJobs } from "@/lib/sync/operations";

type Jobs = Awaited<ReturnType<typeof listJobs>>;

const TABS = [
  { status: null, label: "Open" },
  { status: "DEAD", label: "Dead letters" },
  { status: "FAILED", label: "Retrying" },
  { status: "SUCCEEDED", label: "Succeeded" },
  { status: "CANCELLED", label: "Cancelled" },
] as const;

const TONE: Record<string, Tone> = { PENDING: "slate", RUNNING: "blue", SUCCEEDED: "green", FAILED: "amber", DEAD: "red", CANCELLED: "slate" };

export function JobTable({ data, status }: { data: Jobs; status: string | null }) {
  const { post, pending, error } = usePost();
  const [open, setOpen] = useState<string | null>(null);
  const href = (s: string | null, page = 1) => `/operations?${new URLSearchParams({ ...(s ? { status: s } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;

  return (
    <Card aria-labelledby="jobs-heading">
      <CardHeader id="jobs-heading" title="Jobs" description={`${data.total} in this view`} />
      <nav aria-label="Job status" className="flex flex-wrap gap-1 border-b border-slate-100 px-4 py-2">
        {TABS.map((t) => (
          <Link
            key={t.label}
            href={href(t.status)}
            aria-current={status === t.status ? "page" : undefined}
            className={cx("rounded-md px-3 py-1.5 text-sm font-medium", status === t.status ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-50")}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {error && (
        <div className="px-5 pt-3">
          <Alert>{error.message}</Alert>
        </div>
      )}
      {data.jobs.length === 0 ? (
        <EmptyState title="No jobs here" icon={<CheckCircleIcon />}>Nothing in this view is waiting, failing or parked. Choose another status above to see the rest.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">Effect</th>
                <th scope="col" className="px-3 py-2">Handoff</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Attempts</th>
                <th scope="col" className="px-3 py-2">Last error</th>
                <th scope="col" className="px-3 py-2">Created</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.jobs.map((job) => (
                <Fragment key={job.id}>
                  <tr>
                    <td className="px-5 py-2.5">
                      <button type="button" className="text-left font-medium text-slate-800 hover:underline" aria-expanded={open === job.id} onClick={() => setOpen(open === job.id ? null : job.id)}>
                        {job.vendor} · {job.kind}
                      </button>
                      <p className="font-mono text-xs text-slate-600">{job.idempotencyKey}</p>
                    </td>
                    <td className="px-3 py-2.5">{job.handoff ? <Link className="text-brand-600 hover:underline" href={`/handoffs/${job.handoff.id}`}>{handoffRef(job.handoff.number)}</Link> : "—"}</td>
                    <td className="px-3 py-2.5">
                      <Badge tone={TONE[job.status]}>{job.status.toLowerCase()}</Badge>
                      {(job.status === "FAILED" || job.status === "PENDING") && <p className="mt-0.5 text-xs text-slate-500">next {formatDateTime(job.runAt)}</p>}
                    </td>
                    <td className="px-3 py-2.5">
                      {job.attempts}/{job.maxAttempts}
                    </td>
                    <td className="max-w-xs px-3 py-2.5 text-xs text-slate-600">{job.lastError ? <><span className="font-mono">{job.errorClass}</span> {job.lastError}</> : "—"}</td>
                    <td className="whitespace-nowrap px-3 py-2.5 text-xs text-slate-500">{formatDateTime(job.createdAt)}</td>
                    <td className="whitespace-nowrap px-3 py-2.5 text-right">
                      {["DEAD", "FAILED", "CANCELLED"].includes(job.status) && (
                        <Button size="sm" variant="secondary" pending={pending} onClick={() => post(`/api/operations/jobs/${job.id}/replay`, {})}>
                          Replay
                        </Button>
                      )}{" "}
                      {["PENDING", "FAILED", "DEAD"].includes(job.status) && (
                        <Button size="sm" variant="danger" disabled={pending} onClick={() => post(`/api/operations/jobs/${job.id}/cancel`, {})}>
                          Cancel
                        </Button>
                      )}
                    </td>
                  </tr>
                  {open === job.id && (
                    <tr>
                      <td colSpan={7} className="bg-slate-50 px-5 py-3">
                        <p className="mb-1 text-xs font-medium text-slate-500">History</p>
                        <ol className="space-y-0.5 text-xs text-slate-700">
                          {job.history.length === 0 && <li>No attempts yet.</li>}
                          {job.history.map((h, i) => (
                            <li key={i}>
                              {formatDateTime(h.at)} — attempt {h.attempt}: {h.outcome}
                              {h.errorClass && ` (${h.errorClass}${h.error ? `: ${h.error}` : ""})`}
                            </li>
                          ))}
                        </ol>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.pageCount > 1 && (
        <nav aria-label="Pagination" className="flex items-center justify-end gap-2 border-t border-slate-100 px-4 py-3 text-sm">
          {data.page > 1 && <Link className="text-brand-600 hover:underline" href={href(status, data.page - 1)}>Previous</Link>}
          <span>
            Page {data.page} of {data.pageCount}
          </span>
          {data.page < data.pageCount && <Link className="text-brand-600 hover:underline" href={href(status, data.page + 1)}>Next</Link>}
        </nav>
      )}
    </Card>
  );
}
