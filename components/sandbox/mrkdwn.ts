/**
 * Just enough of Slack's mrkdwn to show the stand-in's messages: links, mentions, bold,
 * italics and line breaks. Slack escapes &, < and > in message text; each piece of text is
 * unescaped exactly once, here, and rendered as React text — never as HTML — so a comment
 * reading “<script>” shows as typed, not as “&lt;script&gt;” and not as markup.
 */

export type MrkdwnPart =
  | { kind: "text" | "bold" | "italic"; text: string }
  | { kind: "link"; href: string; text: string }
  | { kind: "mention"; userId: string }
  | { kind: "break" };

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&" };

/** Slack's three escapes, undone in one pass: “&amp;lt;” becomes “&lt;”, never “<”. */
export function unescapeSlack(text: string): string {
  return text.replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity]);
}

export function parseMrkdwn(text: string): MrkdwnPart[] {
  return text
    .split(/(<[^>]+>|\*[^*\n]+\*|_[^_\n]+_|\n)/g)
    .filter((part) => part !== "")
    .map((part): MrkdwnPart => {
      if (part === "\n") return { kind: "break" };
      const link = /^<(https?:[^|>]+)\|([^>]+)>$/.exec(part);
      if (link) return { kind: "link", href: unescapeSlack(link[1]), text: unescapeSlack(link[2]) };
      const mention = /^<@([A-Z0-9]+)>$/.exec(part);
      if (mention) return { kind: "mention", userId: mention[1] };
      if (/^\*[^*]+\*$/.test(part)) return { kind: "bold", text: unescapeSlack(part.slice(1, -1)) };
      if (/^_[^_]+_$/.test(part)) return { kind: "italic", text: unescapeSlack(part.slice(1, -1)) };
      return { kind: "text", text: unescapeSlack(part) };
    });
}
