/**
 * Does an RDS database refuse non-TLS connections? Read from its parameter
 * group (`parameterGroup` relation); a parameter not set there takes the
 * engine default for the engine version (controls-catalog 2.4).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict, EvidenceItem } from '../../src/evaluate/rule.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';
import { known, must, get, gapFor, ev, pass, fail, unknown, describe, notApplicable, NeedsValue } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';
import { TLS_RANK, notAValidValue } from '../../src/lib/tls.js';

interface Family {
  /** Parameter that forces TLS. */
  param: 'rds.force_ssl' | 'require_secure_transport';
  /** Parameter that sets the lowest TLS version, if the engine has one. */
  versionParam?: 'ssl_min_protocol_version' | 'tls_version';
  /** Engine default for `param` by version: true (on), false (off), undefined (not known to vouch). */
  defaultOn(version: number[] | undefined): boolean | undefined;
  /** Why the default is, or is not, known when the template gives no EngineVersion. */
  unversioned: string;
}

const ver = (v: number[] | undefined, major: number, minor = 0) => !!v && (v[0]! > major || (v[0] === major && (v[1] ?? 0) >= minor));

/*
 * Engine defaults, each from the AWS documentation (the rules' references):
 * - RDS for PostgreSQL: rds.force_ssl is 1 from version 15, 0 before.
 * - Aurora PostgreSQL: rds.force_ssl defaults to 0 (knowledge center aurora-postgresql-ssl-certificates).
 * - RDS for MySQL: require_secure_transport is OFF for 8.4 and lower, ON for 9.7 (mysql-ssl-connections.require-ssl).
 *   9.7 is generally available, so a template without EngineVersion may get either: unknown.
 * - RDS for MariaDB: OFF for 11.4 and lower, ON for 11.8 and higher (mariadb-ssl-connections.require-ssl); 11.8 is
 *   supported, so without EngineVersion: unknown.
 * - Aurora MySQL: require_secure_transport defaults to OFF (AuroraMySQL.Security).
 * - SQL Server: rds.force_ssl defaults to 0 (SQLServer.Concepts.General.SSL.Using).
 * - Oracle and Db2 have no such parameter: see judgeOracle and judgeDb2.
 */
function family(engine: string): Family | undefined {
  if (engine === 'postgres')
    return {
      param: 'rds.force_ssl',
      versionParam: 'ssl_min_protocol_version',
      defaultOn: (v) => (v ? ver(v, 15) : undefined),
      unversioned: 'rds.force_ssl defaults to 1 from PostgreSQL 15 and to 0 before; the version RDS picks by default is not in the template',
    };
  if (engine === 'aurora-postgresql')
    return { param: 'rds.force_ssl', versionParam: 'ssl_min_protocol_version', defaultOn: () => false, unversioned: 'Aurora PostgreSQL defaults rds.force_ssl to 0 in every version' };
  if (engine === 'mysql')
    return {
      param: 'require_secure_transport',
      versionParam: 'tls_version',
      defaultOn: (v) => (!v ? undefined : v[0]! < 9 ? false : ver(v, 9, 7) ? true : undefined),
      unversioned: 'require_secure_transport defaults to OFF up to MySQL 8.4 and to ON from 9.7, and RDS offers both; the version RDS picks by default is not in the template',
    };
  if (engine === 'mariadb')
    return {
      param: 'require_secure_transport',
      versionParam: 'tls_version',
      defaultOn: (v) => (!v ? undefined : !ver(v, 11, 5) ? false : ver(v, 11, 8) ? true : undefined),
      unversioned: 'require_secure_transport defaults to OFF up to MariaDB 11.4 and to ON from 11.8, and RDS offers both; the version RDS picks by default is not in the template',
    };
  if (engine === 'aurora-mysql' || engine === 'aurora')
    return { param: 'require_secure_transport', versionParam: 'tls_version', defaultOn: () => false, unversioned: 'Aurora MySQL defaults require_secure_transport to OFF in every version' };
  if (engine.startsWith('sqlserver')) return { param: 'rds.force_ssl', defaultOn: () => false, unversioned: 'SQL Server defaults rds.force_ssl to 0 in every version' };
  return undefined;
}

/**
 * RDS for Oracle has no parameter that forces TLS: TLS comes from the SSL
 * option (a second, TCPS listener) and native network encryption from the
 * NATIVE_NETWORK_ENCRYPTION option, both added through an option group. The
 * default option group has neither, so clients connect in plaintext. A custom
 * option group is not read by vouch, and even with the SSL option the
 * plaintext listener stays open: unknown.
 */
function judgeOracle(r: Resource, engine: string, engineEv: EvidenceItem): Verdict {
  const group = known(r, 'OptionGroupName');
  const groupEv = ev('OptionGroupName', group ?? null, 'an option group with the SSL option (or NATIVE_NETWORK_ENCRYPTION with SQLNET.ENCRYPTION_SERVER REQUIRED)');
  if (group === undefined || group === null || (typeof group === 'string' && group.startsWith('default:')))
    return fail(`${engine}: the default option group has neither the SSL nor the native network encryption option, so clients connect in plaintext`, engineEv, {
      ...groupEv,
      note: group ? undefined : 'omitted: RDS uses the default option group for the engine',
    });
  return unknown(`${engine}: option group ${JSON.stringify(describe(group))} is not read by vouch; whether it adds the SSL or native network encryption option (and closes the plaintext listener) is not known`, engineEv, groupEv);
}

/**
 * RDS for Db2 enables TLS with the DB2COMM and SSL_SVCENAME parameters of a
 * custom parameter group (the default group cannot be changed and has no TLS
 * listener). DB2COMM TCPIP,SSL keeps the plaintext port open beside the TLS
 * one; only DB2COMM SSL refuses unencrypted connections.
 */
function judgeDb2(r: Resource, groups: Resource[], groupProp: string, engine: string, engineEv: EvidenceItem, floor: TlsVersion): Verdict {
  const groupName = known(r, groupProp);
  const g = groups[0];
  if (!g) {
    if (groupName === undefined || (typeof groupName === 'string' && groupName.startsWith('default.')))
      return fail(`${engine}: the default parameter group enables no TLS listener, so clients connect in plaintext`, engineEv, ev(groupProp, groupName ?? null, 'a parameter group with DB2COMM SSL', groupName ? undefined : 'omitted: RDS uses the default parameter group, which cannot enable TLS'));
    return unknown(`parameter group ${JSON.stringify(describe(groupName))} is not defined in this template: its DB2COMM cannot be read`, engineEv, ev(groupProp, groupName));
  }
  const gap = gapFor(g, 'Parameters');
  if (gap) return unknown(`the parameters of parameter group ${g.name ?? g.id} were not read (${gap})`, engineEv);
  const params = (must(g.properties.Parameters, `${g.name ?? g.id}.Parameters`) ?? {}) as Record<string, unknown>;
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'db2comm');
  const value = key ? must(params[key], `${g.name ?? g.id}.Parameters.${key}`) : undefined;
  const where = `parameter group ${g.name ?? g.id}`;
  const valueEv = ev(`${where}: DB2COMM`, value ?? null, 'SSL', value === undefined ? 'not set: Db2 listens on TCPIP (plaintext) only' : undefined);
  const protocols = typeof value === 'string' ? value.split(',').map((p) => p.trim().toUpperCase()) : [];
  if (protocols.length === 1 && protocols[0] === 'SSL') {
    // SSL_VERSIONS: TLSV1 (1.0/1.1), TLSV12, TLSV13; not set (NULL) means TLS 1.2 only from Db2 11.5.9, 1.0–1.2 before (IBM Db2 docs).
    const vKey = Object.keys(params).find((k) => k.toLowerCase() === 'ssl_versions');
    const vRaw = vKey ? must(params[vKey], `${g.name ?? g.id}.Parameters.${vKey}`) : undefined;
    let lowest: TlsVersion | undefined;
    let note: string;
    if (vRaw !== undefined && vRaw !== null && vRaw !== '') {
      const map: Record<string, TlsVersion> = { TLSV1: '1.0', TLSV12: '1.2', TLSV13: '1.3' };
      const parts = String(vRaw).split(',').map((p) => map[p.trim().toUpperCase()]);
      if (parts.some((p) => p === undefined)) return fail(`${where}: SSL_VERSIONS ${JSON.stringify(vRaw)} is not a valid value`, engineEv, valueEv, ev(`${where}: SSL_VERSIONS`, vRaw, `TLS ${floor} or newer`, notAValidValue('SSL_VERSIONS', String(vRaw), 'TLSV1, TLSV12, TLSV13, comma-separated')));
      lowest = (parts as TlsVersion[]).reduce((a, b) => (TLS_RANK[b] < TLS_RANK[a] ? b : a));
      note = `SSL_VERSIONS lets in TLS ${lowest} and newer`;
    } else {
      const v = parseDb2Version(known(r, 'EngineVersion'));
      lowest = v === undefined ? undefined : v >= 1105900 ? '1.2' : '1.0';
      note = v === undefined ? 'SSL_VERSIONS not set: Db2 11.5.9+ then allows TLS 1.2 only, earlier versions TLS 1.0 and 1.1 as well; the engine version is not known' : `SSL_VERSIONS not set: Db2 ${String(known(r, 'EngineVersion'))} then allows TLS ${lowest} and newer`;
    }
    const versionsEv = ev(`${where}: SSL_VERSIONS`, vRaw ?? null, `TLS ${floor} or newer`, note);
    if (!lowest) return unknown(`${where} accepts only TLS connections, but which TLS versions depends on the Db2 version`, engineEv, valueEv, versionsEv);
    if (TLS_RANK[lowest] < TLS_RANK[floor]) return fail(`${where} accepts only TLS connections, but allows TLS ${lowest}, below the promised ${floor}`, engineEv, valueEv, versionsEv);
    return pass(`${where} sets DB2COMM SSL: only TLS ${lowest}+ connections are accepted`, engineEv, valueEv, versionsEv);
  }
  return fail(
    protocols.includes('SSL') ? `${where} opens a TLS listener but keeps the plaintext TCPIP listener (DB2COMM ${String(value)})` : `${where} does not enable TLS (DB2COMM ${String(value ?? 'not set')})`,
    engineEv,
    valueEv,
  );
}

/**
 * Db2 `11.5.9.0.sb00000000.r1` → 1105900 (major·100000 + minor·1000 + fix pack·100 + mod). A version
 * without its fix pack (`11.5`) leaves the minor version to RDS: undefined.
 */
function parseDb2Version(v: unknown): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?/.exec(typeof v === 'string' ? v : '');
  return m ? Number(m[1]) * 100000 + Number(m[2]) * 1000 + Number(m[3]) * 100 + Number(m[4] ?? 0) : undefined;
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

/**
 * The source of a same-region read replica, when it is a DB instance of this template
 * (`SourceDBInstanceIdentifier: !Ref Database` or its GetAtt): a replica inherits the source's
 * storage encryption, engine and — unless it names its own — DB parameter group
 * (CreateDBInstanceReadReplica: "RDS uses the DBParameterGroup of the source DB instance for a
 * same Region read replica"). A cross-region replica (`SourceRegion` set) is not followed: it takes
 * the engine's default group there, and its encryption key is its own.
 */
export function sameRegionReplicaSource(r: Resource, inventory: Inventory): Resource | undefined {
  if (r.type !== 'aws.rds.db-instance') return undefined;
  const region = get(r.properties, 'SourceRegion');
  if (region !== undefined && region !== null && region !== '') return undefined;
  const sources = inventory.related(r, 'replicaSource').filter((s) => s.type === 'aws.rds.db-instance' && s.id !== r.id);
  return sources.length === 1 ? sources[0] : undefined;
}

export function judgeRdsTls(r: Resource, inventory: Inventory, groupProp: string, floor: TlsVersion, depth = 0): Verdict {
  // A same-region read replica of a template instance: with no parameter group of its own it uses the
  // source's (judged as the source is); with its own, the engine still is the source's.
  const source = depth < 5 && groupProp === 'DBParameterGroupName' ? sameRegionReplicaSource(r, inventory) : undefined;
  if (source) {
    const srcName = source.name ?? source.location?.logicalId ?? source.id;
    const srcEv = ev('SourceDBInstanceIdentifier', srcName, undefined, 'same-region read replica of a DB instance in this template');
    if (get(r.properties, 'DBParameterGroupName') === undefined) {
      // The source's group is the source's finding (labels.yaml house rule: a same-region replica
      // has no tls-min failure of its own); a replica of a source that passes passes with it.
      let v: Verdict;
      try {
        v = judgeRdsTls(source, inventory, groupProp, floor, depth + 1);
      } catch (e) {
        if (!(e instanceof NeedsValue)) throw e;
        v = unknown(e.message);
      }
      const message = `read replica of ${srcName}, whose parameter group it uses: ${v.message}`;
      if (v.status === 'pass') return { ...v, message, evidence: [srcEv, ...(v.evidence ?? [])] };
      return notApplicable(`${message} (judged on ${srcName}, not on the replica)`, srcEv, ...(v.evidence ?? []));
    }
    const raw = get(r.properties, 'Engine');
    if (raw === undefined || isUnresolved(raw)) {
      const merged: Resource = { ...r, properties: { ...r.properties, Engine: source.properties.Engine, EngineVersion: get(r.properties, 'EngineVersion') ?? source.properties.EngineVersion } };
      const v = judgeRdsTls(merged, inventory, groupProp, floor, depth + 1);
      return { ...v, message: `read replica of ${srcName} (its engine): ${v.message}`, evidence: [srcEv, ...(v.evidence ?? [])] };
    }
  }
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
  if (engine.startsWith('oracle')) return judgeOracle(r, engine, engineEv);
  if (engine.startsWith('db2')) return judgeDb2(r, groups, groupProp, engine, engineEv, floor);
  if (!fam) return unknown(`engine ${engine || '(none)'}: vouch has no TLS-enforcement parameter for it`, engineEv);
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
    const why = version ? `engine default for ${engine} ${versionText} is ${forced === undefined ? 'not known to vouch' : forced ? 'on' : 'off'}` : `no EngineVersion: ${fam.unversioned}`;
    evidence.push(ev(`${where}: ${fam.param}`, null, fam.param === 'rds.force_ssl' ? '1' : 'ON', `not set: ${why}`));
    if (forced === undefined)
      return unknown(
        version
          ? `${where} does not set ${fam.param}, and vouch does not know the ${engine} ${versionText} default`
          : `${where} does not set ${fam.param}, and without EngineVersion RDS picks its current default ${engine} version, whose default decides`,
        ...evidence,
      );
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
