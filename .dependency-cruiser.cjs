/**
 * Which way imports may point (README, Architecture). `npm run lint` runs this over app/,
 * components/, lib/, scripts/ and proxy.ts; a wrong-way import fails it, naming the rule.
 *
 * Modules are the folders of lib/ and components/. From the bottom up:
 *   rules · db · audit · auth · policy · sync · integrations (adapters)
 *   connections ─▶ delivery ─▶ intake ─▶ handoffs ─▶ kpi · qa (reporting)
 *   worker · sandbox · demo · test (wiring, the demo and the test rig) on top.
 * Tests, scripts/ and e2e/ may import anything: they are where the stand-ins are started.
 */

const TESTS = "\\.test\\.tsx?$";

/** `from` may not import `to`, with the reason a reader sees when it fails. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: "error", from, to });

module.exports = {
  forbidden: [
    forbid(
      "no-cycle-across-modules",
      "A cycle may only run between files of one module. Move the shared part down, into the module both depend on.",
      { path: "^(lib|components)/([^/]+)/" },
      { circular: true, via: { pathNot: "^$1/$2/" } },
    ),
    forbid(
      "core-not-reporting",
      "The core (handoffs, intake, delivery, connections, adapters) never depends on reporting (lib/kpi, lib/qa); move the shared rule to lib/rules.",
      { path: "^lib/(handoffs|intake|delivery|connections|integrations|sync|auth|audit|policy|rules)/", pathNot: TESTS },
      { path: "^lib/(kpi|qa)/" },
    ),
    forbid(
      "adapter-not-domain",
      "An adapter (lib/integrations/<vendor>) is a client configured by its caller, signatures and the vendor's shapes: no database, no settings, no domain.",
      { path: "^lib/integrations/", pathNot: TESTS },
      { path: "^lib/", pathNot: "^lib/(integrations|crypto)/" },
    ),
    forbid(
      "domain-layers",
      "Domain modules point down only: handoffs ▶ intake ▶ delivery ▶ connections. Intake never imports the handoff workflow; delivery never imports intake or the workflow.",
      { path: "^lib/(delivery|connections)/", pathNot: TESTS },
      { path: "^lib/(handoffs|intake)/" },
    ),
    forbid(
      "intake-below-workflow",
      "Intake creates and validates handoffs; the workflow (lib/handoffs) drives them. Intake never imports it.",
      { path: "^lib/intake/", pathNot: TESTS },
      { path: "^lib/handoffs/" },
    ),
    forbid(
      "connections-below-domain",
      "Connections turn saved settings into adapters; they know nothing of what the tools are used for.",
      { path: "^lib/connections/", pathNot: TESTS },
      { path: "^lib/(delivery|intake|handoffs|worker|sandbox)/" },
    ),
    forbid(
      "sync-is-the-engine",
      "lib/sync is the outbox engine only: which effects and tasks exist is wired in lib/worker.",
      { path: "^lib/sync/", pathNot: TESTS },
      { path: "^lib/(integrations|connections|intake|delivery|handoffs|kpi|qa|worker)/" },
    ),
    forbid(
      "audit-at-the-bottom",
      "Everything writes the audit trail, so it depends on nothing but the database.",
      { path: "^lib/audit/", pathNot: TESTS },
      { path: "^lib/", pathNot: "^lib/(audit|db|log)/" },
    ),
    forbid(
      "rules-are-browser-safe",
      "lib/rules is plain functions and constants that server and browser both run: it imports only lib/rules and the schema's enums.",
      { path: "^lib/rules/", pathNot: TESTS },
      { pathNot: "^lib/rules/|^lib/db/generated/enums\\.ts$|node_modules/(vitest|zod)/" },
    ),
    forbid(
      "production-not-stand-ins",
      "Production code never imports the vendor stand-ins: the demo launcher, tests and e2e start them.",
      { path: "^(app|components|lib|proxy\\.ts)", pathNot: `^lib/(stand-ins|test)/|${TESTS}` },
      { path: "^lib/stand-ins/" },
    ),
    forbid(
      "production-not-test-rig",
      "lib/test is the test rig (databases, fixtures, fault runs): tests and benchmarks only.",
      { path: "^(app|components|lib|proxy\\.ts)", pathNot: `^lib/test/|${TESTS}` },
      { path: "^lib/test/" },
    ),
    forbid(
      "components-not-database",
      "UI never touches the database: pages pass data in, and the browser talks to route handlers.",
      { path: "^components/" },
      { path: "^lib/db/(client|generated/client)|node_modules/(@prisma|pg)/", dependencyTypesNot: ["type-only"] },
    ),
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(lib/db/generated|node_modules|\\.next)/" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
