import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, asArray, asRecord, text } from '../../../src/evaluate/facts.js';

/** EKS access policies that make the principal an administrator of what they are scoped to. */
const ADMIN_POLICIES = ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy'];

/**
 * An EKS access entry grants a principal Kubernetes permissions through AWS-managed access
 * policies. AmazonEKSClusterAdminPolicy on the `cluster` scope is Kubernetes `cluster-admin`
 * (every verb on every resource, secrets included); AmazonEKSAdminPolicy on the cluster scope
 * is `admin` across every namespace. It is the cluster's AdministratorAccess, and is failed
 * as the IAM rules fail AdministratorAccess on a role: whatever the principal's name (a
 * name is no evidence of who can assume the role; a break-glass admin entry is acknowledged
 * by a suppression with an owner). The same policies on a `namespace` scope are limited to
 * those namespaces and pass.
 */
export default defineRule({
  id: 'iam-least-privilege/aws-eks-access-entry',
  control: 'iam-least-privilege',
  title: 'EKS access entries grant no cluster-wide admin access policy',
  severity: 'high',
  risk: 'A principal with AmazonEKSClusterAdminPolicy on the cluster scope is cluster-admin: it can read every secret, run privileged pods and take over the nodes and the IAM roles of every workload; a CI or application role with it turns one leaked credential into the whole cluster.',
  remediation: {
    text: 'Grant AmazonEKSEditPolicy or AmazonEKSViewPolicy scoped to the namespaces the principal deploys to (AccessScope Type namespace), or Kubernetes RBAC groups (KubernetesGroups) bound to narrow roles.',
    cloudformation: "Type: AWS::EKS::AccessEntry\nProperties:\n  AccessPolicies:\n    - PolicyArn: arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy\n      AccessScope:\n        Type: namespace\n        Namespaces: [app]",
  },
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/access-policies.html',
  ],
  types: ['aws.eks.access-entry'],
  // No live collector reads EKS access entries: judged in templates only.
  sources: ['iac'],
  check(r) {
    const policies = asArray(known(r, 'AccessPolicies'));
    const admin: string[] = [];
    policies.forEach((p, i) => {
      const arn = text(must(asRecord(p).PolicyArn, `AccessPolicies[${i}].PolicyArn`));
      const name = arn.split('/').pop() ?? '';
      if (!ADMIN_POLICIES.includes(name)) return;
      const scope = text(must(asRecord(asRecord(p).AccessScope).Type, `AccessPolicies[${i}].AccessScope.Type`)).trim().toLowerCase();
      if (scope !== 'namespace') admin.push(name);
    });
    const principal = get(r);
    if (admin.length)
      return fail(`the access entry grants ${admin.join(', ')} on the whole cluster to ${principal}`, ev('AccessPolicies', admin, 'no cluster-scoped admin access policy'));
    return pass(`no cluster-scoped admin access policy (${policies.length} access polic${policies.length === 1 ? 'y' : 'ies'})`, ev('AccessPolicies', policies.length, 'no cluster-scoped admin access policy'));
  },
});

/** The principal for messages; a value the template hides is named as such, never judged. */
function get(r: { properties: Record<string, unknown> }): string {
  const v = r.properties.PrincipalArn;
  return typeof v === 'string' ? v : 'its principal';
}
