import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, asArray, asRecord, text, describe } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const EXPECTED = 'require_ssl true';

/**
 * A Redshift Serverless workgroup has no parameter group: `require_ssl` is one
 * of its ConfigParameters. A workgroup is created with require_ssl true: since
 * January 2025 Redshift requires SSL by default on new clusters and workgroups
 * (as default.redshift-2.0 for provisioned clusters), and CreateWorkgroup
 * refuses require_ssl false ("You can't disable require_ssl while the workgroup
 * is being created"; it can only be turned off by an update). So an omitted
 * `require_ssl` passes at a 1.2 floor; `false` (an update) fails.
 */
export default defineRule({
  id: 'tls-min/aws-redshiftserverless-workgroup',
  control: 'tls-min',
  title: 'Redshift Serverless workgroups refuse connections without TLS (require_ssl)',
  severity: 'high',
  risk: 'With require_ssl false a Redshift Serverless workgroup accepts unencrypted client connections: queries, results and credentials cross the network in clear.',
  remediation: {
    text: 'Set the workgroup ConfigParameters entry require_ssl to true.',
    cdk: "new redshiftserverless.CfnWorkgroup(this, 'Workgroup', { workgroupName: 'analytics', namespaceName: 'analytics', configParameters: [{ parameterKey: 'require_ssl', parameterValue: 'true' }] })",
    cloudformation: 'Type: AWS::RedshiftServerless::Workgroup\nProperties:\n  ConfigParameters:\n    - ParameterKey: require_ssl\n      ParameterValue: "true"',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-redshiftserverless-workgroup-configparameter.html',
    'https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateWorkgroup.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/redshiftserverless-controls.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/redshift-serverless-workgroup-encrypted-in-transit.html',
    'https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/2454',
  ],
  types: ['aws.redshiftserverless.workgroup'],
  // No live collector reads Redshift Serverless: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    let value: unknown;
    let at: string | undefined;
    asArray(known(r, 'ConfigParameters')).forEach((p, i) => {
      const entry = asRecord(must(p, `ConfigParameters[${i}]`));
      const key = text(must(entry.ParameterKey, `ConfigParameters[${i}].ParameterKey`)).trim().toLowerCase();
      if (key !== 'require_ssl') return;
      at = `ConfigParameters[${i}].ParameterValue`;
      value = must(entry.ParameterValue, at);
    });
    if (at === undefined) {
      const evidence = ev('ConfigParameters: require_ssl', null, EXPECTED, 'omitted: new workgroups require SSL (Redshift secure defaults since January 2025; CreateWorkgroup refuses require_ssl false)');
      if (params.tlsMin === '1.3') return unknown('the workgroup requires TLS by default, but Redshift Serverless has no parameter that refuses TLS 1.2', evidence);
      return pass('the workgroup requires TLS on every connection (require_ssl is true by default)', evidence);
    }
    const v = text(value).trim().toLowerCase();
    if (v !== 'true' && v !== 'false')
      return fail(`require_ssl ${JSON.stringify(describe(value))} is not a valid value`, ev(at, value, EXPECTED, notAValidValue('require_ssl', text(value), 'true or false')));
    const evidence = ev(at, value, EXPECTED);
    if (v === 'false') return fail('the workgroup does not require TLS (require_ssl false): clients may connect unencrypted', evidence);
    if (params.tlsMin === '1.3') return unknown('the workgroup requires TLS, but Redshift Serverless has no parameter that refuses TLS 1.2', evidence);
    return pass('the workgroup requires TLS on every connection (require_ssl true)', evidence);
  },
});
