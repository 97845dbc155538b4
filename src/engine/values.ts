/**
 * Markers for values a template does not pin down. The IaC resolver produces
 * them; rules meet them through the helpers in ./facts.ts.
 */

/** A value that could not be resolved, with the expression that produced it. */
export class Unresolved {
  constructor(readonly expression: string) {}
  toJSON(): string {
    return `<unresolved: ${this.expression}>`;
  }
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
