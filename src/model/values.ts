/**
 * Markers for values a template does not pin down. The IaC resolver produces
 * them; rules meet them through the helpers in ./facts.ts.
 */

/**
 * A value that could not be resolved, with the expression that produced it.
 * A string built by `Fn::Join`/`Fn::Sub` keeps its `shape`: the literal text
 * with each piece it could not resolve written as `SHAPE_UNKNOWN` (a
 * parameter, an import) or `SHAPE_SPECIFIC` (a pseudo parameter such as
 * `AWS::Region`/`AWS::AccountId`, or a resource's own `Ref`/`GetAtt`: one
 * definite value, never a wildcard). `arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs`
 * is then known to name one queue although its account is not known.
 */
export class Unresolved {
  constructor(
    readonly expression: string,
    readonly shape?: string,
    /**
     * What each placeholder in `shape` stands for, in order (absent: `unknown` for SHAPE_UNKNOWN,
     * `text` for SHAPE_SPECIFIC). An account id or a region has a known alphabet, so a built name
     * can be shown never to contain some literal text (`acme-${AWS::AccountId}` never contains
     * `request-log`), where a stack name, a resource's name or a parameter could be anything.
     */
    readonly slots?: readonly ShapeSlot[],
  ) {}
  toJSON(): string {
    return `<unresolved: ${this.expression}>`;
  }
}

/** What a placeholder in `Unresolved.shape` stands for: see `Unresolved.slots`. */
export type ShapeSlot = 'account' | 'region' | 'text' | 'unknown';

/** Placeholders in `Unresolved.shape`. */
export const SHAPE_UNKNOWN = '\u0001';
export const SHAPE_SPECIFIC = '\u0002';

/** A reference to another resource in the same stack (`Ref` / `Fn::GetAtt` of a resource). */
export class ResourceRef {
  constructor(
    readonly logicalId: string,
    readonly attribute?: string,
  ) {}
  toJSON(): string {
    return this.attribute ? `<GetAtt ${this.logicalId}.${this.attribute}>` : `<Ref ${this.logicalId}>`;
  }
}

/**
 * An `Fn::If` whose condition is unknown: either branch may be deployed.
 * The evaluator judges every variant and keeps the worst verdict.
 */
export class Branches {
  constructor(
    readonly condition: string,
    readonly whenTrue: unknown,
    readonly whenFalse: unknown,
    /**
     * Set when the condition depends on nothing but the region (CDK's `…UnsupportedRegions`,
     * `Fn::Equals [AWS::Region, cn-north-1]`): its value in every AWS region vouch knows. The
     * evaluator then decides it over the claims profile's allowed regions, and otherwise reports
     * a verdict that differs between regions as unknown rather than the worst branch.
     */
    readonly byRegion?: Readonly<Record<string, boolean>>,
  ) {}
  toJSON(): unknown {
    return { 'Fn::If': [this.condition, this.whenTrue, this.whenFalse] };
  }
}

/** `AWS::NoValue`: the property is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

export function isUnresolved(v: unknown): v is Unresolved {
  return v instanceof Unresolved;
}
export function isRef(v: unknown): v is ResourceRef {
  return v instanceof ResourceRef;
}
export function isBranches(v: unknown): v is Branches {
  return v instanceof Branches;
}
