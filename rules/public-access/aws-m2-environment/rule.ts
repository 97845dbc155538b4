import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * An AWS Mainframe Modernization runtime environment (AWS::M2::Environment) with PubliclyAccessible true
 * gives the applications it runs (migrated CICS/batch workloads and their data) an address reachable from
 * the internet. An explicit true fails and an explicit false passes. Omitted, neither the CloudFormation
 * reference nor the CreateEnvironment API reference documents a default, so vouch does not guess: unknown
 * (as public-access/aws-dms-instance-profile does for its undocumented default).
 * Corpus (session 12, fixR): no AWS::M2::Environment in any set.
 */
export default defineRule({
  id: 'public-access/aws-m2-environment',
  control: 'public-access',
  title: 'Mainframe Modernization runtime environments are not publicly accessible',
  severity: 'high',
  risk: 'A publicly accessible runtime environment exposes migrated mainframe applications, and the data they serve, to connection attempts from the internet.',
  remediation: {
    text: 'Set PubliclyAccessible to false and reach the environment through the VPC (a load balancer, VPN or Direct Connect).',
    cdk: "new m2.CfnEnvironment(this, 'Runtime', { ..., publiclyAccessible: false })",
    cloudformation: 'Type: AWS::M2::Environment\nProperties:\n  PubliclyAccessible: false',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-m2-environment.html',
    'https://docs.aws.amazon.com/m2/latest/APIReference/API_CreateEnvironment.html',
  ],
  types: ['aws.m2.environment'],
  // No live collector reads Mainframe Modernization.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'PubliclyAccessible');
    if (raw === undefined || raw === null)
      return unknown('PubliclyAccessible is not set and its default is not documented', ev('PubliclyAccessible', null, false, 'omitted: no documented default'));
    const e = ev('PubliclyAccessible', raw, false);
    const on = asBool(raw);
    if (on === undefined) return unknown(`PubliclyAccessible ${text(raw)} is not a boolean`, e);
    return on ? fail('the runtime environment is publicly accessible', e) : pass('the runtime environment is reachable only from its VPC', e);
  },
});
