/**
 * IAM, whole-account calls only: GetAccountAuthorizationDetails (users,
 * groups, roles, managed policies with their documents), the credential
 * report (passwords, MFA, access keys), GetAccountSummary (root MFA), the
 * password policy and ListVirtualMFADevices (is the root MFA device virtual).
 * Never one call per user or role.
 */
import {
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  GetAccountSummaryCommand,
  GetAccountPasswordPolicyCommand,
  paginateListVirtualMFADevices,
  paginateListServerCertificates,
  type GetAccountAuthorizationDetailsCommandOutput,
  type PolicyDetail,
  type AttachedPolicy,
} from '@aws-sdk/client-iam';
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact, cfnTags } from './context.js';
import { parsePolicy } from './policy.js';

export interface CredentialRow {
  user: string;
  arn: string;
  [column: string]: string;
}

/** The credential report is a plain CSV without quoting (AWS documents its columns). */
export function parseCredentialReport(csv: string): CredentialRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row as CredentialRow;
  });
}

const flag = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : undefined);
const date = (v: string | undefined) => (v && v !== 'N/A' && v !== 'no_information' && v !== 'not_supported' ? v : undefined);

/** A credential-report row in vouch's `Live.CredentialReport` shape. */
export function credentialFacts(row: CredentialRow): Record<string, unknown> {
  const keys = [1, 2]
    .map((n) =>
      compact({
        Slot: n,
        Active: flag(row[`access_key_${n}_active`]),
        LastRotated: date(row[`access_key_${n}_last_rotated`]),
        LastUsed: date(row[`access_key_${n}_last_used_date`]),
      }),
    )
    .filter((k) => k.Active !== undefined && (k.Active || k.LastRotated));
  return compact({
    PasswordEnabled: flag(row.password_enabled),
    PasswordLastUsed: date(row.password_last_used),
    PasswordLastChanged: date(row.password_last_changed),
    MfaActive: flag(row.mfa_active),
    UserCreationTime: date(row.user_creation_time),
    AccessKeys: keys,
  });
}

function inline(list: { PolicyName?: string; PolicyDocument?: string }[] | undefined) {
  if (!list?.length) return undefined;
  return list.map((p) => ({ PolicyName: p.PolicyName ?? '', PolicyDocument: parsePolicy(p.PolicyDocument) ?? p.PolicyDocument }));
}

const arns = (list: AttachedPolicy[] | undefined) => (list?.length ? list.map((p) => p.PolicyArn!).filter(Boolean) : undefined);

/** AWS regenerates a report older than 4 hours; allow clock skew on both sides. */
const MAX_REPORT_AGE_MS = 24 * 3_600_000;
const MAX_REPORT_SKEW_MS = 15 * 60_000;

/**
 * Why the report's generation time cannot be the clock its ages are measured
 * by (a report dated years ago, or in the future), or undefined when it is sane.
 * Ages judged against such a time would be wrong (negative, or years too old).
 */
export function reportTimeProblem(generatedAt: string | undefined, now: number): string | undefined {
  if (!generatedAt) return 'NoReportTime: iam:GetCredentialReport returned no GeneratedTime';
  const t = Date.parse(generatedAt);
  if (!Number.isFinite(t)) return `BadReportTime: iam:GetCredentialReport GeneratedTime '${generatedAt}' is not a time`;
  if (t > now + MAX_REPORT_SKEW_MS) return `BadReportTime: the credential report says it was generated at ${generatedAt}, after this scan's clock (${new Date(now).toISOString()})`;
  if (t < now - MAX_REPORT_AGE_MS)
    return `StaleReportTime: the credential report says it was generated at ${generatedAt}, ${Math.floor((now - t) / 86_400_000)} days before this scan, though AWS regenerates reports older than 4 hours; credential ages measured from it would be wrong`;
  return undefined;
}

async function credentialReport(scope: AwsScope, iam: IAMClient): Promise<{ rows?: CredentialRow[]; generatedAt?: string; gap?: string; raw: Resource['raw'] }> {
  const region = scope.homeRegion;
  const raw: NonNullable<Resource['raw']> = [];
  for (let attempt = 0; attempt < 30; attempt++) {
    const gen = await call(scope, 'iam:GenerateCredentialReport', region, () => iam.send(new GenerateCredentialReportCommand({})));
    raw.push(gen.raw);
    if (!gen.ok) return { gap: gapOf(gen, 'iam:GenerateCredentialReport'), raw };
    if (gen.data.State === 'COMPLETE') break;
    await new Promise((r) => setTimeout(r, Math.min(2000, 200 * (attempt + 1))));
  }
  const got = await call(scope, 'iam:GetCredentialReport', region, () => iam.send(new GetCredentialReportCommand({})));
  raw.push(got.raw);
  if (!got.ok) return { gap: gapOf(got, 'iam:GetCredentialReport'), raw };
  const csv = Buffer.from(got.data.Content ?? new Uint8Array()).toString('utf8');
  return { rows: parseCredentialReport(csv), generatedAt: got.data.GeneratedTime?.toISOString(), raw };
}

export async function collectIam(scope: AwsScope): Promise<void> {
  const region = scope.homeRegion;
  const iam = scope.clients.get('iam', region, IAMClient);
  const accountArn = `arn:${scope.partition}:iam::${scope.account}:root`;

  const [details, report, summary, pwPolicy, mfaDevices, certs] = await Promise.all([
    pages(scope, 'iam:GetAccountAuthorizationDetails', region, () =>
      paginateGetAccountAuthorizationDetails({ client: iam }, { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] }),
    ),
    credentialReport(scope, iam),
    call(scope, 'iam:GetAccountSummary', region, () => iam.send(new GetAccountSummaryCommand({}))),
    call(scope, 'iam:GetAccountPasswordPolicy', region, () => iam.send(new GetAccountPasswordPolicyCommand({})), ['NoSuchEntity', 'NoSuchEntityException']),
    pages(scope, 'iam:ListVirtualMFADevices', region, () => paginateListVirtualMFADevices({ client: iam, pageSize: 1000 }, { AssignmentStatus: 'Assigned' })),
    pages(scope, 'iam:ListServerCertificates', region, () => paginateListServerCertificates({ client: iam, pageSize: 1000 }, {})),
  ]);
  // Server certificates stored in IAM (CIS AWS 1.19): metadata only, never the certificate body.
  for (const p of certs.error ? [] : certs.pages) {
    for (const c of p.data.ServerCertificateMetadataList ?? []) {
      if (!c.Arn) continue;
      scope.emit(
        liveResource(
          scope,
          'aws.iam.server-certificate',
          c.Arn,
          undefined,
          compact({ ServerCertificateName: c.ServerCertificateName, Path: c.Path, Live: compact({ Expiration: c.Expiration?.toISOString(), UploadDate: c.UploadDate?.toISOString() }) }),
          p.raw,
          c,
          c.ServerCertificateName,
        ),
      );
    }
  }
  const timeProblem = report.rows ? reportTimeProblem(report.generatedAt, Date.now()) : undefined;
  // The root user's MFA device is virtual when a listed virtual device is assigned to the root user.
  const rootVirtualMfa = mfaDevices.error
    ? undefined
    : mfaDevices.pages.some((p) => (p.data.VirtualMFADevices ?? []).some((v) => v.User?.Arn === accountArn || /:mfa\/root-account-mfa-device$/.test(v.SerialNumber ?? '')));
  // CIS AWS 1.17: roles that can manage AWS Support incidents (AWSSupportAccess attached).
  const supportPolicy = `arn:${scope.partition}:iam::aws:policy/AWSSupportAccess`;
  const supportRoles = details.error
    ? undefined
    : details.pages.flatMap((p) => (p.data.RoleDetailList ?? []).filter((r) => (r.AttachedManagedPolicies ?? []).some((a) => a.PolicyArn === supportPolicy)).map((r) => r.RoleName ?? ''));

  const rows = new Map((report.rows ?? []).map((r) => [r.user, r]));

  // The account itself: root user MFA and keys, password policy.
  const root = rows.get('<root_account>');
  const account = liveResource(
    scope,
    'aws.iam.account',
    accountArn,
    undefined,
    {
      Live: compact({
        AccountMFAEnabled: summary.ok ? summary.data.SummaryMap?.AccountMFAEnabled === 1 : undefined,
        AccountAccessKeysPresent: summary.ok ? (summary.data.SummaryMap?.AccountAccessKeysPresent ?? 0) > 0 : undefined,
        RootCredentialReport: root ? credentialFacts(root) : undefined,
        CredentialReportGeneratedAt: report.generatedAt,
        PasswordPolicy: pwPolicy.ok ? pwPolicy.data.PasswordPolicy : pwPolicy.absent ? null : undefined,
        RootVirtualMfa: rootVirtualMfa,
        SupportAccessRoles: supportRoles,
      }),
    },
    summary.raw,
    summary.ok ? { SummaryMap: summary.data.SummaryMap } : undefined,
    scope.account,
  );
  account.raw!.push(...(report.raw ?? []), pwPolicy.raw);
  if (!summary.ok) {
    addGap(account, 'Live.AccountMFAEnabled', gapOf(summary, 'iam:GetAccountSummary'));
    addGap(account, 'Live.AccountAccessKeysPresent', gapOf(summary, 'iam:GetAccountSummary'));
  }
  if (report.gap) addGap(account, 'Live.RootCredentialReport', report.gap);
  if (!pwPolicy.ok && !pwPolicy.absent) addGap(account, 'Live.PasswordPolicy', gapOf(pwPolicy, 'iam:GetAccountPasswordPolicy'));
  if (mfaDevices.error) addGap(account, 'Live.RootVirtualMfa', gapOf(mfaDevices.error, 'iam:ListVirtualMFADevices'));
  if (details.error) addGap(account, 'Live.SupportAccessRoles', gapOf(details.error, 'iam:GetAccountAuthorizationDetails'));
  if (timeProblem) addGap(account, 'Live.CredentialReportGeneratedAt', timeProblem);
  scope.emit(account);

  // Principals and policies: only when the whole listing was read.
  if (details.error) return;
  const d: Required<Pick<GetAccountAuthorizationDetailsCommandOutput, 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'>> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  const rawOfPage: NonNullable<Resource['raw']>[number][] = [];
  for (const p of details.pages) {
    rawOfPage.push(p.raw);
    d.UserDetailList.push(...(p.data.UserDetailList ?? []));
    d.GroupDetailList.push(...(p.data.GroupDetailList ?? []));
    d.RoleDetailList.push(...(p.data.RoleDetailList ?? []));
    d.Policies.push(...(p.data.Policies ?? []));
  }
  const raw0 = rawOfPage[0]!;
  const groupArn = new Map(d.GroupDetailList.map((g) => [g.GroupName!, g.Arn!]));
  const policies = new Map<string, Resource>();

  for (const p of d.Policies as PolicyDetail[] & { Arn?: string }[]) {
    const pd = p as (typeof d.Policies)[number];
    if (!pd.Arn) continue;
    const awsManaged = pd.Arn.startsWith(`arn:${scope.partition}:iam::aws:`);
    if (awsManaged && !pd.AttachmentCount) continue;
    const version = pd.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? pd.PolicyVersionList?.find((v) => v.VersionId === pd.DefaultVersionId);
    const r = liveResource(
      scope,
      'aws.iam.managed-policy',
      pd.Arn,
      undefined,
      compact({
        ManagedPolicyName: pd.PolicyName,
        Path: pd.Path,
        Description: pd.Description,
        PolicyDocument: parsePolicy(version?.Document),
        Live: compact({ AwsManaged: awsManaged, AttachmentCount: pd.AttachmentCount, DefaultVersionId: pd.DefaultVersionId }),
      }),
      raw0,
      { ...pd, PolicyVersionList: version ? [version] : [] },
      pd.PolicyName,
    );
    if (!version) addGap(r, 'PolicyDocument', 'NotReturned: iam:GetAccountAuthorizationDetails returned no default policy version');
    policies.set(pd.Arn, r);
  }

  const attach = (principal: Resource, kind: 'users' | 'roles' | 'groups', list: string[] | undefined) => {
    for (const a of list ?? []) {
      relate(principal, 'policies', a);
      const pr = policies.get(a);
      if (pr) relate(pr, kind, principal.id);
    }
  };

  const groups = new Map<string, Resource>();
  for (const g of d.GroupDetailList) {
    const managed = arns(g.AttachedManagedPolicies);
    const r = liveResource(scope, 'aws.iam.group', g.Arn!, undefined, compact({ GroupName: g.GroupName, Path: g.Path, Policies: inline(g.GroupPolicyList), ManagedPolicyArns: managed }), raw0, g, g.GroupName);
    attach(r, 'groups', managed);
    groups.set(r.id, r);
    scope.emit(r);
  }

  for (const role of d.RoleDetailList) {
    const managed = arns(role.AttachedManagedPolicies);
    const r = liveResource(
      scope,
      'aws.iam.role',
      role.Arn!,
      undefined,
      compact({
        RoleName: role.RoleName,
        Path: role.Path,
        AssumeRolePolicyDocument: parsePolicy(role.AssumeRolePolicyDocument),
        Policies: inline(role.RolePolicyList),
        ManagedPolicyArns: managed,
        PermissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
        Tags: cfnTags(role.Tags),
        Live: compact({ RoleLastUsed: role.RoleLastUsed?.LastUsedDate?.toISOString(), CreateDate: role.CreateDate?.toISOString() }),
      }),
      raw0,
      role,
      role.RoleName,
    );
    attach(r, 'roles', managed);
    scope.emit(r);
  }

  for (const u of d.UserDetailList) {
    const managed = arns(u.AttachedManagedPolicies);
    const row = rows.get(u.UserName!);
    const facts = row ? credentialFacts(row) : undefined;
    const r = liveResource(
      scope,
      'aws.iam.user',
      u.Arn!,
      undefined,
      compact({
        UserName: u.UserName,
        Path: u.Path,
        Policies: inline(u.UserPolicyList),
        ManagedPolicyArns: managed,
        Groups: u.GroupList?.length ? u.GroupList : undefined,
        PermissionsBoundary: u.PermissionsBoundary?.PermissionsBoundaryArn,
        // The credential report says whether a console password exists; its value is never readable.
        LoginProfile: facts?.PasswordEnabled ? {} : undefined,
        Tags: cfnTags(u.Tags),
        Live: compact({ CredentialReport: facts, CredentialReportGeneratedAt: facts ? report.generatedAt : undefined, CreateDate: u.CreateDate?.toISOString() }),
      }),
      raw0,
      u,
      u.UserName,
    );
    if (facts && timeProblem) addGap(r, 'Live.CredentialReportGeneratedAt', timeProblem);
    if (!facts) {
      const why = report.gap ?? `NotInReport: the credential report (generated ${report.generatedAt ?? '?'}) has no row for this user yet`;
      addGap(r, 'LoginProfile', why);
      addGap(r, 'Live.CredentialReport', why);
    }
    attach(r, 'users', managed);
    for (const gname of u.GroupList ?? []) {
      const ga = groupArn.get(gname);
      if (!ga) continue;
      relate(r, 'groups', ga);
      const gr = groups.get(ga);
      if (gr) relate(gr, 'users', r.id);
    }
    scope.emit(r);
  }
  for (const p of policies.values()) scope.emit(p);
}
