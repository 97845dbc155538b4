/**
 * One parameter of the cluster parameter group a DocumentDB or Neptune
 * cluster uses (`parameterGroup` relation), or where the template leaves it:
 * the service's default group (name omitted or `default.*`) or a group
 * defined elsewhere. Parameters are a JSON map `{ name: value }`.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { known, must, asRecord, describe } from '../../src/evaluate/facts.js';

export type ClusterParameter =
  /** Read from a group in the template; `value` undefined when the group does not set it. */
  | { kind: 'group'; where: string; value: unknown }
  /** The service's default group: the engine default applies. */
  | { kind: 'default'; where: string }
  /** A group named but not defined in the scanned templates. */
  | { kind: 'outside'; where: string; name: unknown };

export function clusterParameter(r: Resource, inventory: Inventory, name: string): ClusterParameter {
  const groupName = known(r, 'DBClusterParameterGroupName');
  const group = inventory.related(r, 'parameterGroup')[0];
  if (group) {
    const where = `parameter group ${group.name ?? group.location.logicalId ?? group.id}`;
    const params = asRecord(must(group.properties.Parameters, `${where}.Parameters`));
    const value = must(params[name], `${where}.Parameters.${name}`);
    return { kind: 'group', where, value: value === null ? undefined : value };
  }
  if (groupName === undefined || groupName === null) return { kind: 'default', where: 'the default cluster parameter group' };
  if (typeof groupName === 'string' && groupName.startsWith('default.')) return { kind: 'default', where: `default parameter group ${groupName}` };
  return { kind: 'outside', where: `parameter group ${JSON.stringify(describe(groupName))}`, name: groupName };
}
