import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, must, asArray, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * Checkov CKV_AWS_100: a managed node group given an SSH key without source
 * security groups has its remote-access port (22, RDP on Windows AMIs) opened to
 * 0.0.0.0/0 by EKS itself, in a security group the template never shows.
 */
function describeKey(key: unknown): unknown {
  return isUnresolved(key) ? key.expression : (key ?? null);
}

export default defineRule({
  id: 'bastion-only/aws-eks-nodegroup-remote-access',
  control: 'bastion-only',
  title: 'EKS managed node groups do not open SSH to the internet',
  severity: 'high',
  risk: 'When a node group names an SSH key but no source security groups, EKS opens port 22 (RDP for Windows) on every node to 0.0.0.0/0: the nodes take logins from the whole internet instead of through the bastion.',
  remediation: {
    text: 'Drop RemoteAccess (reach nodes with SSM Session Manager), or list the bastion\'s security group in RemoteAccess.SourceSecurityGroups.',
    cdk: "cluster.addNodegroupCapacity('Nodes', { remoteAccess: { sshKeyName: 'ops', sourceSecurityGroups: [bastionSg] } })",
    cloudformation: 'Type: AWS::EKS::Nodegroup\nProperties:\n  RemoteAccess:\n    Ec2SshKey: ops\n    SourceSecurityGroups: [!Ref BastionSg]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-nodegroup-remoteaccess.html',
    'https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html',
    'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_eks.NodegroupRemoteAccess.html',
  ],
  types: ['aws.eks.nodegroup'],
  // No live collector reads EKS node groups: judged in templates only.
  sources: ['iac'],
  check(r) {
    const access = known(r, 'RemoteAccess');
    if (access === undefined || access === null)
      return pass('no remote access configured: EKS opens no SSH port on the nodes', ev('RemoteAccess', null, 'omitted, or SourceSecurityGroups named', 'omitted: no SSH key, no remote-access rule'));
    // Which key does not matter, only that there is one: a key from a parameter is still a key.
    const key = get(r.properties, 'RemoteAccess.Ec2SshKey');
    const rawGroups = known(r, 'RemoteAccess.SourceSecurityGroups');
    const groups = asArray(rawGroups).map((g, i) => must(g, `RemoteAccess.SourceSecurityGroups[${i}]`));
    const groupsEv = ev('RemoteAccess.SourceSecurityGroups', rawGroups ?? null, 'the bastion\'s security group', rawGroups === undefined || groups.length === 0 ? 'omitted: EKS opens the remote-access port to 0.0.0.0/0' : undefined);
    if (groups.length) return pass(`remote access only from security groups ${groups.map(text).join(', ')}`, ev('RemoteAccess.Ec2SshKey', describeKey(key)), groupsEv);
    if (key === undefined || key === null || key === '')
      return pass('RemoteAccess names no SSH key: EKS opens no remote-access port', ev('RemoteAccess.Ec2SshKey', key ?? null, 'no key, or SourceSecurityGroups named'));
    return fail(`SSH key ${text(describeKey(key))} without SourceSecurityGroups: EKS opens port 22 (3389 on Windows) on every node to 0.0.0.0/0`, ev('RemoteAccess.Ec2SshKey', describeKey(key)), groupsEv);
  },
});
