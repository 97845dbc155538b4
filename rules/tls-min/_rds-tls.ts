/**
 * Does an RDS database refuse non-TLS connections? Read from its parameter
 * group (`parameterGroup` relation); a parameter not set there takes the
 * engine default for the engine version (controls-catalog 2.4).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict, EvidenceItem } from '../../src/evaluate/rule.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';
import { known, must, get, gapFor, ev, pass, fail, unknown, describe, notApplicable } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';
import { TLS_RANK } from '../../src/lib/tls.js';

interface Family {
  /** Parameter that forces TLS. */
  param: 'rds.force_ssl' | 'require_secure_transport';
  /** Parameter that sets the lowest TLS version, if the engine has one. */
  versionParam?: 'ssl_min_protocol_version' | 'tls_version';
  /** Engine default for `param` by version: true (on), false (off), undefined (not known to vouch). */
  defaultOn(version: number[] | undefined): boolean | undefined;
}

const ver = (v: number[] | undefined, major: number, minor = 0) => !!v && (v[0]! > major || (v[0] === major && (v[1] ?? 0) >= minor));

function family(engine: string): Family | undefined {
  if (engine === 'postgres')
    return { param: 'rds.force_ssl', versionParam: 'ssl_min_protocol_version', defaultOn: (v) => (v ? ver(v, 15) : undefined) };
  // AWS knowledge center: Aurora PostgreSQL rds.force_ssl defaults to 0.
  if (engine === 'aurora-postgresql') return { param: 'rds.force_ssl', versionParam: 'ssl_min_protocol_version', defaultOn: () => false };
  if (engine === 'mysql') return { param: 'require_secure_transport', versionParam: 'tls_version', defaultOn: (v) => (!v ? undefined : v[0]! < 9 ? false : ver(v, 9, 7) ? true : undefined) };
  if (engine === 'mariadb') return { param: 'require_secure_transport', versionParam: 'tls_version', defaultOn: (v) => (!v ? undefined : !ver(v, 11, 5) ? false : ver(v, 11, 8) ? true : undefined) };
  if (engine === 'aurora-mysql' || engine === 'aurora') return { param: 'require_secure_transport', versionParam: 'tls_version', defaultOn: () => false };
  if (engine.startsWith('sqlserver')) return { param: 'rds.force_ssl', defaultOn: () => false };
  return undefined;
}

/** `"15.4"` → [15, 4]; Aurora MySQL `8.0.mysql_aurora.3.05.2` → [8, 0]. */
function parseVersion(v: unknown): number[] | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const m = /^(\d+)(?:\.(\d+))?/.exec(String(v));
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : undefined;
}

const on = (v: unknown) => v === 1 || v === true || (typeof v === 'string' && /^(1|on|true)$/i.test(v.trim()));

/** Versions a `tls_version` / `ssl_min_protocol_version` value lets in: the lowest, as x.y. */
function lowestAllowed(param: string, value: unknown): TlsVersion | undefined {
  const s = String(value);
  if (param === 'ssl_min_protocol_version') {
    const m = /^TLSv1(?:\.([0-3]))?$/i.exec(s.trim());
    return m ? (`1.${m[1] ?? '0'}` as TlsVersion) : undefined;
  }
  let lowest: TlsVersion | undefined;
  for (const part of s.split(',')) {
    const m = /^TLSv1(?:\.([0-3]))?$/i.exec(part.trim());
    if (!m) return undefined;
    const v = `1.${m[1] ?? '0'}` as TlsVersion;
    if (!lowest || TLS_RANK[v] < TLS_RANK[lowest]) lowest = v;
  }
  return lowest;
}

/**
 * A parameter group `Family` → engine and major version: `postgres16` →
 * postgres 16, `aurora-mysql8.0` → aurora-mysql 8.0, `sqlserver-se-15.0`,
 * `aurora5.6` (Aurora MySQL 1). A group only applies to its family's engine,
 * so the family names the engine when the database itself does not say.
 */
export function engineOfFamily(familyName: unknown): { engine: string; version?: number[] } | undefined {
  if (typeof familyName !== 'string') return undefined;
  const m = /^(aurora-postgresql|aurora-mysql|aurora|postgres|mysql|mariadb|sqlserver-(?:ee|se|ex|web)|oracle-(?:ee|se2|ee-cdb|se2-cdb)|custom-[a-z0-9-]+?|db2-(?:ae|se))-?(\d+(?:\.\d+)?)$/.exec(familyName.trim().toLowerCase());
  if (!m) return undefined;
  return { engine: m[1]!, version: parseVersion(m[2]) };
}

export function judgeRdsTls(r: Resource, inventory: Inventory, groupProp: string, floor: TlsVersion): Verdict {
  const groups = inventory.related(r, 'parameterGroup');
  // The database may leave its engine unresolved or unsaid (restored from a snapshot, a replica);
  // the family of the parameter group it uses then says which engine reads the group.
  const rawEngine = get(r.properties, 'Engine');
  const fromFamily = (rawEngine === undefined || isUnresolved(rawEngine)) && groups[0] ? engineOfFamily(get(groups[0].properties, 'Family')) : undefined;
  const engine = fromFamily ? fromFamily.engine : String(known(r, 'Engine') ?? '').toLowerCase();
  const fam = family(engine);
  const engineEv = fromFamily
    ? ev(`${groups[0]!.name ?? groups[0]!.id}.Family`, get(groups[0]!.properties, 'Family'), undefined, `engine read from the parameter group family${rawEngine === undefined ? '' : ` (Engine is ${describe(rawEngine)})`}`)
    : ev('Engine', engine || null);
  if (!fam) return unknown(`engine ${engine || '(none)'}: vouch has no TLS-enforcement parameter for it (Oracle and Db2 enforce TLS through option groups or listeners)`, engineEv);
  const rawVersion = get(r.properties, 'EngineVersion');
  const version = fromFamily && (rawVersion === undefined || isUnresolved(rawVersion)) ? fromFamily.version : parseVersion(known(r, 'EngineVersion'));
  const groupName = known(r, groupProp);
  let value: unknown;
  let versionValue: unknown;
  let where: string;
  if (groups.length > 0) {
    const g = groups[0]!;
    // The group's parameters come from a second call (DescribeDB[Cluster]Parameters): when it failed,
    // an empty list is not "nothing set", so the engine default must not be assumed.
    const gap = gapFor(g, 'Parameters');
    if (gap) return unknown(`the parameters of parameter group ${g.name ?? g.id} were not read (${gap}): whether it forces TLS is not known`, engineEv, ev(`${g.name ?? g.id}.Parameters`, null, fam.param === 'rds.force_ssl' ? 'rds.force_ssl 1' : 'require_secure_transport ON', gap));
    const params = must(g.properties.Parameters, `${g.name ?? g.id}.Parameters`) as Record<string, unknown> | undefined;
    value = must(params?.[fam.param], `${g.name ?? g.id}.Parameters.${fam.param}`);
    versionValue = fam.versionParam ? must(params?.[fam.versionParam], `${g.name ?? g.id}.Parameters.${fam.versionParam}`) : undefined;
    where = `parameter group ${g.name ?? g.id}`;
  } else if (groupName === undefined || (typeof groupName === 'string' && groupName.startsWith('default.'))) {
    where = groupName ? `default parameter group ${groupName}` : 'the default parameter group';
  } else {
    return unknown(`parameter group ${JSON.stringify(describe(groupName))} is not defined in this template: its ${fam.param} cannot be read`, ev(groupProp, groupName));
  }
  const evidence: EvidenceItem[] = [engineEv];
  let forced: boolean | undefined;
  if (value !== undefined) {
    forced = on(value);
    evidence.push(ev(`${where}: ${fam.param}`, value, fam.param === 'rds.force_ssl' ? '1' : 'ON'));
  } else {
    forced = fam.defaultOn(version);
    const versionText = version ? version.join('.') : 'unspecified';
    evidence.push(
      ev(`${where}: ${fam.param}`, null, fam.param === 'rds.force_ssl' ? '1' : 'ON', `not set: engine default for ${engine} ${versionText} is ${forced === undefined ? 'not known to vouch' : forced ? 'on' : 'off'}`),
    );
    if (forced === undefined)
      return unknown(`${where} does not set ${fam.param}, and vouch does not know the ${engine} ${versionText} default`, ...evidence);
  }
  if (!forced) return fail(`${where} does not force TLS (${fam.param} off): clients may connect without encryption`, ...evidence);
  if (fam.versionParam && versionValue !== undefined) {
    const lowest = lowestAllowed(fam.versionParam, versionValue);
    evidence.push(ev(`${where}: ${fam.versionParam}`, versionValue, `TLS ${floor} or newer`));
    if (!lowest) return unknown(`${where}: ${fam.versionParam} value is not one vouch can classify`, ...evidence);
    if (TLS_RANK[lowest] < TLS_RANK[floor]) return fail(`${where} forces TLS but allows TLS ${lowest}, below the promised ${floor}`, ...evidence);
    return pass(`${where} forces TLS ${lowest}+`, ...evidence);
  }
  // PostgreSQL before 13 accepted TLS 1.0 unless ssl_min_protocol_version says otherwise.
  if (fam.versionParam === 'ssl_min_protocol_version' && version && version[0]! < 13)
    return unknown(`${where} forces TLS, but ${engine} ${version.join('.')} accepts TLS below 1.2 unless ssl_min_protocol_version is set`, ...evidence);
  if (floor === '1.3')
    return unknown(`${where} forces TLS, but does not set ${fam.versionParam ?? 'a minimum TLS version'} to refuse TLS 1.2`, ...evidence);
  return pass(
    `${where} forces TLS on every connection`,
    ...evidence,
    ...(fam.versionParam
      ? [ev(`${where}: ${fam.versionParam}`, null, `TLS ${floor} or newer`, `not set: the engine's default minimum applies (PostgreSQL 13+ and current MySQL/MariaDB default to TLS 1.2); set it to pin the floor`)]
      : []),
  );
}

/**
 * A parameter group on its own: the TLS parameter its family reads, when the
 * group sets it. Not set: the databases that use the group are judged (the
 * engine default depends on their version).
 */
export function judgeParameterGroup(g: Resource, floor: TlsVersion): Verdict {
  const familyName = known(g, 'Family');
  const of = engineOfFamily(familyName);
  const familyEv = ev('Family', familyName ?? null);
  const fam = of ? family(of.engine) : undefined;
  if (!of || !fam) return notApplicable(`family ${String(familyName)}: no TLS-enforcement parameter vouch reads`, familyEv);
  const params = known(g, 'Parameters') as Record<string, unknown> | undefined;
  const value = must(params?.[fam.param], `Parameters.${fam.param}`);
  const want = fam.param === 'rds.force_ssl' ? '1' : 'ON';
  if (value === undefined || value === null) return notApplicable(`does not set ${fam.param}: judged on the databases that use it`, familyEv);
  const evidence = [familyEv, ev(`Parameters.${fam.param}`, value, want, `family ${String(familyName)} is engine ${of.engine}`)];
  if (!on(value)) return fail(`${fam.param} is ${String(value)}: databases using this group accept unencrypted connections`, ...evidence);
  const versionValue = fam.versionParam ? must(params?.[fam.versionParam], `Parameters.${fam.versionParam}`) : undefined;
  if (fam.versionParam && versionValue !== undefined && versionValue !== null) {
    const lowest = lowestAllowed(fam.versionParam, versionValue);
    evidence.push(ev(`Parameters.${fam.versionParam}`, versionValue, `TLS ${floor} or newer`));
    if (!lowest) return fail(`${fam.versionParam} ${JSON.stringify(versionValue)} is not a valid value`, ...evidence);
    if (TLS_RANK[lowest] < TLS_RANK[floor]) return fail(`forces TLS but allows TLS ${lowest}, below the promised ${floor}`, ...evidence);
  }
  return pass(`${fam.param} forces TLS for every database using this group`, ...evidence);
}
