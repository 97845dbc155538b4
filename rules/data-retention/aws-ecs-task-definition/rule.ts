import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { must, asArray, get, ev, text, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { judgeRetention } from '../_datasets.js';

/**
 * A container whose awslogs driver sets `awslogs-create-group: true` makes the driver create its log
 * group at the first run (logs:CreateLogGroup) with no retention policy, and CloudWatch Logs keeps the
 * events of such a group indefinitely (Amazon ECS developer guide, "Using the awslogs log driver":
 * awslogs-create-group; CloudWatch Logs PutRetentionPolicy: a group without one never expires). A group
 * the templates declare (an AWS::Logs::LogGroup or CDK's Custom::LogRetention naming it, or a Ref to
 * one) is judged there (data-retention/aws-logs-log-group); an undeclared one is judged here, on its name
 * against the claims profile's data sets, as the log group would be. Labels: scout36 OrdersTask (an
 * audit sidecar creating /ecs/.../audit-sidecar-request-logs: fail), the only implicit log group of the
 * corpus whose name matches a data set (fixAP count over every set's ECS, Lambda and CodeBuild
 * resources: 1 case, labelled fail; no case labelled the other way). Without create-group the group must
 * already exist, made elsewhere: not judged here.
 */
export default defineRule({
  id: 'data-retention/aws-ecs-task-definition',
  control: 'data-retention',
  title: 'ECS awslogs drivers do not create never-expiring log groups for a named data set',
  severity: 'medium',
  risk: 'awslogs-create-group makes the log driver create the group with no retention: CloudWatch Logs keeps the data set\'s events forever, past the promised deletion.',
  remediation: {
    text: 'Declare the log group (AWS::Logs::LogGroup with RetentionInDays within the data set\'s limit), point awslogs-group at it and drop awslogs-create-group.',
    cdk: "new ecs.AwsLogDriver({ streamPrefix: 'api', logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }) })",
    cloudformation: 'LogConfiguration:\n  LogDriver: awslogs\n  Options:\n    awslogs-group: !Ref RequestLogGroup   # AWS::Logs::LogGroup with RetentionInDays: 30\n    awslogs-region: !Ref AWS::Region\n    awslogs-stream-prefix: api',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html',
    'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html',
  ],
  types: ['aws.ecs.task-definition'],
  sources: ['iac'],
  check(r, { params, inventory }) {
    const out: Verdict[] = [];
    asArray(must(r.properties.ContainerDefinitions, 'ContainerDefinitions')).forEach((raw, i) => {
      const path = `ContainerDefinitions[${i}].LogConfiguration`;
      const c = must(raw, `ContainerDefinitions[${i}]`);
      const name = typeof get(c, 'Name') === 'string' ? (get(c, 'Name') as string) : `#${i}`;
      const lc = must(get(c, 'LogConfiguration'), path);
      if (lc === undefined || lc === null) return;
      const driver = must(get(lc, 'LogDriver'), `${path}.LogDriver`);
      if (driver !== 'awslogs') return;
      const opts = must(get(lc, 'Options'), `${path}.Options`);
      const create = must(get(opts, 'awslogs-create-group'), `${path}.Options.awslogs-create-group`);
      // The Docker awslogs driver reads the option with Go's strconv.ParseBool: 1, t, T, TRUE, true, True.
      if (create === undefined || create === null || !PARSE_BOOL_TRUE.has(text(create))) return;
      const group = get(opts, 'awslogs-group');
      const groupPath = `${path}.Options.awslogs-group`;
      const subId = `Container:${name}`;
      if (group === undefined || group === null) {
        out.push({ ...unknown(`container ${name}: awslogs-create-group is true but awslogs-group is not set`, ev(groupPath, null)), subId });
        return;
      }
      if (isRef(group)) return; // the template's own log group: judged there
      const declared = declaredGroup(group, r, inventory);
      if (declared === 'yes') return;
      if (declared === 'maybe') {
        out.push({ ...unknown(`container ${name}: the driver creates ${shown(group)} unless a log group the templates declare with a name vouch cannot resolve is that group`, ev(groupPath, group)), subId });
        return;
      }
      const implicit: Resource = { ...r, type: 'aws.logs.log-group', properties: { LogGroupName: group } };
      const kept = () => ({
        hours: Infinity,
        evidence: ev(`${path}.Options.awslogs-create-group`, create, undefined, `the awslogs driver creates ${shown(group)} with no retention: CloudWatch Logs keeps its events indefinitely`),
      });
      const v = judgeRetention(implicit, params, 'LogGroupName', kept, implicit, inventory);
      if (v.status === 'not-applicable') return;
      out.push({ ...v, message: `container ${name} (log group ${shown(group)}, created by the driver): ${v.message}`, subId });
    });
    if (out.length === 0) return notApplicable('no container has the awslogs driver create a log group the templates do not declare');
    return out;
  },
});

const PARSE_BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

function shown(group: unknown): string {
  return typeof group === 'string' ? group : isUnresolved(group) ? `<${group.expression}>` : text(group);
}

/** Whether the templates declare the named group (yes), may (a declared group's name is unresolved), or not. */
function declaredGroup(group: unknown, r: Resource, inventory: Inventory): 'yes' | 'maybe' | 'no' {
  let maybe = false;
  for (const t of ['aws.logs.log-group', 'aws.custom.custom-log-retention']) {
    for (const g of inventory.ofType(t)) {
      const n = get(g.properties, 'LogGroupName');
      if (typeof n === 'string' && n === group) return 'yes';
      if (isUnresolved(n) && isUnresolved(group) && n.expression === group.expression && g.location.file === r.location.file) return 'yes';
      // A group of the same template whose name vouch cannot resolve may be this one; a generated name is not a name the driver was given.
      if (isUnresolved(n) && g.location.file === r.location.file) maybe = true;
    }
  }
  return maybe ? 'maybe' : 'no';
}
