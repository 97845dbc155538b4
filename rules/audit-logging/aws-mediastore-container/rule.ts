import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/** A MediaStore container logs its requests to CloudWatch Logs only with `AccessLoggingEnabled` true (default false). */
export default defineRule({
  id: 'audit-logging/aws-mediastore-container',
  control: 'audit-logging',
  title: 'MediaStore containers log access to CloudWatch Logs',
  severity: 'low',
  risk: 'Without access logs there is no record of who read, wrote or deleted the container\'s media.',
  remediation: {
    text: 'Set AccessLoggingEnabled: true (MediaStore writes to the /aws/mediastore/<container> log group through its service-linked role).',
    cloudformation: 'Type: AWS::MediaStore::Container\nProperties:\n  ContainerName: origin\n  AccessLoggingEnabled: true',
  },
  references: [
    'https://docs.aws.amazon.com/mediastore/latest/ug/monitoring-cloudwatch-logs.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mediastore-container.html',
  ],
  types: ['aws.mediastore.container'],
  // No live collector reads MediaStore: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'AccessLoggingEnabled');
    const on = raw === undefined ? false : asBool(raw);
    const e = ev('AccessLoggingEnabled', raw ?? null, true, raw === undefined ? 'omitted: MediaStore does not log access (default false)' : undefined);
    if (on === undefined) return fail(`AccessLoggingEnabled ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('AccessLoggingEnabled', text(raw), 'true, false') });
    return on ? pass('container access is logged to CloudWatch Logs', e) : fail('container access is not logged', e);
  },
});
