/**
 * The usage line and description of every top-level command, written once: the
 * command modules read theirs from here, and `vouch` registers the commands not
 * run with these alone (./index.ts), so a run loads only its own command's module.
 */
import type { Provider } from '../../model/resource.js';
import { PROVIDERS } from '../../sources/providers/index.js';

/** The clouds of `scan <provider>`, in the provider registry's order (as ./providers.ts lists their CLIs). */
const clouds = (Object.keys(PROVIDERS) as Provider[]).join(', ');

export const COMMAND_SPECS = {
  check: { command: 'check [paths..]', describe: 'Check CloudFormation templates, directories of templates, or CDK cloud assemblies (cdk.out)' },
  scan: { command: 'scan <provider>', describe: `Scan live cloud accounts (${clouds}, or all configured sources) with read-only API calls` },
  evaluate: { command: 'evaluate <inventory..>', describe: 'Judge saved inventories again, offline (from --save-inventory): new claims, new rules, no cloud calls' },
  probe: {
    command: 'probe [targets..]',
    describe: "Observe endpoints as a client does: TLS versions accepted, certificate, HTTP→HTTPS redirect, HSTS (the claims profile's endpoints are probed too)",
  },
  report: { command: 'report <evidence>', describe: 'Re-render the reports of an earlier run from its evidence.json alone (no cloud, no templates)' },
  diff: { command: 'diff <old> <new>', describe: 'Compare two runs: new failures, fixed, still failing, newly unknown, expired suppressions. Exit 1 on new failures.' },
  drift: { command: 'drift <live>', describe: 'Compare a live AWS scan with the code that owns it: shadow resources, and rules that pass in code but fail live (or the reverse)' },
  merge: { command: 'merge <inputs..>', describe: 'Merge the evidence of several runs (e.g. the shards of a nightly scan) into one evidence file and every report' },
  plan: { command: 'plan <what>', describe: 'Show how a sharded scan splits its work units (vouch plan scan aws --shards 8)' },
  verify: { command: 'verify <dir>', describe: "Check that the reports in DIR are the ones a run wrote: SHA-256 of each file against manifest.json, and its Ed25519 signature" },
  rules: { command: 'rules', describe: 'List the rules: id, control, severity, sources, title' },
  controls: { command: 'controls', describe: 'List the controls with their framework mappings (SOC 2, ISO 27001, NIST 800-53, CIS AWS)' },
  claims: { command: 'claims', describe: 'Work with claims profiles: extract a draft from a published policy' },
} as const;

export type CommandName = keyof typeof COMMAND_SPECS;
