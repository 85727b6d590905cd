"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";

export interface SlackLinkView {
  email: string;
  slackUserId: string | null;
  slackTeamId: string | null;
  /** Whether the app is connected to Slack at all. */
  slackConnected: boolean;
  pending: {
    slackUserId: string;
    expiresAt: string;
    /** The direct message's delivery: its outbox status, and why it failed. */
    message: { status: string; error: string | null } | null;
  } | null;
}

const SENT = new Set(["SUCCEEDED"]);
const FAILED = new Set(["DEAD", "CANCELLED"]);

function messageState(message: NonNullable<SlackLinkView["pending"]>["message"]): string {
  if (message && SENT.has(message.status)) return "The message was sent.";
  if (message && FAILED.has(message.status)) return `The message could not be sent${message.error ? `: ${message.error}` : ""}. Cancel, check the Slack user id and ask again.`;
  return "Sending the message…";
}

/** The signed-in person's own Slack link: link (confirmed in Slack), cancel a pending request, or unlink. */
export function SlackLinkCard({ view }: { view: SlackLinkView }) {
  const router = useRouter();
  const { post, pending, error, errorRef } = usePost();
  const [slackUserId, setSlackUserId] = useState("");
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);

  // While Slack waits for the person's click, the page follows along.
  useEffect(() => {
    if (!view.pending) return;
    const timer = setInterval(() => router.refresh(), 5_000);
    return () => clearInterval(timer);
  }, [view.pending, router]);

  const remove = () => post("/api/account/slack", null, { method: "DELETE", focus: () => status.current });

  return (
    <Card aria-labelledby="slack-link-heading">
      <CardHeader
        id="slack-link-heading"
        title="Slack account"
        description="Your clicks on handoff buttons in Slack count as you only from the Slack account linked here. You link it yourself, and confirm it in Slack."
      />
      <div className="space-y-3 px-5 py-4 text-sm">
        <p ref={status} tabIndex={-1} role="status" className="text-slate-800 focus:outline-none">
          {view.slackUserId ? (
            <>
              Linked to Slack user <strong>{view.slackUserId}</strong>
              {view.slackTeamId ? (
                <>
                  {" "}
                  in workspace <strong>{view.slackTeamId}</strong>
                </>
              ) : null}
              .
            </>
          ) : view.pending ? (
            <>
              Waiting for your confirmation in Slack. We sent Slack user <strong>{view.pending.slackUserId}</strong> a direct message: click <strong>Yes, this is me</strong> there before{" "}
              {formatDateTime(view.pending.expiresAt)}. {messageState(view.pending.message)}
            </>
          ) : (
            "Not linked: Slack clicks are not taken as you."
          )}
        </p>

        {view.slackUserId &&
          (confirmUnlink ? (
            <div className="flex flex-wrap items-center gap-2">
              <span>Unlink it? Your Slack clicks stop counting as you until you link it again.</span>
              <Button size="sm" variant="danger" pending={pending} onClick={async () => { if (await remove()) setConfirmUnlink(false); }}>
                Yes, unlink
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setConfirmUnlink(false)}>
                Keep it
              </Button>
            </div>
          ) : (
            <Button size="sm" variant="secondary" onClick={() => setConfirmUnlink(true)}>
              Unlink my Slack account
            </Button>
          ))}

        {!view.slackUserId && view.pending && (
          <Button size="sm" variant="secondary" pending={pending} onClick={remove}>
            Cancel<span className="sr-only"> the Slack link request</span>
          </Button>
        )}

        {!view.slackUserId && !view.pending && (
          <form
            className="space-y-3"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await post("/api/account/slack", { slackUserId }, { focus: () => status.current })) setSlackUserId("");
            }}
          >
            {!view.slackConnected && <Alert tone="warning">Slack is not connected yet, so there is nothing to link. RevOps or an admin connects it on the Connections page.</Alert>}
            <Field label="Slack user id (optional)" hint={`Leave empty to use the Slack account with your email, ${view.email}. In Slack: your profile, then ⋮ → Copy member ID.`} error={error?.fieldErrors?.slackUserId?.[0]}>
              {(props) => <input {...props} className={inputClass} placeholder="U0123ABCD" autoComplete="off" spellCheck={false} value={slackUserId} onChange={(e) => setSlackUserId(e.target.value.trim())} />}
            </Field>
            <Button type="submit" size="sm" pending={pending} disabled={!view.slackConnected}>
              Link my Slack account
            </Button>
          </form>
        )}

        {error && (
          <Alert ref={errorRef} className="focus:outline-none">
            {error.message}
          </Alert>
        )}
      </div>
    </Card>
  );
}
