import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { get } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { judgeOpenedByPolicies } from '../_opened-by-policy.js';
import { judgePublicPolicy } from '../_resource-policy.js';
import busPolicy from '../aws-events-event-bus-policy/rule.js';

const WHAT = 'put events on the bus';

/** Bus policies naming the bus: by Ref (related as `policy`), or by its literal name or ARN. */
function policiesOf(r: Resource, inventory: Inventory): Resource[] {
  const out = new Set(inventory.related(r, 'policy'));
  const name = get(r.properties, 'Name');
  if (typeof name === 'string' && name !== '' && name !== 'default') {
    for (const p of inventory.ofType('aws.events.event-bus-policy')) {
      if (p.location.stack !== r.location.stack) continue;
      const bus = get(p.properties, 'EventBusName');
      if (bus === name || (typeof bus === 'string' && bus.endsWith(`:event-bus/${name}`))) out.add(p);
    }
  }
  return [...out];
}

/**
 * The bus itself, judged by its own `Policy` and by the AWS::Events::EventBusPolicy resources that name
 * it (read as public-access/aws-events-event-bus-policy reads them): a bus anyone may put events on is
 * public, whichever resource carries the statement.
 */
export default defineRule({
  id: 'public-access/aws-events-event-bus',
  control: 'public-access',
  title: 'EventBridge buses do not accept events from every AWS account',
  severity: 'high',
  risk: 'A bus that its policy (inline or a separate EventBusPolicy) opens to "*" runs its rules, and the targets behind them, on events anyone with an AWS account can forge.',
  remediation: {
    text: 'Grant events:PutEvents to named accounts, or keep "*" with a Condition on aws:PrincipalOrgID.',
    cdk: "bus.grantPutEventsTo(new iam.AccountPrincipal('444455556666'))",
    cloudformation: 'Type: AWS::Events::EventBusPolicy\nProperties:\n  EventBusName: !Ref Bus\n  StatementId: org\n  Statement:\n    Effect: Allow\n    Principal: "*"\n    Action: events:PutEvents\n    Resource: !GetAtt Bus.Arn\n    Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123 } }',
  },
  references: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html'],
  types: ['aws.events.event-bus'],
  sources: ['iac'],
  check(r, ctx) {
    const out: Verdict[] = [];
    const inline = get(r.properties, 'Policy');
    let inlineVerdicts: Verdict[] = [];
    if (inline !== undefined && inline !== null) {
      const v = judgePublicPolicy(inline, { path: 'Policy', what: WHAT });
      inlineVerdicts = (Array.isArray(v) ? v : [v]).map((x) => ({ ...x, subId: `Policy/${x.subId ?? 'policy'}` }));
    }
    const opened = judgeOpenedByPolicies(r, ctx.inventory, { path: 'Statement', what: WHAT }, 'bus', {
      policies: policiesOf(r, ctx.inventory),
      judge: (p) => busPolicy.check(p as never, ctx),
    });
    out.push(...inlineVerdicts.filter((v) => v.status !== 'pass'));
    for (const v of opened === undefined ? [] : Array.isArray(opened) ? opened : [opened]) if (v.status !== 'pass') out.push(v);
    if (out.length) return out;
    const passes = [...inlineVerdicts, ...(opened === undefined ? [] : Array.isArray(opened) ? opened : [opened])];
    return passes.length ? passes : undefined;
  },
});
