import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable, text, describe } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { groupRequireSsl, requireSslOn } from '../_redshift-ssl.js';

/**
 * A Redshift cluster parameter group on its own, as RDS and DocumentDB groups are: a group that
 * sets require_ssl false lets every cluster that uses it, in this stack or another, accept
 * plaintext connections (AWS Config redshift-require-tls-ssl judges AWS::Redshift::ClusterParameterGroup).
 * A group that does not set require_ssl is judged on the clusters that use it (tls-min/aws-redshift-cluster).
 */
export default defineRule({
  id: 'tls-min/aws-redshift-cluster-parameter-group',
  control: 'tls-min',
  title: 'Redshift parameter groups that set require_ssl turn it on',
  severity: 'high',
  risk: 'A cluster parameter group with require_ssl false lets every Redshift cluster that uses it accept unencrypted client connections.',
  remediation: {
    text: 'Set require_ssl to true in the parameter group.',
    cdk: "new redshift.CfnClusterParameterGroup(this, 'Params', { description: 'tls', parameterGroupFamily: 'redshift-2.0', parameters: [{ parameterName: 'require_ssl', parameterValue: 'true' }] })",
    cloudformation: 'Type: AWS::Redshift::ClusterParameterGroup\nProperties:\n  ParameterGroupFamily: redshift-2.0\n  Description: tls\n  Parameters:\n    - ParameterName: require_ssl\n      ParameterValue: "true"',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html', 'https://docs.aws.amazon.com/config/latest/developerguide/redshift-require-tls-ssl.html'],
  types: ['aws.redshift.cluster-parameter-group'],
  // No live collector reads Redshift: judged in templates only.
  sources: ['iac'],
  check(g, { params }) {
    const { family, value } = groupRequireSsl(g, 'this parameter group');
    const familyEv = ev('ParameterGroupFamily', family);
    if (value === undefined) return notApplicable(`does not set require_ssl: judged on the clusters that use it (family ${family} default)`, familyEv);
    const evidence = ev('Parameters: require_ssl', value, 'true');
    const on = requireSslOn(value);
    if (on === undefined) return fail(`require_ssl ${JSON.stringify(describe(value))} is not a valid value`, familyEv, ev('Parameters: require_ssl', value, 'true', notAValidValue('require_ssl', text(value), 'true or false')));
    if (!on) return fail('require_ssl false: clusters using this group accept unencrypted connections', familyEv, evidence);
    if (params.tlsMin === '1.3') return unknown('require_ssl true forces TLS, but Redshift has no parameter that refuses TLS 1.2', familyEv, evidence);
    return pass('require_ssl true: clusters using this group refuse unencrypted connections', familyEv, evidence);
  },
});
