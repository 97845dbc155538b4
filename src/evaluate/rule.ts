import type { Resource, SourceKind } from '../model/resource.js';
import type { ControlId } from './controls.js';
import type { Parameters } from './claims-profile.js';
import type { Inventory } from '../model/inventory.js';
import type { TypedResource } from './property-paths.js';

import type { Severity, Status } from '../model/verdict-values.js';

export { SEVERITIES, SEVERITY_RANK, STATUSES, type Severity, type Status } from '../model/verdict-values.js';

export interface EvidenceItem {
  /** Field path the value came from (`Properties.SslPolicy`, `Listeners[0].Protocol`). */
  path: string;
  observed: unknown;
  expected?: unknown;
  /** The API call or template location that produced it, when it is not the resource's own. */
  source?: string;
  /** Free-text note, e.g. "omitted: S3 applies SSE-S3 (AES-256) by default since 2023-01-05". */
  note?: string;
}

export interface Verdict {
  status: Status;
  message: string;
  evidence?: EvidenceItem[];
  /** Distinguishes several findings of one rule on one resource: `Action::s3:*`. */
  subId?: string;
}

export interface RuleContext {
  params: Parameters;
  inventory: Inventory;
}

export interface Remediation {
  /** What to do, in words. */
  text: string;
  cdk?: string;
  cloudformation?: string;
  cli?: string;
}

export interface RuleDefinition<T extends string = string> {
  /** `<control>/<provider>-<subject>`, e.g. `tls-min/aws-elbv2-listener`. */
  id: string;
  control: ControlId;
  title: string;
  severity: Severity;
  /** Why a failure matters, one or two sentences. */
  risk?: string;
  remediation: Remediation;
  references?: string[];
  /**
   * Canonical resource types this rule judges. `defineRule` infers them, so
   * `check` may read only their property paths (see property-paths.ts).
   */
  types: T[];
  sources: SourceKind[];
  /**
   * The control cannot be seen through any API (e.g. a DigitalOcean team's
   * 2FA setting): the rule only answers `unknown` with a message starting
   * "needs attestation:", never pass. Its fixtures are `unknown*` only.
   */
  attestationOnly?: boolean;
  /**
   * Judge one resource. Return one verdict, several (each with a `subId`), or
   * none (the resource is out of this rule's scope). Throwing `NeedsValue`
   * (see facts.ts) yields `unknown` naming the unresolved expression; any other
   * throw yields `unknown` with the error, never a pass.
   */
  check(resource: TypedResource<T>, ctx: RuleContext): Verdict | Verdict[] | undefined;
}

export interface Rule extends RuleDefinition {
  /** File the rule was loaded from (for fixtures discovery and error messages). */
  file?: string;
}

/**
 * Identity function that types a rule module's default export. It infers the
 * rule's `types`, so inside `check` a `known(r, path)` on a path none of them
 * has does not compile.
 */
export function defineRule<T extends string>(def: RuleDefinition<T>): RuleDefinition {
  return def as unknown as RuleDefinition;
}
