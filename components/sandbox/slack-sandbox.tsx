"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { SandboxDirectMessages, SandboxMessage } from "@/lib/sandbox/tools";
import { parseMrkdwn } from "./mrkdwn";

type Block = Record<string, unknown> & { type: string };
type Text = { type: string; text: string };
type Element = { type: string; action_id?: string; value?: string; url?: string; style?: string; text?: Text };

/** Slack's mrkdwn as React text (see ./mrkdwn: unescaped once, never rendered as HTML). */
function Mrkdwn({ text, users }: { text: string; users: Record<string, string> }) {
  return (
    <>
      {parseMrkdwn(text).map((part, i) => {
        switch (part.kind) {
          case "break":
            return <br key={i} />;
          case "link":
            return <a key={i} href={part.href} className="text-brand-600 hover:underline">{part.text}</a>;
          case "mention":
            return <span key={i} className="rounded bg-blue-50 px-1 text-blue-700">@{users[part.userId] ?? part.userId}</span>;
          case "bold":
            return <strong key={i}>{part.text}</strong>;
          case "italic":
            return <em key={i}>{part.text}</em>;
          default:
            return <Fragment key={i}>{part.text}</Fragment>;
        }
      })}
    </>
  );
}

/** One message as Slack shows it, with working buttons (clicked through the app's sandbox route). */
export function SlackMessageCard({ message, users, canClick }: { message: SandboxMessage; users: Record<string, string>; canClick: boolean }) {
  const { post, pending, error } = usePost();
  const [inputs, setInputs] = useState<Record<string, Record<string, string>>>({});
  const blocks = (message.blocks ?? []) as Block[];
  const click = (element: Element) => post("/api/sandbox/slack/click", { channel: message.channel, ts: message.ts, actionId: element.action_id, value: element.value, inputs });

  return (
    <Card id={`slack-message-${message.ts}`} className="scroll-mt-6 space-y-2 px-5 py-4 text-sm">
      <p className="text-xs text-slate-500">
        <span className="font-semibold text-slate-800">handoff-bot</span> · {message.channel.startsWith("D") ? "direct message" : `#${message.channel}`} · {formatDateTime(new Date(Number(message.ts.split(".")[0]) * 1000))}
        {message.versions.length > 1 && ` · edited ${message.versions.length - 1}×`}
      </p>
      {blocks.length === 0 && <p>{message.text}</p>}
      {blocks.map((block, i) => {
        switch (block.type) {
          case "header":
            return <h3 key={i} className="text-base font-semibold text-slate-900">{(block.text as Text).text}</h3>;
          case "section":
            return (
              <div key={i} className="text-slate-800">
                {block.text ? <p><Mrkdwn text={(block.text as Text).text} users={users} /></p> : null}
                {Array.isArray(block.fields) && (
                  <div className="mt-1 grid grid-cols-2 gap-2">
                    {(block.fields as Text[]).map((f, j) => <p key={j}><Mrkdwn text={f.text} users={users} /></p>)}
                  </div>
                )}
              </div>
            );
          case "context":
            return <p key={i} className="text-xs text-slate-500">{(block.elements as Text[]).map((e, j) => <Mrkdwn key={j} text={e.text} users={users} />)}</p>;
          case "divider":
            return <hr key={i} className="border-slate-200" />;
          case "input": {
            const element = block.element as Element;
            const id = `${message.ts}-${String(block.block_id)}`;
            return (
              <div key={i}>
                <label htmlFor={id} className="block text-sm font-medium text-slate-800">{(block.label as Text).text}</label>
                <textarea
                  id={id}
                  rows={2}
                  className={`${inputClass} mt-1`}
                  value={inputs[String(block.block_id)]?.[element.action_id!] ?? ""}
                  onChange={(e) => setInputs({ ...inputs, [String(block.block_id)]: { [element.action_id!]: e.target.value } })}
                />
              </div>
            );
          }
          case "actions":
            return (
              <div key={i} className="flex flex-wrap gap-2">
                {(block.elements as Element[]).map((element, j) =>
                  element.url ? (
                    <a key={j} href={element.url} className="rounded-md px-2.5 py-1.5 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">{element.text?.text}</a>
                  ) : (
                    <Button key={j} size="sm" variant={element.style === "primary" ? "primary" : element.style === "danger" ? "danger" : "secondary"} pending={pending} disabled={!canClick} onClick={() => click(element)}>
                      {element.text?.text}
                    </Button>
                  ),
                )}
              </div>
            );
          default:
            return null;
        }
      })}
      {error && <Alert>{error.message}</Alert>}
    </Card>
  );
}

/**
 * The direct message that asks the signed-in person's Slack user to confirm their link request.
 * The stand-in plays that Slack user for them only when its email is theirs.
 */
export function SlackDirectMessages({ direct, users }: { direct: SandboxDirectMessages; users: Record<string, string> }) {
  const who = users[direct.slackUserId] ? `@${users[direct.slackUserId]} (${direct.slackUserId})` : direct.slackUserId;
  return (
    <section aria-labelledby="slack-dm-heading" className="space-y-3">
      <div>
        <h2 id="slack-dm-heading" className="text-sm font-semibold text-slate-900">
          Direct message to {who} in Slack
        </h2>
        <p className="mt-0.5 text-xs text-slate-600">
          {direct.answerable
            ? "The Slack stand-in plays Slack for you: answer as this Slack user, as you would in Slack."
            : `In the stand-in, ${direct.slackUserId} has an email other than yours, so only its owner could confirm this. In Slack they would see who asked and ignore it.`}
        </p>
      </div>
      {direct.messages.length === 0 ? (
        <p className="text-sm text-slate-600">The message is on its way: reload in a moment.</p>
      ) : (
        direct.messages.map((m) => <SlackMessageCard key={m.ts} message={m} users={users} canClick={direct.answerable} />)
      )}
    </section>
  );
}

/** The messages the app posted to the Slack stand-in, with working buttons. */
export function SlackSandbox({
  messages,
  direct,
  replies,
  viewer,
  users,
  canClick,
}: {
  messages: SandboxMessage[];
  /** The person's own pending link confirmation, if any. */
  direct: SandboxDirectMessages | null;
  /** The ephemeral replies to the viewer's own clicks only. */
  replies: { ts: string; text: string; receivedAt: string }[];
  /** The Slack user the signed-in person clicks as, if linked. */
  viewer: string | null;
  users: Record<string, string>;
  canClick: boolean;
}) {
  if (messages.length === 0 && !direct) {
    return (
      <Card>
        <EmptyState title="No Slack messages yet">The acknowledgement request appears when a brief is approved; the digest when the Handoff digest stage starts.</EmptyState>
      </Card>
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-4">
        {direct && <SlackDirectMessages direct={direct} users={users} />}
        {messages.map((m) => (
          <SlackMessageCard key={m.ts} message={m} users={users} canClick={canClick} />
        ))}
      </div>
      <Card className="h-fit px-4 py-3 text-sm" aria-labelledby="replies-heading">
        <h2 id="replies-heading" className="font-semibold text-slate-900">Replies only you can see</h2>
        {viewer && <p className="text-xs text-slate-500">As @{users[viewer] ?? viewer} in Slack</p>}
        {!viewer ? (
          <p className="mt-1 text-slate-500">
            Your account is not linked to a Slack user, so you have no replies here. Link it from your{" "}
            <Link href="/account" className="text-brand-700 underline-offset-2 hover:underline">Account page</Link>.
          </p>
        ) : replies.length === 0 ? (
          <p className="mt-1 text-slate-500">The app answers each of your clicks here.</p>
        ) : (
          <ul className="mt-2 space-y-2" aria-live="polite">
            {replies.slice(0, 10).map((r, i) => (
              <li key={i} className="rounded bg-slate-50 px-2 py-1.5 text-slate-700">
                <Mrkdwn text={r.text} users={users} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
