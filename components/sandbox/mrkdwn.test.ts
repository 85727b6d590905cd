import { describe, expect, it } from "vitest";
import { ackRequestMessage } from "@/lib/delivery/slack-messages";
import type { DeliveryModel } from "@/lib/delivery/model";
import { parseMrkdwn, unescapeSlack } from "./mrkdwn";

/** The words a person reads, part by part, as the Slack stand-in shows them. */
const shown = (text: string) => parseMrkdwn(text).map((p) => (p.kind === "break" ? "\n" : p.kind === "mention" ? `@${p.userId}` : p.text)).join("");

describe("the Slack stand-in's text", () => {
  it("shows a comment exactly as it was typed, wherever it sits in the message", () => {
    expect(shown("_sent back: “&lt;script&gt;alert(1)&lt;/script&gt;”_")).toBe("sent back: “<script>alert(1)</script>”");
    expect(shown("*Tom &amp; Jerry &lt;3*")).toBe("Tom & Jerry <3");
    expect(shown("Plain &lt;b&gt; text")).toBe("Plain <b> text");
    expect(parseMrkdwn("<https://app.test/h?a=1&amp;b=2|Q&amp;A>")).toEqual([{ kind: "link", href: "https://app.test/h?a=1&b=2", text: "Q&A" }]);
  });

  it("unescapes exactly once", () => {
    expect(unescapeSlack("&amp;lt;script&amp;gt;")).toBe("&lt;script&gt;");
    expect(unescapeSlack("&amp;amp;")).toBe("&amp;");
  });

  it("round-trips a risk comment the app escaped for Slack", () => {
    const risk = { id: "r1", title: "Data <volume>", severity: "HIGH", ownerName: null, mitigation: "A & B", status: "REJECTED", comment: "<script>alert('x')</script> & more", acceptedBy: null };
    const model = {
      id: "h1", ref: "HO-1", title: "T", customerName: "C", url: "https://app.test/handoffs/h1", acknowledgedAt: null, acknowledgedBy: null,
      people: { deliveryLead: null }, links: {}, risks: [risk],
    } as unknown as DeliveryModel;
    const section = ackRequestMessage(model).blocks.find((b) => b.block_id === "risk_r1") as { text: { text: string } };
    const text = shown(section.text.text);
    expect(text).toContain("sent back: “<script>alert('x')</script> & more”");
    expect(text).toContain("Data <volume>");
    expect(text).toContain("Mitigation: A & B");
    expect(text).not.toContain("&lt;");
    expect(text).not.toContain("&amp;");
  });
});
