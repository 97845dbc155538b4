import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { instanceLaunchTemplate } from '../../../src/lib/launch-templates.js';
import { known, ev, pass, fail, unknown, notApplicable, asRecord } from '../../../src/evaluate/facts.js';

/** HttpTokens `required` (or the metadata endpoint off) is IMDSv2-only. */
function judge(r: Resource, base: string) {
  const tokens = known(r, `${base}.HttpTokens`);
  const endpoint = known(r, `${base}.HttpEndpoint`);
  if (endpoint === 'disabled') return pass('the instance metadata endpoint is off', ev(`${base}.HttpEndpoint`, endpoint, 'disabled or HttpTokens required'));
  const e = ev(`${base}.HttpTokens`, tokens ?? null, 'required', tokens === undefined ? 'omitted: the AMI and account defaults decide, which usually still allow IMDSv1' : undefined);
  if (tokens === 'required') return pass('instance metadata requires session tokens (IMDSv2 only)', e);
  return fail(tokens === 'optional' ? 'instance metadata accepts IMDSv1 requests (HttpTokens optional)' : 'IMDSv2 is not required (HttpTokens not set to required)', e);
}

/** CIS AWS 5.6 / FSBP EC2.8. */
export default defineRule({
  id: 'platform-hardening/aws-ec2-imdsv2',
  control: 'platform-hardening',
  title: 'EC2 instances and launch templates require IMDSv2 (session tokens) for instance metadata',
  severity: 'high',
  risk: 'IMDSv1 answers any request from the instance, so a server-side request forgery in an application hands out the instance role credentials.',
  remediation: {
    text: 'Set HttpTokens to required on instances and launch templates (after checking the software on them uses IMDSv2-aware SDKs).',
    cdk: "new ec2.Instance(this, 'Host', { ..., requireImdsv2: true })",
    cloudformation: 'Type: AWS::EC2::LaunchTemplate\nProperties:\n  LaunchTemplateData:\n    MetadataOptions: { HttpTokens: required }',
    cli: 'aws ec2 modify-instance-metadata-options --instance-id ID --http-tokens required --http-endpoint enabled',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html'],
  types: ['aws.ec2.instance', 'aws.ec2.launch-template'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    if (r.type === 'aws.ec2.launch-template') return judge(r, 'LaunchTemplateData.MetadataOptions');
    if (r.source === 'live') {
      const state = known(r, 'Live.State');
      if (state === 'terminated' || state === 'shutting-down') return notApplicable(`instance is ${String(state)}`, ev('Live.State', state));
      if (known(r, 'MetadataOptions') === undefined) return unknown('DescribeInstances returned no MetadataOptions', ev('MetadataOptions', null, '{ HttpTokens: required }'));
      return judge(r, 'MetadataOptions');
    }
    // AWS::EC2::Instance carries MetadataOptions of its own (they override a launch template's);
    // without them the options come from its launch template.
    if (r.properties.MetadataOptions !== undefined) return judge(r, 'MetadataOptions');
    if (r.properties.LaunchTemplate !== undefined) {
      const lt = instanceLaunchTemplate(r, inventory);
      if (lt)
        return notApplicable(`metadata options come from its launch template ${lt.name ?? lt.id} (judged on the template)`, ev('LaunchTemplate', asRecord(r.properties.LaunchTemplate)));
      return unknown('metadata options come from a launch template defined outside this template', ev('LaunchTemplate', r.properties.LaunchTemplate));
    }
    return fail('the instance has no launch template setting HttpTokens: required, so IMDSv1 stays available', ev('LaunchTemplate', null, 'a launch template with MetadataOptions.HttpTokens required'));
  },
});
