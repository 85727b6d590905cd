import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/session";
import { handoffVisible } from "@/lib/auth/handoff-access";

/**
 * A handoff that does not exist, or that the person may not see (a seller's handoff to
 * another seller), answers HTTP 404. The check runs here, above the page's loading skeleton:
 * once the skeleton streams, the status is already 200 and a notFound() in the page could
 * only show the not-found text (see Next's loading.js “Status codes”). The queue's own
 * skeleton lives in the (queue) group for the same reason: it must not wrap this segment.
 */
export default async function HandoffLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("handoffs:view");
  if (!(await handoffVisible(actor, (await params).id))) notFound();
  return children;
}
