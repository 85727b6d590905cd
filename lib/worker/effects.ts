import { clickupWorkspace } from "../delivery/effects/publish-workspace.ts";
import { hubspotWriteBack } from "../intake/writeback.ts";
import { notionBrief } from "../delivery/effects/publish-brief.ts";
import { slackAckRequest, slackDigest } from "../delivery/effects/post-messages.ts";
import { slackLinkRequest } from "../delivery/effects/send-link-request.ts";
import { slackRespond } from "../delivery/effects/respond-to-click.ts";
import { registerEffect } from "../sync/handlers.ts";

/** Every outbound effect the worker knows how to perform. */
export function registerEffects(): void {
  registerEffect("hubspot.writeback", hubspotWriteBack);
  registerEffect("clickup.workspace", clickupWorkspace);
  registerEffect("notion.brief", notionBrief);
  registerEffect("slack.ack", slackAckRequest);
  registerEffect("slack.digest", slackDigest);
  registerEffect("slack.respond", slackRespond);
  registerEffect("slack.link_request", slackLinkRequest);
}
