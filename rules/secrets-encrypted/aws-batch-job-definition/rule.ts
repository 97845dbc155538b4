import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, asArray, asRecord } from '../../../src/evaluate/facts.js';
import type { TypedResource } from '../../../src/evaluate/property-paths.js';
import { judgeEntry, noEchoParametersOf } from '../_values.js';

/**
 * The environment lists of a Batch job definition, with the path each sits at:
 * the single-container job (ContainerProperties), the ECS-properties job
 * (EcsProperties.TaskProperties[].Containers[]), each node range of a
 * multi-node job (NodeProperties.NodeRangeProperties[].Container) and an EKS
 * job's pod containers (EksProperties.PodProperties.Containers[].Env).
 * Secrets[] entries (ValueFrom a secret store) are not environment values.
 */
function environments(r: TypedResource<'aws.batch.job-definition'>): { path: string; entries: unknown[] }[] {
  const out: { path: string; entries: unknown[] }[] = [];
  const add = (path: string, value: unknown) => {
    const entries = asArray(must(value, path));
    if (entries.length) out.push({ path, entries });
  };
  add('ContainerProperties.Environment', known(r, 'ContainerProperties.Environment'));
  asArray(known(r, 'EcsProperties.TaskProperties')).forEach((t, i) =>
    asArray(must(asRecord(t).Containers, `EcsProperties.TaskProperties[${i}].Containers`)).forEach((c, j) =>
      add(`EcsProperties.TaskProperties[${i}].Containers[${j}].Environment`, asRecord(c).Environment),
    ),
  );
  asArray(known(r, 'NodeProperties.NodeRangeProperties')).forEach((n, i) =>
    add(`NodeProperties.NodeRangeProperties[${i}].Container.Environment`, asRecord(asRecord(n).Container).Environment),
  );
  asArray(known(r, 'EksProperties.PodProperties.Containers')).forEach((c, i) => add(`EksProperties.PodProperties.Containers[${i}].Env`, asRecord(c).Env));
  return out;
}

export default defineRule({
  id: 'secrets-encrypted/aws-batch-job-definition',
  control: 'secrets-encrypted',
  title: 'Batch job definition environments hold no plain-text secrets',
  severity: 'high',
  risk: 'A password or token in a Batch job definition\'s Environment is stored in the job definition in plain text and shown to anyone who can call batch:DescribeJobDefinitions or describe a job run from it.',
  remediation: {
    text: 'Move the secret to Secrets (Name plus ValueFrom a Secrets Manager secret or SSM SecureString parameter); Batch injects it into the container at start.',
    cdk: "new batch.EcsFargateContainerDefinition(this, 'Loader', { ..., secrets: { WAREHOUSE_PASSWORD: batch.Secret.fromSecretsManager(warehouseSecret, 'password') } })",
    cloudformation: 'ContainerProperties:\n  Secrets:\n    - Name: WAREHOUSE_PASSWORD\n      ValueFrom: !Ref WarehouseSecret',
  },
  references: [
    'https://docs.aws.amazon.com/batch/latest/userguide/specifying-sensitive-data.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-batch-jobdefinition-containerproperties.html',
  ],
  types: ['aws.batch.job-definition'],
  // No live collector reads Batch yet: judged in templates only.
  sources: ['iac'],
  check(r, { inventory }) {
    const noEcho = noEchoParametersOf(r, inventory);
    const lists = environments(r);
    const verdicts: Verdict[] = [];
    let count = 0;
    for (const { path, entries } of lists) {
      entries.forEach((e, j) => {
        const entry = asRecord(e);
        const at = `${path}[${j}]`;
        const name = must(entry.Name, `${at}.Name`);
        if (typeof name !== 'string') return;
        count++;
        const v = judgeEntry(r, name, entry.Value, `${at}.Value`, 'plain-text', noEcho);
        if (v && v.status !== 'pass') verdicts.push({ ...v, subId: lists.length > 1 ? `${path.replace(/\.(Environment|Env)$/, '')}/${name}` : name });
      });
    }
    if (verdicts.length) return verdicts;
    return pass(
      `none of ${count} environment entries holds a literal secret`,
      ev('ContainerProperties.Environment', `${count} entries`, 'no literal token, password or key (secrets belong in Secrets, with ValueFrom)'),
    );
  },
});
