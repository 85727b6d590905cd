import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { chainHead, parsePublishedHead, publishedHead, verifyAuditChain } from "@/lib/audit/chain";
import { AuditExportForm } from "@/components/settings/audit-export";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit trail" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The export's default period: the thirty days up to the newest event (or today). */
function lastThirtyDays(newest: Date | string | null) {
  const to = newest ? new Date(newest) : new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { defaultFrom: day(new Date(to.getTime() - 30 * 86_400_000)), defaultTo: day(to) };
}

export default async function AuditTrailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("audit:verify");
  const params = await searchParams;
  const publishedText = first(params.head).slice(0, 200);
  const published = publishedText ? parsePublishedHead(publishedText) : null;
  const run = first(params.verify) === "1";
  const head = await chainHead();
  const report = run && (!publishedText || published) ? await verifyAuditChain({ expect: published ?? undefined }) : null;

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Audit trail</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every audit event carries a hash of its content and of the event before it, set by the database as it is written. Verifying recomputes every hash in
          order and names the first broken link: an event changed, deleted or slipped in. The head is written to the log every hour and shown on Operations;
          compare it with one noted earlier to detect a rewrite of the whole chain.
        </p>
      </div>

      <Card aria-labelledby="head-heading">
        <CardHeader id="head-heading" title="Chain head" description="The newest event's place and hash. Note it somewhere outside this system to check against later." />
        <dl className="grid gap-x-6 gap-y-3 px-5 py-4 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">Events</dt>
          <dd className="font-medium text-slate-900">{head.seq.toLocaleString("en-US")}</dd>
          <dt className="text-slate-500">Last written</dt>
          <dd className="text-slate-900">{head.at ? formatDateTime(head.at) : "No events yet"}</dd>
          <dt className="text-slate-500">Published form</dt>
          <dd>
            <code className="block break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800" data-testid="chain-head">
              {publishedHead(head)}
            </code>
          </dd>
        </dl>
      </Card>

      <Card aria-labelledby="verify-heading">
        <CardHeader id="verify-heading" title="Verify the chain" description="Reads every event; on a large trail this takes a few seconds." />
        <form method="get" className="space-y-4 px-5 py-4">
          <input type="hidden" name="verify" value="1" />
          <div>
            <label htmlFor="published-head" className="block text-sm font-medium text-slate-800">
              A head published earlier <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <input
              id="published-head"
              name="head"
              defaultValue={publishedText}
              placeholder="1234:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
              aria-describedby="published-head-hint"
              aria-invalid={publishedText && !published ? true : undefined}
              className={`${inputClass} mt-1 font-mono`}
              spellCheck={false}
              autoComplete="off"
            />
            <p id="published-head-hint" className="mt-1 text-xs text-slate-500">
              As the log line &ldquo;audit chain head&rdquo; or this page showed it: the place, a colon, and the 64-character hash.
            </p>
          </div>
          <Button type="submit">Verify the chain</Button>
        </form>
        <div className="px-5 pb-5">
          {publishedText && !published && (
            <Alert title="That is not a published head">Write it as the place, a colon and the 64-character hash, for example 1234:9f86d0…0a08.</Alert>
          )}
          {report?.ok && (
            <Alert tone="success" title="The chain is intact">
              {report.events.toLocaleString("en-US")} events verified, up to the head {report.head.seq.toString()}.
              {published && ` The published head at place ${published.seq} matches.`}
            </Alert>
          )}
          {report && !report.ok && report.firstBreak && (
            <Alert title={report.firstBreak.seq !== null ? `Broken at place ${report.firstBreak.seq}` : "Broken"}>
              <p>{report.firstBreak.reason}</p>
              {report.firstBreak.eventId !== "—" && (
                <p className="mt-1 text-xs">
                  Event id {report.firstBreak.eventId}
                  {report.firstBreak.at && `, written ${report.firstBreak.at.replace("T", " ").replace(/\.\d+Z$/, " UTC")}`}. Restore the trail from a backup taken before
                  it and find out who had the database owner&rsquo;s rights.
                </p>
              )}
            </Alert>
          )}
        </div>
      </Card>

      {can(actor.role, "audit:export") && (
        <Card aria-labelledby="export-heading">
          <CardHeader
            id="export-heading"
            title="Export the trail"
            description="Every event of a period, with its place in the chain and its hashes, as CSV or JSON Lines. The export is itself an audit event."
          />
          <AuditExportForm {...lastThirtyDays(head.at)} />
        </Card>
      )}
    </div>
  );
}
