import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, get, ev, unknown } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { judgeRegion, noAllowedRegions, offendersOrPass } from '../_region.js';

export default defineRule({
  id: 'data-residency/aws-dynamodb-global-table',
  control: 'data-residency',
  title: 'DynamoDB global table replicas are all in allowed regions',
  severity: 'high',
  risk: 'Each replica of a global table holds all of its items; one replica outside the allowed regions stores customer data outside the promised jurisdictions.',
  remediation: {
    text: 'Remove replicas in regions the policy does not allow.',
    cdk: "new dynamodb.TableV2(this, 'T', { partitionKey, replicas: [{ region: 'eu-central-1' }] })",
    cloudformation: 'Replicas:\n  - Region: eu-west-1\n  - Region: eu-central-1',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-globaltable.html'],
  types: ['aws.dynamodb.global-table'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const na = noAllowedRegions(params);
    if (na) return na;
    const replicas = asArray(known(r, 'Replicas'));
    if (replicas.length === 0) return unknown('no replicas listed', ev('Replicas', null));
    const out: Verdict[] = [];
    // Each replica is judged on its own: a replica whose region is unresolved (`!Ref AWS::Region` in a
    // bare template) does not hide another replica in a known region outside the allowed set; that one
    // fails the table. Unknown only when no known replica breaks the promise and some replica is unread.
    replicas.forEach((raw, i) => {
      const path = `Replicas[${i}].Region`;
      const region = isUnresolved(raw) ? raw : get(raw, 'Region');
      if (isUnresolved(region)) out.push({ ...unknown(`replica ${i}'s region depends on ${region.expression}, which cannot be resolved`, ev(path, region.expression)), subId: `Replicas[${i}]` });
      else if (typeof region !== 'string') out.push({ ...unknown(`replica ${i} has no readable region`, ev(path, region ?? null)), subId: `Replicas[${i}]` });
      else out.push({ ...judgeRegion('aws', region, params, path, `replica ${region}`), subId: `Replica:${region}` });
    });
    const fails = out.filter((v) => v.status === 'fail');
    if (fails.length) return fails;
    return offendersOrPass(out);
  },
});
