import type { Metadata } from "next";
import { TemplateEditor } from "@/components/delivery/template-editor";
import { VersionHistory } from "@/components/settings/version-history";
import { requirePageActor } from "@/lib/auth/session";
import { ALL_GATES, ASSIGNMENT_LABEL, currentTaskTemplate, listTaskTemplateVersions } from "@/lib/delivery/template";

export const metadata: Metadata = { title: "Task template" };

export default async function TemplatePage() {
  await requirePageActor("template:edit");
  const [current, versions] = await Promise.all([currentTaskTemplate(), listTaskTemplateVersions()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Standard task template</h1>
        <p className="mt-1 text-sm text-slate-500">
          What every ClickUp delivery list is built from: these standard tasks, plus one task per sales commitment and milestone and one gate per client dependency. Every save is a new version; each list records the version it was built from.
        </p>
      </div>
      <TemplateEditor template={current.config} version={current.version} owners={ASSIGNMENT_LABEL} allGates={ALL_GATES} />
      <VersionHistory id="template-versions-heading" versions={versions} />
    </div>
  );
}
