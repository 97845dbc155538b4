import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const QUERY_LOG_STATUSES = ['ENABLED', 'DISABLED'];

/**
 * AWS Clean Rooms logs the queries run on shared data to CloudWatch Logs only when QueryLogStatus is
 * ENABLED: on a collaboration (the creator's logs of every query) and on a membership (the member's
 * logs of queries on its tables). DISABLED keeps no record of who queried what. The property is
 * required, so there is no default to fall back on. scout15 labels DISABLED fail on both.
 */
export default defineRule({
  id: 'audit-logging/aws-cleanrooms-query-logging',
  control: 'audit-logging',
  title: 'Clean Rooms collaborations and memberships log queries',
  severity: 'low',
  risk: 'Without query logs there is no record of which analyses collaborators ran on the shared data, for review or investigation.',
  remediation: {
    text: 'Set QueryLogStatus: ENABLED on the collaboration and on each membership (logs go to CloudWatch Logs in the member\'s account).',
    cdk: "new cleanrooms.CfnMembership(this, 'Membership', { collaborationIdentifier: collab.attrCollaborationIdentifier, queryLogStatus: 'ENABLED' })",
    cloudformation: 'Type: AWS::CleanRooms::Membership\nProperties:\n  QueryLogStatus: ENABLED',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cleanrooms-collaboration.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cleanrooms-membership.html',
    'https://docs.aws.amazon.com/clean-rooms/latest/userguide/query-logs.html',
  ],
  types: ['aws.cleanrooms.collaboration', 'aws.cleanrooms.membership'],
  // No live collector reads Clean Rooms.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'QueryLogStatus');
    const status = raw === undefined || raw === null ? undefined : text(raw).toUpperCase();
    const what = r.type === 'aws.cleanrooms.membership' ? 'membership' : 'collaboration';
    const e = ev('QueryLogStatus', raw ?? null, 'ENABLED', raw === undefined ? 'omitted: required; no query logging is configured' : undefined);
    if (status !== undefined && !QUERY_LOG_STATUSES.includes(status)) return fail(`QueryLogStatus ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('QueryLogStatus', text(raw), QUERY_LOG_STATUSES.join(', ')) });
    return status === 'ENABLED' ? pass(`the ${what} logs the queries run in it`, e) : fail(`the ${what} keeps no query logs`, e);
  },
});
