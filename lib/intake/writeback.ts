import { z } from "zod";
import type { EffectHandler } from "../sync/handlers.ts";
import { hubspotClient } from "../connections/clients.ts";

/**
 * Tells the deal owner, in HubSpot, what intake decided: a status and a link on the
 * deal, and for a blocked intake a task listing exactly what to fix. Each step is
 * recorded as it completes, so a retry never creates a second task.
 */
const payloadSchema = z.object({
  dealId: z.string(),
  status: z.enum(["blocked", "accepted"]),
  handoffUrl: z.url(),
  issues: z.array(z.object({ label: z.string(), problem: z.string() })),
});

// HubSpot-defined association type: task → deal.
const TASK_TO_DEAL = 216;

export const hubspotWriteBack: EffectHandler = async (job, ctx) => {
  const payload = payloadSchema.parse(job.payload);
  const client = await hubspotClient();
  // A token on the task that a search can find: proof it exists when a create's answer was lost.
  const marker = `HCC-${job.id}`;

  if (!ctx.steps.dealUpdated) {
    await ctx.throttle();
    await client.crm.deals.basicApi.update(payload.dealId, {
      properties: { handoff_status: payload.status === "blocked" ? "Intake blocked" : "Accepted for delivery", handoff_url: payload.handoffUrl },
    });
    await ctx.saveStep("dealUpdated", true);
  }

  if (payload.status === "blocked" && !ctx.steps.taskId) {
    if (ctx.steps.taskCreateSent) {
      // An earlier attempt sent the create and never heard back: look before creating again.
      await ctx.throttle();
      const found = await client.crm.objects.tasks.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: "hs_task_body", operator: "CONTAINS_TOKEN" as never, value: marker }] }],
        properties: ["hs_task_subject"],
        limit: 1,
      } as never);
      if (found.results[0]) await ctx.saveStep("taskId", found.results[0].id);
    }
  }

  if (payload.status === "blocked" && !ctx.steps.taskId) {
    const body = [
      "This deal cannot be handed to delivery until these mandatory fields are fixed:",
      ...payload.issues.map((i) => `• ${i.label}: ${i.problem}`),
      "",
      `Handoff: ${payload.handoffUrl}`,
      `Reference: ${marker}`,
    ].join("\n");
    await ctx.saveStep("taskCreateSent", true);
    await ctx.throttle();
    const task = await client.crm.objects.tasks.basicApi.create({
      properties: {
        hs_task_subject: `Fix ${payload.issues.length} intake problem${payload.issues.length === 1 ? "" : "s"} before handoff`,
        hs_task_body: body,
        hs_task_status: "NOT_STARTED",
        hs_task_priority: "HIGH",
        hs_timestamp: new Date().toISOString(),
      },
      associations: [{ to: { id: payload.dealId }, types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: TASK_TO_DEAL }] }],
    });
    await ctx.saveStep("taskId", task.id);
  }

  return { dealId: payload.dealId, status: payload.status, taskId: (ctx.steps.taskId as string | undefined) ?? null };
};
