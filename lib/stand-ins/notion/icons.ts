import { z } from "zod";

/** Page and callout icons (emoji or external image) and page covers: what an integration sends without file uploads. */

export const iconSchema = z.union([
  z.strictObject({ type: z.literal("emoji").optional(), emoji: z.string().min(1) }),
  z.strictObject({ type: z.literal("external").optional(), external: z.strictObject({ url: z.string().min(1) }) }),
]);

export type Icon = { type: "emoji"; emoji: string } | { type: "external"; external: { url: string } };

export function toIcon(icon: z.infer<typeof iconSchema>): Icon {
  return "emoji" in icon ? { type: "emoji", emoji: icon.emoji } : { type: "external", external: { url: icon.external.url } };
}

/** Page covers: an external image (file uploads are out of scope). */
export const coverSchema = z.strictObject({ type: z.literal("external").optional(), external: z.strictObject({ url: z.string().min(1) }) });
export type Cover = { type: "external"; external: { url: string } };
export const toCover = (cover: z.infer<typeof coverSchema>): Cover => ({ type: "external", external: { url: cover.external.url } });
