import type { IConstruct } from 'constructs';
import { Annotations, CfnResource } from 'aws-cdk-lib';
import { isExpired } from '../src/findings/suppressions.js';

export interface AcknowledgeOptions {
  /** Who answers for the exception. */
  readonly owner?: string;
  /** Date (YYYY-MM-DD) after which the exception stops suppressing. */
  readonly expires?: string;
}

/**
 * Acknowledge a vouch rule on a construct and everything under it, with a
 * reason (and optionally an owner and an expiry date).
 *
 * One record per acknowledgement: `Metadata.vouch.acknowledge` on each
 * CloudFormation resource below the construct, carrying reason, owner and
 * expiry. The synth-time plugin and `vouch check` (template or cdk.out) both
 * read it. No second copy is written through CDK's
 * `Validations.of(construct).acknowledge`: that record cannot hold an expiry,
 * so it would keep suppressing after the date. An expired acknowledgement
 * warns at synthesis and no longer suppresses.
 */
export function acknowledge(construct: IConstruct, rule: string, reason: string, options: AcknowledgeOptions = {}): void {
  if (reason.trim().length < 3) throw new Error(`acknowledge(${rule}): a reason is required`);
  if (options.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.expires))
    throw new Error(`acknowledge(${rule}): expires must be a date such as 2027-06-30, got '${options.expires}'`);
  if (isExpired(options.expires, new Date()))
    Annotations.of(construct).addWarningV2('vouch:acknowledgement-expired', `acknowledgement of ${rule} expired on ${options.expires}: ${reason}`);
  const entry = { rule, reason, ...(options.owner ? { owner: options.owner } : {}), ...(options.expires ? { expires: options.expires } : {}) };
  for (const c of construct.node.findAll()) {
    if (!CfnResource.isCfnResource(c)) continue;
    const existing = (c.getMetadata('vouch') as { acknowledge?: unknown[] } | undefined) ?? {};
    c.addMetadata('vouch', { ...existing, acknowledge: [...(existing.acknowledge ?? []), entry] });
  }
}
