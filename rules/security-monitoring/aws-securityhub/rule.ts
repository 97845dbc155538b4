import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** CIS AWS 4.16: Security Hub is enabled (securityhub:DescribeHub answers with a hub) in every region scanned. */
export default defineRule({
  id: 'security-monitoring/aws-securityhub',
  control: 'security-monitoring',
  title: 'AWS Security Hub is enabled in every region',
  severity: 'medium',
  risk: 'Without Security Hub, findings of GuardDuty, Inspector, Macie and the standards checks are not gathered in one place, and a region can drift unseen.',
  remediation: {
    text: 'Enable Security Hub in every enabled region (or centrally through the organization administrator account).',
    cli: 'aws securityhub enable-security-hub --region REGION',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html'],
  types: ['aws.securityhub.hub'],
  sources: ['live'],
  check(r) {
    const enabled = known(r, 'Enabled');
    const e = ev('Enabled', enabled ?? null, true, enabled === false ? 'securityhub:DescribeHub: the account is not subscribed to Security Hub in this region' : undefined);
    return enabled === true ? pass(`Security Hub is enabled (${String(r.properties.HubArn ?? 'hub')})`, e) : fail('Security Hub is not enabled in the region', e);
  },
});
