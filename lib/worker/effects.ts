import { clickupWorkspace } from "../integrations/clickup/workspace.ts";
import { hubspotWriteBack } from "../integrations/hubspot/writeback.ts";
import { notionBrief } from "../integrations/notion/brief.ts";
import { slackAckRequest, slackDigest } from "../integrations/slack/messages.ts";
import { slackLinkRequest } from "../integrations/slack/link-request.ts";
import { slackRespond } from "../integrations/slack/respond.ts";
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
