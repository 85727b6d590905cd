import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";

interface Version {
  version: number;
  note: string | null;
  createdAt: Date;
  createdBy: { name: string } | null;
  status?: string;
  decidedBy?: { name: string } | null;
}

const STATUS: Record<string, { label: string; tone: "amber" | "red" | "slate" }> = {
  PENDING_APPROVAL: { label: "Waiting for approval", tone: "amber" },
  REJECTED: { label: "Rejected", tone: "red" },
  WITHDRAWN: { label: "Withdrawn", tone: "slate" },
};

/** Who saved which version of a versioned setting, and why. */
export function VersionHistory({ id, versions }: { id: string; versions: Version[] }) {
  return (
    <Card aria-labelledby={id}>
      <CardHeader id={id} title="Version history" />
      {versions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">The built-in default is in force; no version has been saved yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {versions.map((v) => (
            <li key={v.version} className="px-5 py-2.5">
              <p className="font-medium text-slate-800">
                Version {v.version} <span className="font-normal text-slate-600">— {v.createdBy?.name ?? "system"}, {formatDateTime(v.createdAt)}</span>{" "}
                {v.status && STATUS[v.status] && <Badge tone={STATUS[v.status].tone}>{STATUS[v.status].label}</Badge>}
                {v.status === "ACTIVE" && v.decidedBy && <span className="text-xs font-normal text-slate-600"> · approved by {v.decidedBy.name}</span>}
              </p>
              {v.note && <p className="text-slate-600">{v.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
