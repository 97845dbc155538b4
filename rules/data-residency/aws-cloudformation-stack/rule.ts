import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, unknown, text, notApplicable } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { judgeRegion, noAllowedRegions } from '../_region.js';

export default defineRule({
  id: 'data-residency/aws-cloudformation-stack',
  control: 'data-residency',
  title: 'Every stack deploys to an allowed region',
  severity: 'high',
  risk: 'Every resource of a stack lives in the stack’s region; a stack deployed outside the promised jurisdictions processes and stores data where the policy says it never is.',
  remediation: {
    text: 'Deploy the stack to an allowed region: pin env.region in CDK (environment-agnostic stacks cannot be judged), or pass --region for bare templates.',
    cdk: "new MyStack(app, 'Prod', { env: { account: '123456789012', region: 'eu-central-1' } })",
    cloudformation: 'aws cloudformation deploy --region eu-central-1 --template-file template.yaml --stack-name prod',
  },
  references: ['https://docs.aws.amazon.com/cdk/v2/guide/environments.html'],
  types: ['aws.cloudformation.stack'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const na = noAllowedRegions(params);
    if (na) return na;
    // A StackSet's instances deploy where its StackInstancesGroup says: judged on the StackSet itself.
    const stackSet = get(r.properties, 'StackSet');
    if (typeof stackSet === 'string')
      return notApplicable(`stack deployed by StackSet ${stackSet}: the regions of its instances are judged on the StackSet (data-residency/aws-cross-region-delivery)`);
    const region = get(r.properties, 'Region');
    if (region === undefined || region === null || isUnresolved(region))
      return unknown('the stack’s region is not known: an environment-agnostic CDK stack or a bare template; pin env.region or pass --region', ev('Region', region ?? null, (params.allowedRegions ?? []).join(', ')));
    return judgeRegion('aws', text(region), params, 'Region', `stack ${r.name ?? r.id}`);
  },
});
