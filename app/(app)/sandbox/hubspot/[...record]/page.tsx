import { notFound, redirect } from "next/navigation";
import { requirePageActor } from "@/lib/auth/session";
import { sandboxEnabled } from "@/lib/sandbox/hubspot";

/**
 * A deal's "record page" while the HubSpot stand-in plays HubSpot: the demo points
 * HUBSPOT_RECORD_URL_BASE here, so the source link behind an intake decision opens the deal on
 * the Sandbox page, as the same link opens the record in HubSpot.
 */
export default async function SandboxDealRecord({ params }: { params: Promise<{ record: string[] }> }) {
  await requirePageActor("sandbox:use");
  const dealId = (await params).record.at(-1) ?? "";
  if (!sandboxEnabled() || !/^\d+$/.test(dealId)) notFound();
  redirect(`/sandbox#deal-${dealId}`);
}
