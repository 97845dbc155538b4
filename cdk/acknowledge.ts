import type { IConstruct } from 'constructs';
import { Annotations, CfnResource, Validations } from 'aws-cdk-lib';
import { isExpired } from '../src/engine/suppressions.js';
import { PLUGIN_NAME } from './vouch-checks.js';

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
 * Two records are written: CDK's own `Validations.of(construct).acknowledge`
 * (`vouch::<rule>`), which the synth-time report honours and `vouch check
 * cdk.out` reads from the assembly metadata; and `Metadata.vouch.acknowledge`
 * on each CloudFormation resource below the construct, which carries owner
 * and expiry into vouch's evidence from the template alone. An expired
 * acknowledgement is not registered with CDK (and warns), so the finding
 * fails synthesis again.
 */
export function acknowledge(construct: IConstruct, rule: string, reason: string, options: AcknowledgeOptions = {}): void {
  if (reason.trim().length < 3) throw new Error(`acknowledge(${rule}): a reason is required`);
  const expired = isExpired(options.expires, new Date());
  if (expired) Annotations.of(construct).addWarningV2('vouch:acknowledgement-expired', `acknowledgement of ${rule} expired on ${options.expires}: ${reason}`);
  else Validations.of(construct).acknowledge({ id: `${PLUGIN_NAME}::${rule}`, reason });
  const entry = { rule, reason, ...(options.owner ? { owner: options.owner } : {}), ...(options.expires ? { expires: options.expires } : {}) };
  for (const c of construct.node.findAll()) {
    if (!CfnResource.isCfnResource(c)) continue;
    const existing = (c.getMetadata('vouch') as { acknowledge?: unknown[] } | undefined) ?? {};
    c.addMetadata('vouch', { ...existing, acknowledge: [...(existing.acknowledge ?? []), entry] });
  }
}
