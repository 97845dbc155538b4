import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, asArray } from '../../../src/evaluate/facts.js';
import { judgeEntry, noEchoParametersOf } from '../_values.js';

export default defineRule({
  id: 'secrets-encrypted/aws-ecs-task-definition',
  control: 'secrets-encrypted',
  title: 'ECS container environments hold no plain-text secrets',
  severity: 'high',
  risk: 'Tokens in ContainerDefinitions[].Environment are stored in the task definition in plain text and shown to anyone who can describe it.',
  remediation: {
    text: 'Move secrets to ContainerDefinitions[].Secrets with ValueFrom a Secrets Manager secret or SSM SecureString parameter; ECS injects them at start.',
    cdk: "taskDefinition.addContainer('App', { ..., secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') } })",
    cloudformation: 'Secrets:\n  - Name: DB_PASSWORD\n    ValueFrom: !Sub "${DbSecret}:password::"',
  },
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html'],
  types: ['aws.ecs.task-definition'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const noEcho = noEchoParametersOf(r, inventory);
    const containers = asArray(known(r, 'ContainerDefinitions'));
    const verdicts: Verdict[] = [];
    let count = 0;
    containers.forEach((c, i) => {
      const container = (c ?? {}) as Record<string, unknown>;
      const cname = typeof container.Name === 'string' ? container.Name : `#${i}`;
      const env = asArray(must(container.Environment, `ContainerDefinitions[${i}].Environment`));
      env.forEach((e, j) => {
        const entry = (e ?? {}) as Record<string, unknown>;
        const path = `ContainerDefinitions[${i}].Environment[${j}]`;
        const name = must(entry.Name, `${path}.Name`);
        if (typeof name !== 'string') return;
        count++;
        const v = judgeEntry(r, name, entry.Value, `${path}.Value`, 'plain-text', noEcho);
        if (v && v.status !== 'pass') verdicts.push({ ...v, subId: `${cname}/${name}` });
      });
    });
    if (verdicts.length) return verdicts;
    return pass(`none of ${count} environment entries in ${containers.length} containers holds a literal secret`, ev('ContainerDefinitions[].Environment', `${count} entries`, 'no literal token, password or key (secrets belong in ContainerDefinitions[].Secrets)'));
  },
});
