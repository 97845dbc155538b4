import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * An Amazon Connect instance writes its flow logs (one record per block a contact passed
 * through: prompts played, inputs, branches, transfers) to CloudWatch Logs only when its
 * CONTACTFLOW_LOGS attribute is on: `Attributes.ContactflowLogs` (omitted: off; the
 * console turns it on, CreateInstance and CloudFormation do not). FSBP Connect.2 and AWS
 * Config connect-instance-logging-enabled.
 */
export default defineRule({
  id: 'audit-logging/aws-connect-instance-flow-logs',
  control: 'audit-logging',
  title: 'Amazon Connect instances send flow logs to CloudWatch Logs',
  severity: 'low',
  risk: 'Without flow logs there is no record of how each call or chat was routed, what the customer entered and which queue or agent it reached.',
  remediation: {
    text: 'Set Attributes.ContactflowLogs to true on the instance.',
    cdk: "new connect.CfnInstance(this, 'Support', { identityManagementType: 'CONNECT_MANAGED', attributes: { inboundCalls: true, outboundCalls: true, contactflowLogs: true } })",
    cloudformation: 'Type: AWS::Connect::Instance\nProperties:\n  Attributes:\n    InboundCalls: true\n    OutboundCalls: true\n    ContactflowLogs: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-connect-instance-attributes.html',
    'https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/connect-instance-logging-enabled.html',
  ],
  types: ['aws.connect.instance'],
  // No live collector reads Amazon Connect: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'Attributes.ContactflowLogs');
    const item = ev('Attributes.ContactflowLogs', raw ?? null, true, raw === undefined || raw === null ? 'omitted: CloudFormation creates the instance with flow logs off' : undefined);
    const on = raw === undefined || raw === null ? false : asBool(raw);
    if (on === undefined) return fail(`ContactflowLogs ${text(raw)} is not a valid value`, { ...item, note: notAValidValue('ContactflowLogs', text(raw), 'true or false') });
    if (!on) return fail('flow logs are off: how contacts were routed is not logged', item);
    return pass('flow logs are sent to CloudWatch Logs', item);
  },
});
