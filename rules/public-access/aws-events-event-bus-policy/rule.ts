import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';
import { definite, shown } from '../_principal.js';

/**
 * An event bus policy is written either as one `Statement` (read like any
 * resource policy) or in the older form `Principal` + `Condition { Type, Key,
 * Value }`, where Principal "*" must be narrowed by the organization
 * (`aws:PrincipalOrgID`), or the bus accepts events from every AWS account.
 */
export default defineRule({
  id: 'public-access/aws-events-event-bus-policy',
  control: 'public-access',
  title: 'EventBridge bus policies do not accept events from every AWS account',
  severity: 'high',
  risk: 'A bus that lets "*" put events runs its rules, and the targets behind them (functions, queues, workflows), on events anyone with an AWS account can forge.',
  remediation: {
    text: 'Grant events:PutEvents to named accounts, or keep "*" with a Condition on aws:PrincipalOrgID.',
    cdk: "bus.grantPutEventsTo(new iam.AccountPrincipal('444455556666'))",
    cloudformation: 'Type: AWS::Events::EventBusPolicy\nProperties:\n  EventBusName: !Ref Bus\n  StatementId: org\n  Statement:\n    Effect: Allow\n    Principal: "*"\n    Action: events:PutEvents\n    Resource: !GetAtt Bus.Arn\n    Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123 } }',
  },
  references: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html'],
  types: ['aws.events.event-bus-policy'],
  sources: ['iac'],
  check(r) {
    const statement = known(r, 'Statement');
    if (statement !== undefined && statement !== null) return judgePublicPolicy({ Statement: [statement] }, { path: 'Statement', what: 'put events on the bus' });
    const principal = definite(r, 'Principal');
    const e = ev('Principal', principal ?? null, 'an account id, or "*" with Condition aws:PrincipalOrgID');
    if (principal !== '*') return pass(`events accepted from ${shown(principal)}`, e);
    const key = known(r, 'Condition.Key');
    const value = known(r, 'Condition.Value');
    if (typeof key === 'string' && key.toLowerCase() === 'aws:principalorgid' && value) return pass('events accepted from every account of one organization', e, ev('Condition', { key, value }));
    return fail('the bus accepts events from every AWS account (Principal "*", no organization condition)', e, ev('Condition', key ?? null, 'Key aws:PrincipalOrgID'));
  },
});
