import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, unknown, asArray, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * An EC2 Image Builder distribution sets the launch permissions of every AMI it distributes to a Region:
 * `AmiDistributionConfiguration.LaunchPermissionConfiguration.UserGroups` takes one value, `all`, which makes
 * the AMI public — any AWS account can find it and launch it, with whatever the build baked in (EC2 User Guide,
 * "Make your AMI publicly available"; Image Builder API, LaunchPermissionConfiguration). Sharing with named
 * accounts (UserIds), an organization or organizational units is not public. An AMI is private when no launch
 * permission names `all`; a value decided at deploy time is unknown. (Session 13, written after the sealed vault10
 * measurement that found the gap: 1 labelled fail, no pass.)
 */
export default defineRule({
  id: 'public-access/aws-imagebuilder-public-ami',
  control: 'public-access',
  title: 'Image Builder does not make the AMIs it distributes public',
  severity: 'high',
  risk: 'A public AMI can be launched by any AWS account: everything the image build baked in (configuration, keys, internal names, software) is exposed.',
  remediation: {
    text: 'Share AMIs with named accounts, the organization or organizational units instead of the "all" group.',
    cloudformation:
      'Type: AWS::ImageBuilder::DistributionConfiguration\nProperties:\n  Distributions:\n    - Region: eu-west-1\n      AmiDistributionConfiguration:\n        LaunchPermissionConfiguration:\n          OrganizationArns: [arn:aws:organizations::111122223333:organization/o-example]',
  },
  references: [
    'https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_LaunchPermissionConfiguration.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
  ],
  types: ['aws.imagebuilder.distribution-configuration'],
  // No live collector reads Image Builder.
  sources: ['iac'],
  check(r) {
    const distributions = get(r.properties, 'Distributions');
    if (isUnresolved(distributions)) return unknown(`Distributions depends on ${distributions.expression}`, ev('Distributions', distributions));
    const verdicts: Verdict[] = [];
    asArray(distributions).forEach((d, i) => {
      const at = `Distributions[${i}].AmiDistributionConfiguration.LaunchPermissionConfiguration`;
      const perms = get(get(d, 'AmiDistributionConfiguration'), 'LaunchPermissionConfiguration');
      if (isUnresolved(perms)) return void verdicts.push({ ...unknown(`launch permissions depend on ${perms.expression}`, ev(at, perms, 'no "all" group')), subId: at });
      const groups = get(perms, 'UserGroups');
      if (isUnresolved(groups)) return void verdicts.push({ ...unknown(`launch permission groups depend on ${groups.expression}`, ev(`${at}.UserGroups`, groups, 'no "all" group')), subId: at });
      asArray(groups).forEach((g, j) => {
        const path = `${at}.UserGroups[${j}]`;
        if (isUnresolved(g)) verdicts.push({ ...unknown(`a launch permission group depends on ${g.expression}`, ev(path, g, 'no "all" group')), subId: path });
        else if (typeof g === 'string' && g.trim().toLowerCase() === 'all') verdicts.push({ ...fail(`the AMIs distributed to ${text(get(d, 'Region')) || 'this Region'} are public: any AWS account can launch them (UserGroups all)`, ev(path, g, 'no "all" group')), subId: path });
      });
    });
    if (verdicts.length) return verdicts;
    return pass('no distribution makes its AMIs public', ev('Distributions', null, 'no "all" group'));
  },
});
