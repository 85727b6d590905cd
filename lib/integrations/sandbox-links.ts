import { env } from "../env.ts";
import type { DeliveryVendor } from "./settings.ts";

/**
 * Links people follow to an object in another tool. The local stand-ins have no pages of
 * their own, so in the demo a link opens the sandbox panel at that object instead.
 */
export function toolLink(vendor: DeliveryVendor, vendorUrl: string, anchor: string): string {
  const e = env();
  const sandbox = { CLICKUP: e.CLICKUP_SANDBOX_URL, NOTION: e.NOTION_SANDBOX_URL, SLACK: e.SLACK_SANDBOX_URL }[vendor];
  if (!sandbox) return vendorUrl;
  return `${e.APP_URL.replace(/\/$/, "")}/sandbox?tool=${vendor.toLowerCase()}#${anchor}`;
}
