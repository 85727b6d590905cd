import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { exportAuditTrail } from "@/lib/kpi/audit-trail";

/** GET ?format=csv|jsonl&from=&to=[&handoff=HO-123][&actor=email or name][&action=prefix]: the audit trail for a period, streamed. */
export const GET = route(async (request) => {
  const actor = await requireActor("audit:export");
  const file = await exportAuditTrail(actor, Object.fromEntries(new URL(request.url).searchParams));
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Row-Count": String(file.rows),
    },
  });
});
