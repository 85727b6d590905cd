"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { AssignmentRule, AssignmentStrategy, TeamRoster } from "@/lib/intake/assign";

const ROLE_COLUMNS = [
  ["PROJECT_MANAGER", "Project managers"],
  ["PS_LEADER", "PS leaders"],
  ["DELIVERY_LEAD", "Delivery leads"],
  ["REVOPS", "RevOps"],
] as const;

/** The rule in force, who it picks from in each team, and (for those who may) a new version of it. */
export function AssignmentRuleEditor({
  rule,
  version,
  labels,
  teams,
  mayEdit,
}: {
  rule: AssignmentRule;
  version: number;
  labels: Record<AssignmentStrategy, string>;
  teams: TeamRoster[];
  mayEdit: boolean;
}) {
  const { post, pending, error } = usePost();
  const [strategy, setStrategy] = useState<AssignmentStrategy>(rule.strategy);
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<number | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const result = await post<{ version: number }>("/api/assignment", { rule: { strategy }, note });
    if (result) {
      setSaved(result.version);
      setNote("");
    }
  }

  return (
    <div className="space-y-6">
      <Card aria-labelledby="rule-heading">
        <CardHeader id="rule-heading" title={`Rule in force: version ${version}${version === 0 ? " (built-in default)" : ""}`} description={labels[rule.strategy]} />
        <div className="space-y-2 px-5 py-4 text-sm text-slate-700">
          <p>
            Within the people the rule allows, each role takes turns: the person whose last handoff in that role is the oldest goes next. A team with nobody in a role falls back
            to everyone who holds it. A deal&apos;s team is its CRM owner&apos;s team.
          </p>
        </div>
        <div className="overflow-x-auto border-t border-slate-100">
          <table className="w-full text-sm">
            <caption className="sr-only">People each team assigns from, by role</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Team</th>
                {ROLE_COLUMNS.map(([, label]) => (
                  <th key={label} scope="col" className="px-4 py-2">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {teams.map((t) => (
                <tr key={t.team}>
                  <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                    {t.team}
                  </th>
                  {ROLE_COLUMNS.map(([role]) => (
                    <td key={role} className="px-4 py-2 text-slate-700">
                      {t.people[role].length ? t.people[role].join(", ") : <span className="text-slate-600">everyone in the role</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      {mayEdit && (
        <form onSubmit={save}>
          <Card aria-labelledby="rule-edit-heading">
            <CardHeader id="rule-edit-heading" title="Change the rule" description="A change is a new, audited version; it applies to handoffs created from then on." />
            <div className="grid gap-4 px-5 py-4 sm:grid-cols-2">
              <Field label="New handoffs are assigned">
                {(p) => (
                  <select {...p} className={inputClass} value={strategy} onChange={(e) => setStrategy(e.target.value as AssignmentStrategy)}>
                    {(Object.keys(labels) as AssignmentStrategy[]).map((s) => (
                      <option key={s} value={s}>
                        {labels[s]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="What changed and why" error={error?.fieldErrors?.note?.[0]}>
                {(p) => <input {...p} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} required minLength={3} maxLength={2000} />}
              </Field>
            </div>
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 px-5 py-3">
              <Button type="submit" pending={pending}>
                Save as a new version
              </Button>
              {saved !== null && <span role="status" className="text-sm text-green-800">Saved as version {saved}.</span>}
            </div>
            {error && (
              <div className="px-5 pb-4">
                <Alert>{error.message}</Alert>
              </div>
            )}
          </Card>
        </form>
      )}
    </div>
  );
}
