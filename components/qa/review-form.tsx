"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/components/ui/format";
import { inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import { PROMISE_OUTCOMES, RUBRIC_LEVELS, RUBRIC_PARTS, promiseAccuracyOf, rubricScore, type RubricLevel, type RubricPart } from "@/lib/rules/rubric";
import type { QaRunDetail } from "@/lib/qa/report";

type Review = QaRunDetail["reviews"][number];
type Outcome = Review["commitments"][number]["status"];

/**
 * Scores one sampled handoff by the rubric: each completeness part met, partly met or missed,
 * each sales commitment's outcome, the failure patterns seen, and a note. The scores it will
 * save are shown as the reviewer goes, by the same rules the server applies.
 */
export function ReviewForm({ review, handoffRef, patterns }: { review: Review; handoffRef: string; patterns: Record<string, string> }) {
  const { post, pending, error } = usePost();
  const [rubric, setRubric] = useState<Partial<Record<RubricPart, RubricLevel>>>(review.rubric ?? {});
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>(
    Object.fromEntries(review.reviewedAt ? review.commitments.map((c) => [c.id, c.status]) : []),
  );
  const [tags, setTags] = useState<string[]>(review.failurePatterns);
  const [notes, setNotes] = useState(review.notes ?? "");

  const scored = RUBRIC_PARTS.every((p) => rubric[p.key]);
  const completeness = scored ? rubricScore(rubric as Record<RubricPart, RubricLevel>) : null;
  const accuracy = promiseAccuracyOf(Object.values(outcomes));

  return (
    <form
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-label={`Review of ${handoffRef}`}
      onSubmit={(e) => {
        e.preventDefault();
        void post(`/api/qa/reviews/${review.id}`, {
          rubric,
          commitments: Object.entries(outcomes).map(([id, outcome]) => ({ id, outcome })),
          failurePatterns: tags,
          notes,
        });
      }}
    >
      <fieldset>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Completeness rubric</legend>
        <div className="mt-1 divide-y divide-slate-100">
          {RUBRIC_PARTS.map((part) => (
            <div key={part.key} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span id={`${review.id}-${part.key}-label`} className="text-sm text-slate-700">
                {part.label} <span className="text-xs text-slate-500">({part.weight})</span>
              </span>
              <div role="radiogroup" aria-labelledby={`${review.id}-${part.key}-label`} className="flex gap-3">
                {(Object.keys(RUBRIC_LEVELS) as RubricLevel[]).map((lvl) => (
                  <label key={lvl} className="flex items-center gap-1 text-sm text-slate-700">
                    <input type="radio" name={`${review.id}-${part.key}`} value={lvl} required checked={rubric[part.key] === lvl} onChange={() => setRubric({ ...rubric, [part.key]: lvl })} />
                    {RUBRIC_LEVELS[lvl]}
                  </label>
                ))}
              </div>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Sales commitments</legend>
        {review.commitments.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">No sales commitments were recorded for this handoff; promise accuracy does not apply.</p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-100">
            {review.commitments.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                <label htmlFor={`${review.id}-${c.id}`} className="text-sm text-slate-700">
                  {c.description}
                  <span className="block text-xs text-slate-500">
                    due {formatDate(c.dueDate)} · {c.owner ?? "no owner"}
                  </span>
                </label>
                <select
                  id={`${review.id}-${c.id}`}
                  required
                  className={`${inputClass} w-48`}
                  value={outcomes[c.id] ?? ""}
                  onChange={(e) => setOutcomes({ ...outcomes, [c.id]: e.target.value as Outcome })}
                >
                  <option value="" disabled>
                    Outcome…
                  </option>
                  {(Object.keys(PROMISE_OUTCOMES) as Outcome[]).map((o) => (
                    <option key={o} value={o}>
                      {PROMISE_OUTCOMES[o]}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Failure patterns</legend>
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
      <p className="text-sm text-slate-700" aria-live="polite">
        Completeness <span className="font-semibold">{completeness ?? "—"}</span> · promise accuracy{" "}
        <span className="font-semibold">{accuracy === null ? "—" : `${accuracy}%`}</span>
      </p>
      {error && <Alert>{error.message}</Alert>}
      <Button type="submit" size="sm" pending={pending}>
        Save review<span className="sr-only"> of {handoffRef}</span>
      </Button>
    </form>
  );
}
