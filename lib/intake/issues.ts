import { z } from "zod";

/** One reason an intake is blocked: which mandatory field, and what is wrong with it. */
export const intakeIssueSchema = z.object({
  field: z.string(),
  label: z.string(),
  problem: z.string(),
});

export type IntakeIssue = z.infer<typeof intakeIssueSchema>;

export function parseIntakeIssues(value: unknown): IntakeIssue[] {
  const parsed = z.array(intakeIssueSchema).safeParse(value);
  return parsed.success ? parsed.data : [];
}
