import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';

/**
 * CIS AWS 1.6 / FSBP IAM.6. Live only: root MFA is on (GetAccountSummary) and
 * no virtual MFA device is assigned to the root user (ListVirtualMFADevices),
 * so the device is a hardware key or token.
 */
export default defineRule({
  id: 'mfa/aws-root-hardware-mfa',
  control: 'mfa',
  title: 'The AWS account root user uses a hardware MFA device, not a virtual one',
  severity: 'high',
  risk: 'A virtual MFA device lives on a phone or laptop that can be lost, cloned or compromised together with the password; a hardware key cannot be copied.',
  remediation: { text: 'Sign in as root, remove the virtual MFA device and register a FIDO security key or hardware TOTP token; keep it in a safe.' },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html'],
  types: ['aws.iam.account'],
  sources: ['live'],
  check(r) {
    const enabled = known(r, 'Live.AccountMFAEnabled');
    const virtual = known(r, 'Live.RootVirtualMfa');
    const e = [ev('Live.AccountMFAEnabled', enabled ?? null, true, 'iam:GetAccountSummary'), ev('Live.RootVirtualMfa', virtual ?? null, false, 'iam:ListVirtualMFADevices (assigned): a device of the root user')];
    if (enabled === false) return fail('the root user has no MFA device at all', ...e);
    if (enabled !== true || typeof virtual !== 'boolean') return unknown('root MFA status or device kind was not read', ...e);
    return virtual ? fail('the root user MFA device is a virtual (app) device', ...e) : pass('the root user MFA device is not virtual (hardware key or token)', ...e);
  },
});
