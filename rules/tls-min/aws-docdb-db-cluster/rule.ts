import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import type { TlsVersion } from '../../../src/evaluate/claims-profile.js';
import { meetsFloor, notAValidValue } from '../../../src/lib/tls.js';
import { clusterParameter } from '../_cluster-parameter.js';

/** The lowest TLS version each `tls` value accepts; null: TLS off. FIPS 140-3 requires TLS 1.2 or newer. */
function lowestAccepted(v: string): TlsVersion | null | undefined {
  if (v === 'disabled') return null;
  if (v === 'enabled') return '1.0';
  if (v === 'tls1.2+' || v === 'fips-140-3') return '1.2';
  if (v === 'tls1.3+') return '1.3';
  return undefined;
}

export default defineRule({
  id: 'tls-min/aws-docdb-db-cluster',
  control: 'tls-min',
  title: 'DocumentDB clusters require TLS at the promised floor',
  severity: 'high',
  risk: 'With tls disabled a DocumentDB cluster accepts unencrypted connections; with the default value enabled it still accepts TLS 1.0 and 1.1.',
  remediation: {
    text: 'Use a cluster parameter group that sets tls to tls1.2+ (or tls1.3+ for a TLS 1.3 claim).',
    cdk: "new docdb.ClusterParameterGroup(this, 'Params', { family: 'docdb5.0', parameters: { tls: 'tls1.2+' } })",
    cloudformation: 'Type: AWS::DocDB::DBClusterParameterGroup\nProperties:\n  Family: docdb5.0\n  Description: TLS 1.2+\n  Parameters:\n    tls: tls1.2+',
  },
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html'],
  types: ['aws.docdb.db-cluster'],
  // No live collector reads DocumentDB: judged in templates only.
  sources: ['iac'],
  check(r, { inventory, params }) {
    const p = clusterParameter(r, inventory, 'tls');
    if (p.kind === 'outside') return unknown(`${p.where} is not defined in this template: its tls value cannot be read`, ev('DBClusterParameterGroupName', p.name));
    const expected = `tls1.2+ or stricter (TLS ${params.tlsMin} or newer)`;
    const set = p.kind === 'group' && p.value !== undefined;
    const value = set ? text(p.value).trim().toLowerCase() : 'enabled';
    const evidence = ev(`${p.where}: tls`, set ? p.value : null, expected, set ? undefined : 'not set: the DocumentDB default is enabled, which accepts TLS 1.0 through 1.3');
    const lowest = lowestAccepted(value);
    if (lowest === undefined) return fail(`tls ${JSON.stringify(value)} is not a valid value`, ev(`${p.where}: tls`, p.kind === 'group' ? p.value : null, expected, notAValidValue('tls', value, 'disabled, enabled, fips-140-3, tls1.2+ or tls1.3+')));
    if (lowest === null) return fail(`${p.where} turns TLS off: clients connect unencrypted`, evidence);
    return meetsFloor(lowest, params.tlsMin)
      ? pass(`${p.where} requires TLS ${lowest}+ (tls ${value})`, evidence)
      : fail(`${p.where} accepts TLS ${lowest} (tls ${value}), below the promised ${params.tlsMin}`, evidence);
  },
});
