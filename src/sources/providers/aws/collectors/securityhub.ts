/**
 * Security Hub, per region (CIS AWS 4.16): one DescribeHub. An account not
 * subscribed in the region answers InvalidAccessException, which is the
 * answer "not enabled", not a failed read. Emits one `aws.securityhub.hub`.
 */
import { SecurityHubClient, DescribeHubCommand } from '@aws-sdk/client-securityhub';
import { type AwsScope, call, liveResource, addGap, gapOf, compact, arn } from './context.js';

export async function collectSecurityHub(scope: AwsScope, region: string): Promise<void> {
  const sh = scope.clients.get('securityhub', region, SecurityHubClient);
  const hub = await call(scope, 'securityhub:DescribeHub', region, () => sh.send(new DescribeHubCommand({})), ['InvalidAccessException'], { fields: ['HubArn'] });
  const props = hub.ok
    ? compact({ Region: region, Enabled: true, HubArn: hub.data.HubArn, SubscribedAt: hub.data.SubscribedAt })
    : { Region: region, Enabled: hub.absent ? false : undefined };
  const r = liveResource(scope, 'aws.securityhub.hub', hub.ok && hub.data.HubArn ? hub.data.HubArn : arn(scope, 'securityhub', region, 'hub/default'), region, compact(props), hub.raw, undefined, `security hub ${region}`);
  if (!hub.ok && !hub.absent) addGap(r, 'Enabled', gapOf(hub, 'securityhub:DescribeHub'));
  scope.emit(r);
}
