/**
 * A key pair name the template takes from a parameter of type `AWS::EC2::KeyPair::KeyName`: CloudFormation
 * accepts only the name of a key pair that exists in the account and region (never an empty value), so a
 * key pair is set, whichever one the operator picks. The parameter's type is read from the stack record
 * (src/sources/iac/stack.ts, `Parameters`).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { get } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';

/** The name of the KeyPair-typed parameter `v` is a Ref of, or undefined. */
export function keyPairParameter(v: unknown, r: Resource, inventory: Inventory): string | undefined {
  if (!isUnresolved(v)) return undefined;
  const m = /^Ref ([A-Za-z0-9]+) \(parameter without a value/.exec(v.expression);
  if (!m) return undefined;
  const stack = inventory.get(`${r.location.stack}/(stack)`);
  const type = stack?.type === 'aws.cloudformation.stack' ? get(stack.properties, `Parameters.${m[1]}.Type`) : undefined;
  return type === 'AWS::EC2::KeyPair::KeyName' ? m[1] : undefined;
}
