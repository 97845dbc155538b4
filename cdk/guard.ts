/**
 * How the constructs speak: a warning with a stable id when a user weakens a
 * secure default (acknowledgeable with `Validations.of(x).acknowledge`), and a
 * `ValidationError` with a stable id when props contradict a control.
 */
import type { IConstruct } from 'constructs';
import { Annotations } from 'aws-cdk-lib';
import { ValidationError } from 'aws-cdk-lib/core/lib/errors';

/** Warning ids read `vouch:<stable-id>`, e.g. `vouch:bucket-versioning-off`. */
export function warnWeakened(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`vouch:${id}`, message);
}

/**
 * aws-cdk-lib's own ValidationError (it renders with the construct path and
 * `Errors.isValidationError` recognizes it); its `name` is the stable id,
 * e.g. `VouchBucketSslRequired`.
 */
export function contradiction(scope: IConstruct, id: string, message: string): Error {
  // The constructor's first parameter is typed as a branded literal string; ours are literals too.
  return new ValidationError(id as unknown as ConstructorParameters<typeof ValidationError>[0], message, scope);
}

/** Merge: what the construct requires > what the user passed > the secure defaults. */
export function withDefaults<T extends object>(defaults: Partial<T>, user: Partial<T> | undefined, required: Partial<T> = {}): T {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(user ?? {})) if (v !== undefined) out[k] = v;
  for (const [k, v] of Object.entries(required)) if (v !== undefined) out[k] = v;
  return out as T;
}
