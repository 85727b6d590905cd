"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";

/** Scores one sampled handoff: completeness, promise accuracy, failure patterns and a note. */
export function ReviewForm({ reviewId, handoffRef, patterns, initial }: { reviewId: string; handoffRef: string; patterns: Record<string, string>; initial: { completenessScore: number | null; promiseAccuracy: number | null; failurePatterns: string[]; notes: string | null } }) {
  const { post, pending, error } = usePost();
  const [completeness, setCompleteness] = useState(initial.completenessScore?.toString() ?? "");
  const [accuracy, setAccuracy] = useState(initial.promiseAccuracy?.toString() ?? "");
  const [tags, setTags] = useState<string[]>(initial.failurePatterns);
  const [notes, setNotes] = useState(initial.notes ?? "");
  return (
    <form
      className="space-y-2"
      aria-label={`Review of ${handoffRef}`}
      onSubmit={(e) => {
        e.preventDefault();
        void post(`/api/qa/reviews/${reviewId}`, { completenessScore: completeness, promiseAccuracy: accuracy, failurePatterns: tags, notes });
      }}
    >
      <div className="flex flex-wrap gap-3">
        <label className="text-xs font-medium text-slate-600">
          Completeness (0–100)
          <input type="number" min={0} max={100} required className={`${inputClass} mt-1 w-28`} value={completeness} onChange={(e) => setCompleteness(e.target.value)} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Promise accuracy (0–100)
          <input type="number" min={0} max={100} required className={`${inputClass} mt-1 w-28`} value={accuracy} onChange={(e) => setAccuracy(e.target.value)} />
        </label>
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-slate-600">Failure patterns</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {Object.entries(patterns).map(([key, label]) => (
            <label key={key} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" checked={tags.includes(key)} onChange={(e) => setTags(e.target.checked ? [...tags, key] : tags.filter((t) => t !== key))} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-xs font-medium text-slate-600">
        Notes
        <textarea rows={2} className={`${inputClass} mt-1`} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error && <Alert>{error.message}</Alert>}
      <Button type="submit" size="sm" pending={pending}>Save review<span className="sr-only"> of {handoffRef}</span></Button>
    </form>
  );
}
