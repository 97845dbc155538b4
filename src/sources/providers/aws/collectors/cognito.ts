/**
 * Cognito user pools, per region: cognito-idp:ListUserPools (paginated; it
 * carries no MFA setting), then each pool's settings (cognito-idp:DescribeUserPool),
 * as CloudFormation's AWS::Cognito::UserPool. Users are never listed.
 */
import { CognitoIdentityProviderClient, paginateListUserPools, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, compact, addGap, gapOf, arn } from './context.js';

export async function collectCognito(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const idp = scope.clients.get('cognito', region, CognitoIdentityProviderClient);
  const listed = await pages(scope, 'cognito-idp:ListUserPools', region, () => paginateListUserPools({ client: idp, pageSize: 60 }, { MaxResults: 60 }));
  if (listed.error) return;
  const pools = listed.pages.flatMap((p) => (p.data.UserPools ?? []).filter((u) => u.Id).map((u) => ({ id: u.Id!, name: u.Name, raw: p.raw })));
  await mapLimit(pools, concurrency, async ({ id, name, raw }) => {
    const got = await call(scope, 'cognito-idp:DescribeUserPool', region, () => idp.send(new DescribeUserPoolCommand({ UserPoolId: id })));
    const u = got.ok ? got.data.UserPool : undefined;
    const r = liveResource(
      scope,
      'aws.cognito.user-pool',
      u?.Arn ?? arn(scope, 'cognito-idp', region, `userpool/${id}`),
      region,
      compact({
        UserPoolName: u?.Name ?? name,
        // The API answers OFF, ON or OPTIONAL; a template that omits it means OFF.
        MfaConfiguration: u?.MfaConfiguration,
        DeletionProtection: u?.DeletionProtection,
        UserPoolTier: u?.UserPoolTier,
        UserPoolTags: u?.UserPoolTags,
        Live: compact({ UserPoolId: id, Status: u?.Status }),
      }),
      raw,
      { Id: id, Name: name },
      u?.Name ?? name,
    );
    r.raw!.push(got.ok ? { ...got.raw, data: { UserPool: compact({ Id: id, Name: u?.Name, Arn: u?.Arn, MfaConfiguration: u?.MfaConfiguration }) } } : got.raw);
    if (!got.ok || !u) addGap(r, 'MfaConfiguration', got.ok ? 'NotReturned: cognito-idp:DescribeUserPool returned no pool' : gapOf(got, 'cognito-idp:DescribeUserPool'));
    scope.emit(r);
  });
}
