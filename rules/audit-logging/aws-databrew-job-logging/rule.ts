import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const LOG_SUBSCRIPTIONS = ['ENABLE', 'DISABLE'];

/**
 * A DataBrew job (profile or recipe) writes one CloudWatch Logs stream per run only while
 * `LogSubscription` is ENABLE ("Enables or disables Amazon CloudWatch logging for the job",
 * CreateRecipeJob / CreateProfileJob). DISABLE leaves no record of what a run read, changed or wrote
 * (as a DMS task with EnableLogging false). Neither the API nor the CloudFormation reference names a
 * default for an omitted value, so that is unknown, never a pass.
 */
export default defineRule({
  id: 'audit-logging/aws-databrew-job-logging',
  control: 'audit-logging',
  title: 'DataBrew jobs write their run logs to CloudWatch Logs',
  severity: 'low',
  risk: 'A job run with logging disabled leaves no log of the data it read, transformed and wrote, or of its failures: a change to sensitive data through DataBrew cannot be traced.',
  remediation: {
    text: 'Set LogSubscription: ENABLE on every DataBrew job.',
    cdk: "new databrew.CfnJob(this, 'Cleanup', { ..., logSubscription: 'ENABLE' })",
    cloudformation: 'Type: AWS::DataBrew::Job\nProperties:\n  LogSubscription: ENABLE',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-databrew-job.html',
    'https://docs.aws.amazon.com/databrew/latest/dg/API_CreateRecipeJob.html',
    'https://docs.aws.amazon.com/databrew/latest/dg/API_CreateProfileJob.html',
  ],
  types: ['aws.databrew.job'],
  // No live collector reads DataBrew: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'LogSubscription');
    const e = ev('LogSubscription', raw ?? null, 'ENABLE', raw === undefined ? 'omitted: no documented default' : undefined);
    if (raw === undefined) return unknown('LogSubscription is not set and DataBrew documents no default: whether job runs are logged is not known', e);
    const value = text(raw);
    if (!LOG_SUBSCRIPTIONS.includes(value)) return fail(`LogSubscription ${value} is not a valid value`, { ...e, note: notAValidValue('LogSubscription', value, LOG_SUBSCRIPTIONS.join(', ')) });
    return value === 'ENABLE' ? pass('job runs are logged to CloudWatch Logs (LogSubscription ENABLE)', e) : fail('job runs write no log (LogSubscription DISABLE)', e);
  },
});
