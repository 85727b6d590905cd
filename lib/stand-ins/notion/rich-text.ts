import { z } from "zod";

/**
 * Rich text as Notion takes it (`{type?: "text", text: {content, link?}, annotations?}`) and
 * answers it (every annotation spelled out, plus plain_text and href). Limits are Notion's:
 * 2,000 characters per text content or link URL, 100 items per rich_text array. Only the
 * "text" kind is modelled; mentions and equations are refused by the schema.
 */

export const API_COLORS = [
  "default",
  "gray",
  "brown",
  "orange",
  "yellow",
  "green",
  "blue",
  "purple",
  "pink",
  "red",
  "default_background",
  "gray_background",
  "brown_background",
  "orange_background",
  "yellow_background",
  "green_background",
  "blue_background",
  "purple_background",
  "pink_background",
  "red_background",
] as const;
export type ApiColor = (typeof API_COLORS)[number];

export const MAX_TEXT_LENGTH = 2000;
export const MAX_RICH_TEXT_ITEMS = 100;

const annotationsSchema = z.strictObject({
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  underline: z.boolean().optional(),
  code: z.boolean().optional(),
  color: z.enum(API_COLORS).optional(),
});

export const richTextItemSchema = z.strictObject({
  type: z.literal("text").optional(),
  text: z.strictObject({
    content: z.string().max(MAX_TEXT_LENGTH),
    link: z.strictObject({ url: z.string().max(MAX_TEXT_LENGTH) }).nullable().optional(),
  }),
  annotations: annotationsSchema.optional(),
  // Response fields, which clients often echo back when copying content; Notion ignores them.
  plain_text: z.string().optional(),
  href: z.string().nullable().optional(),
});

export const richTextSchema = z.array(richTextItemSchema).max(MAX_RICH_TEXT_ITEMS);
export type RichTextRequest = z.infer<typeof richTextSchema>;

export interface RichText {
  type: "text";
  text: { content: string; link: { url: string } | null };
  annotations: { bold: boolean; italic: boolean; strikethrough: boolean; underline: boolean; code: boolean; color: ApiColor };
  plain_text: string;
  href: string | null;
}

export function toRichText(items: RichTextRequest): RichText[] {
  return items.map((item) => {
    const link = item.text.link ? { url: item.text.link.url } : null;
    const a = item.annotations ?? {};
    return {
      type: "text",
      text: { content: item.text.content, link },
      annotations: {
        bold: a.bold ?? false,
        italic: a.italic ?? false,
        strikethrough: a.strikethrough ?? false,
        underline: a.underline ?? false,
        code: a.code ?? false,
        color: a.color ?? "default",
      },
      plain_text: item.text.content,
      href: link?.url ?? null,
    };
  });
}

export const plainText = (items: readonly RichText[]) => items.map((item) => item.plain_text).join("");
