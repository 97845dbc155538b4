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
    /**
     * For each placeholder in `shape`, in order, the resource whose own `Ref`/`GetAtt` it is
     * (`Files`, `Files.Arn`), else undefined; absent when no placeholder is one. An ARN built from
     * a resource's `Ref` (`…:file-system/${Files}`) then names that resource.
     */
    readonly refs?: readonly (string | undefined)[],
  ) {}
  toJSON(): string {
    return `<unresolved: ${this.expression}>`;
  }
}

/**
 * What a placeholder in `Unresolved.shape` stands for: see `Unresolved.slots`. `elb-account`: one of the
 * regional Elastic Load Balancing log-delivery accounts (a mapping of them keyed by a region vouch does
 * not know, src/lib/elb-log-accounts.ts): 12 digits, not this stack's account.
 */
export type ShapeSlot = 'account' | 'region' | 'elb-account' | 'text' | 'unknown';

/** Placeholders in `Unresolved.shape`. */
export const SHAPE_UNKNOWN = '\u0001';
export const SHAPE_SPECIFIC = '\u0002';

/** A shape as a message shows it: each placeholder, whatever it stands for, written `${…}`. */
export function shownShape(shape: string): string {
  return shape.replaceAll(SHAPE_UNKNOWN, '${…}').replaceAll(SHAPE_SPECIFIC, '${…}');
}

/** A reference to another resource in the same stack (`Ref` / `Fn::GetAtt` of a resource). */
export class ResourceRef {
  constructor(
    readonly logicalId: string,
    readonly attribute?: string,
  ) {}
  toJSON(): string {
    return this.attribute ? `<GetAtt ${this.logicalId}.${this.attribute}>` : `<Ref ${this.logicalId}>`;
  }
  /** The resource referred to, as a message names it: its logical id (and its stack, for a reference to another stack's). */
  get label(): string {
    return this.logicalId;
  }
}

/**
 * An `Fn::If` whose condition is unknown: either branch may be deployed.
 * The evaluator judges every variant and keeps the worst verdict.
 */
/** Whether any `Branches` was made in this process: while none was, no value holds one. */
let branchesMade = false;
export function anyBranches(): boolean {
  return branchesMade;
}

export class Branches {
  constructor(
    readonly condition: string,
    readonly whenTrue: unknown,
    readonly whenFalse: unknown,
    /**
     * Set when the condition depends on one thing only, with a known set of values: the region
     * (`name` `AWS::Region`; CDK's `…UnsupportedRegions`, `Fn::Equals [AWS::Region, cn-north-1]`) or
     * a parameter with `AllowedValues` the user did not pin (`name` the parameter). `table` is the
     * condition's value for each. The evaluator enumerates the values rather than the condition,
     * so conditions on one dimension stay consistent; see src/evaluate/evaluate.ts.
     */
    readonly dimension?: Dimension,
  ) {
    branchesMade = true;
  }
  toJSON(): unknown {
    return { 'Fn::If': [this.condition, this.whenTrue, this.whenFalse] };
  }
}

/** What a condition of unknown value depends on alone, and its value for each value of that (see `Branches`). */
export interface Dimension {
  readonly name: string;
  readonly table: Readonly<Record<string, boolean>>;
}

/** The dimension name of the deployment region. */
export const REGION_DIMENSION = 'AWS::Region';

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
