"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";

/** Starts a monthly QA run: month, sample size and rule; every override of the month is added. */
export function StartRun({ rules, defaultMonth }: { rules: Record<string, string>; defaultMonth: string }) {
  const router = useRouter();
  const { post, pending, error } = usePost();
  const [month, setMonth] = useState(defaultMonth);
  const [size, setSize] = useState("10");
  const [rule, setRule] = useState(Object.keys(rules)[0]);
  return (
    <Card aria-labelledby="start-run-heading">
      <CardHeader id="start-run-heading" title="Start a QA run" description="Samples handoffs closed-won in the month. Every handoff with an override made in the month is always sampled (monthly control sampling on overrides)." />
      <form
        className="grid gap-3 px-5 py-4 sm:grid-cols-4 sm:items-end"
        onSubmit={async (e) => {
          e.preventDefault();
          const run = await post<{ id: string }>("/api/qa/runs", { month, sampleSize: Number(size), rule });
          if (run) router.push(`/qa/${run.id}`);
        }}
      >
        <Field label="Month" error={error?.fieldErrors?.month?.[0]}>{(p) => <input {...p} type="month" required className={inputClass} value={month} onChange={(e) => setMonth(e.target.value)} />}</Field>
        <Field label="Sample size" error={error?.fieldErrors?.sampleSize?.[0]}>{(p) => <input {...p} type="number" min={1} max={500} required className={inputClass} value={size} onChange={(e) => setSize(e.target.value)} />}</Field>
        <Field label="Sampling rule">
          {(p) => (
            <select {...p} className={inputClass} value={rule} onChange={(e) => setRule(e.target.value)}>
              {Object.entries(rules).map(([k, v]) => (
                <option key={k} value={k}>{v}</option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" pending={pending}>Start run</Button>
        {error && !error.fieldErrors && <div className="sm:col-span-4"><Alert>{error.message}</Alert></div>}
      </form>
    </Card>
  );
}
