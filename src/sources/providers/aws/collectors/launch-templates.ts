/**
 * EC2 launch templates, per region, as CloudFormation's AWS::EC2::LaunchTemplate:
 * the default version's data (what launches when no version is named), read
 * for every template with one paginated ec2:DescribeLaunchTemplateVersions
 * (`$Default`, no template named). User data is dropped unread: it may hold
 * secrets, and no rule needs it.
 */
import { EC2Client, paginateDescribeLaunchTemplates, paginateDescribeLaunchTemplateVersions, type ResponseLaunchTemplateData } from '@aws-sdk/client-ec2';
import { relate } from '../../../../model/inventory.js';
import { type AwsScope, pages, liveResource, compact, arn, plain, cfnTags, redactValues } from './context.js';

/** The version data in CloudFormation's LaunchTemplateData shape (the API's names match it), without UserData. */
export function launchTemplateData(d: ResponseLaunchTemplateData | undefined): Record<string, unknown> | undefined {
  if (!d) return undefined;
  const { UserData: _userData, ...rest } = d;
  return plain(rest) as Record<string, unknown>;
}

export async function collectLaunchTemplates(scope: AwsScope, region: string): Promise<void> {
  const ec2 = scope.clients.get('ec2', region, EC2Client);
  const [templates, versions] = await Promise.all([
    pages(scope, 'ec2:DescribeLaunchTemplates', region, () => paginateDescribeLaunchTemplates({ client: ec2, pageSize: 200 }, {})),
    pages(scope, 'ec2:DescribeLaunchTemplateVersions', region, () => paginateDescribeLaunchTemplateVersions({ client: ec2, pageSize: 200 }, { Versions: ['$Default'] })),
  ]);
  if (templates.error || versions.error) return;
  const byId = new Map(versions.pages.flatMap((p) => (p.data.LaunchTemplateVersions ?? []).map((v) => [v.LaunchTemplateId, { v, raw: p.raw }] as const)));
  for (const p of templates.pages) {
    for (const t of p.data.LaunchTemplates ?? []) {
      if (!t.LaunchTemplateId) continue;
      const version = byId.get(t.LaunchTemplateId);
      const data = launchTemplateData(version?.v.LaunchTemplateData);
      const r = liveResource(
        scope,
        'aws.ec2.launch-template',
        arn(scope, 'ec2', region, `launch-template/${t.LaunchTemplateId}`),
        region,
        compact({
          LaunchTemplateName: t.LaunchTemplateName,
          LaunchTemplateData: data,
          TagSpecifications: t.Tags?.length ? [{ ResourceType: 'launch-template', Tags: cfnTags(t.Tags) }] : undefined,
          Live: compact({ LaunchTemplateId: t.LaunchTemplateId, DefaultVersionNumber: t.DefaultVersionNumber, LatestVersionNumber: t.LatestVersionNumber }),
        }),
        p.raw,
        t,
        t.LaunchTemplateName,
      );
      if (version) r.raw!.push({ ...version.raw, data: redactValues({ LaunchTemplateId: t.LaunchTemplateId, VersionNumber: version.v.VersionNumber, LaunchTemplateData: data }) });
      // A template listed between the two calls has no version read: its data is a gap, never "nothing set".
      else (r.gaps ??= {}).LaunchTemplateData = `NotReturned: ec2:DescribeLaunchTemplateVersions returned no $Default version for ${t.LaunchTemplateId}`;
      const groups = new Set<string>([...((data?.SecurityGroupIds as string[] | undefined) ?? [])]);
      for (const n of (data?.NetworkInterfaces as { Groups?: string[] }[] | undefined) ?? []) for (const g of n.Groups ?? []) groups.add(g);
      for (const g of groups) relate(r, 'securityGroups', arn(scope, 'ec2', region, `security-group/${g}`));
      scope.emit(r);
    }
  }
}
