/**
 * `require_ssl` of a Redshift cluster parameter group (`Parameters` is a list
 * of ParameterName/ParameterValue), read once for the cluster that uses the
 * group and for the group on its own.
 */
import type { Resource } from '../../src/model/resource.js';
import { must, asArray, asRecord, text } from '../../src/evaluate/facts.js';

/** The group's family and its require_ssl value (undefined: the group does not set it). */
export function groupRequireSsl(group: Resource, where: string): { family: string; value: unknown } {
  const family = text(must(group.properties.ParameterGroupFamily, `${where}.ParameterGroupFamily`));
  let value: unknown;
  asArray(must(group.properties.Parameters, `${where}.Parameters`)).forEach((p, i) => {
    const entry = asRecord(must(p, `${where}.Parameters[${i}]`));
    if (text(must(entry.ParameterName, `${where}.Parameters[${i}].ParameterName`)).toLowerCase() === 'require_ssl') value = must(entry.ParameterValue, `${where}.Parameters[${i}].ParameterValue`);
  });
  return { family, value };
}

/** true / false, or undefined when the value is neither. */
export function requireSslOn(value: unknown): boolean | undefined {
  const v = text(value).trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}
