/**
 * CloudFormation resources that each carry one identity-policy document for the principals they
 * name. AWS::IAM::Policy lists them (`Roles`, `Users`, `Groups`); the newer single-principal types
 * AWS::IAM::RolePolicy / UserPolicy / GroupPolicy name one (`RoleName`, `UserName`, `GroupName`)
 * and are otherwise the same inline policy (IAM API PutRolePolicy / PutUserPolicy / PutGroupPolicy).
 * Every place that reads an AWS::IAM::Policy reads all four through this list, with the verdict on
 * the policy resource itself.
 */
export const INLINE_POLICY_TYPES = ['aws.iam.policy', 'aws.iam.role-policy', 'aws.iam.user-policy', 'aws.iam.group-policy'] as const;
export type InlinePolicyType = (typeof INLINE_POLICY_TYPES)[number];

/** Policy resources a principal may carry in a template: the inline ones and AWS::IAM::ManagedPolicy. */
export const TEMPLATE_POLICY_TYPES = [...INLINE_POLICY_TYPES, 'aws.iam.managed-policy'] as const;

export type PrincipalKind = 'Roles' | 'Users' | 'Groups';

/** Which single principal a one-principal policy type names, and where. */
const SINGLE: Record<string, { kind: PrincipalKind; path: 'RoleName' | 'UserName' | 'GroupName' }> = {
  'aws.iam.role-policy': { kind: 'Roles', path: 'RoleName' },
  'aws.iam.user-policy': { kind: 'Users', path: 'UserName' },
  'aws.iam.group-policy': { kind: 'Groups', path: 'GroupName' },
};

export function isTemplatePolicyType(type: string): boolean {
  return (TEMPLATE_POLICY_TYPES as readonly string[]).includes(type);
}

/**
 * Where a policy resource names its principals of one kind: `Roles` / `Users` / `Groups` (a list) on
 * AWS::IAM::Policy and ManagedPolicy, `RoleName` / `UserName` / `GroupName` (one) on the
 * single-principal types; undefined when the type names none of that kind.
 */
export function principalPath(type: string, kind: PrincipalKind): { path: string; list: boolean } | undefined {
  const single = SINGLE[type];
  if (single) return single.kind === kind ? { path: single.path, list: false } : undefined;
  return isTemplatePolicyType(type) ? { path: kind, list: true } : undefined;
}
