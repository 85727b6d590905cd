import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { exportRunbook } from "@/lib/kpi/runbook";

/** GET: the implementation runbook (DOCX), written from the live configuration. */
export const GET = route(async () => {
  const actor = await requireActor("dashboard:view");
  const file = await exportRunbook(actor);
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
