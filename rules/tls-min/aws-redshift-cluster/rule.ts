import { defineRule } from '../../../src/evaluate/rule.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text, describe } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { groupRequireSsl, requireSslOn } from '../_redshift-ssl.js';

const NOTE_V2 = 'since January 2025 new clusters without a parameter group use default.redshift-2.0, whose require_ssl is true';
/** require_ssl of the default group of each family; a custom group starts from its family's defaults. */
const familyDefault = (family: string): boolean | undefined => (family === 'redshift-2.0' ? true : family === 'redshift-1.0' ? false : undefined);

export default defineRule({
  id: 'tls-min/aws-redshift-cluster',
  control: 'tls-min',
  title: 'Redshift clusters refuse connections without TLS (require_ssl)',
  severity: 'high',
  risk: 'With require_ssl false a Redshift cluster accepts unencrypted client connections: queries, results and credentials cross the network in clear.',
  remediation: {
    text: 'Use a parameter group that sets require_ssl true (family redshift-2.0 does by default), or leave ClusterParameterGroupName unset so the cluster uses default.redshift-2.0.',
    cdk: "new redshift.CfnClusterParameterGroup(this, 'Params', { description: 'tls', parameterGroupFamily: 'redshift-2.0', parameters: [{ parameterName: 'require_ssl', parameterValue: 'true' }] })",
    cloudformation: 'Type: AWS::Redshift::ClusterParameterGroup\nProperties:\n  ParameterGroupFamily: redshift-2.0\n  Parameters:\n    - ParameterName: require_ssl\n      ParameterValue: "true"',
  },
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/parameter-group-overview.html',
  ],
  types: ['aws.redshift.cluster'],
  // No live collector reads Redshift: judged in templates only.
  sources: ['iac'],
  check(r, { inventory, params }) {
    const groupName = known(r, 'ClusterParameterGroupName');
    const group = inventory.related(r, 'parameterGroup')[0];
    const evidence: EvidenceItem[] = [];
    let required: boolean | undefined;
    let where: string;
    if (group) {
      where = `parameter group ${group.name ?? group.location.logicalId ?? group.id}`;
      const { family, value } = groupRequireSsl(group, where);
      if (value === undefined) {
        required = familyDefault(family);
        evidence.push(ev(`${where}: require_ssl`, null, 'true', `not set: family ${family} defaults to ${required === undefined ? 'a value vouch does not know' : String(required)}`));
        if (required === undefined) return unknown(`${where} (family ${family}) does not set require_ssl, and vouch does not know that family's default`, ...evidence);
      } else {
        evidence.push(ev(`${where}: require_ssl`, value, 'true'));
        required = requireSslOn(value);
        if (required === undefined) return fail(`require_ssl ${JSON.stringify(describe(value))} is not a valid value`, ev(`${where}: require_ssl`, value, 'true', notAValidValue('require_ssl', text(value), 'true or false')));
      }
    } else if (groupName === undefined || groupName === null) {
      where = 'the default parameter group';
      required = true;
      evidence.push(ev('ClusterParameterGroupName', null, 'a group with require_ssl true', `omitted: ${NOTE_V2}`));
    } else if (typeof groupName === 'string' && groupName.startsWith('default.') && familyDefault(groupName.slice('default.'.length)) !== undefined) {
      where = `default parameter group ${groupName}`;
      required = familyDefault(groupName.slice('default.'.length));
      evidence.push(ev('ClusterParameterGroupName', groupName, 'a group with require_ssl true', `${groupName} sets require_ssl ${String(required)}`));
    } else {
      return unknown(`parameter group ${JSON.stringify(describe(groupName))} is not defined in this template: its require_ssl cannot be read`, ev('ClusterParameterGroupName', groupName));
    }
    if (!required) return fail(`${where} does not require TLS (require_ssl false): clients may connect unencrypted`, ...evidence);
    if (params.tlsMin === '1.3') return unknown(`${where} requires TLS, but Redshift has no parameter that refuses TLS 1.2`, ...evidence);
    return pass(`${where} requires TLS on every connection`, ...evidence);
  },
});
