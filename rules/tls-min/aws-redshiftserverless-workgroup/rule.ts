import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, asArray, asRecord, text, describe } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const EXPECTED = 'require_ssl true';

/**
 * A Redshift Serverless workgroup has no parameter group: `require_ssl` is one
 * of its ConfigParameters. AWS documents the parameter (CreateWorkgroup,
 * Security Hub RedshiftServerless.2) but not, for Serverless, the value a
 * workgroup gets when it is left out, so an omitted `require_ssl` is unknown,
 * never a pass on a guessed default.
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
    if (at === undefined)
      return unknown(
        'the workgroup does not set require_ssl, and AWS does not document the Redshift Serverless default',
        ev('ConfigParameters: require_ssl', null, EXPECTED, 'omitted: no documented default for Redshift Serverless workgroups, so whether plaintext connections are refused cannot be read from the template'),
      );
    const v = text(value).trim().toLowerCase();
    if (v !== 'true' && v !== 'false')
      return fail(`require_ssl ${JSON.stringify(describe(value))} is not a valid value`, ev(at, value, EXPECTED, notAValidValue('require_ssl', text(value), 'true or false')));
    const evidence = ev(at, value, EXPECTED);
    if (v === 'false') return fail('the workgroup does not require TLS (require_ssl false): clients may connect unencrypted', evidence);
    if (params.tlsMin === '1.3') return unknown('the workgroup requires TLS, but Redshift Serverless has no parameter that refuses TLS 1.2', evidence);
    return pass('the workgroup requires TLS on every connection (require_ssl true)', evidence);
  },
});
