/**
 * AWS Backup, per region: vaults, plans (rules with lifecycle) and selections,
 * in AWS::Backup::BackupPlan / BackupSelection / BackupVault shape, related
 * selection → plan.
 */
import {
  BackupClient,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListBackupVaults,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
} from '@aws-sdk/client-backup';
import { relate } from '../../../../model/inventory.js';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact, arn } from './context.js';

export async function collectBackup(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const b = scope.clients.get('backup', region, BackupClient);
  const [vaults, plans] = await Promise.all([
    pages(scope, 'backup:ListBackupVaults', region, () => paginateListBackupVaults({ client: b, pageSize: 100 }, {})),
    pages(scope, 'backup:ListBackupPlans', region, () => paginateListBackupPlans({ client: b, pageSize: 100 }, {})),
  ]);
  if (!vaults.error) {
    for (const p of vaults.pages) {
      for (const v of p.data.BackupVaultList ?? []) {
        scope.emit(
          liveResource(
            scope,
            'aws.backup.backup-vault',
            v.BackupVaultArn!,
            region,
            compact({
              BackupVaultName: v.BackupVaultName,
              EncryptionKeyArn: v.EncryptionKeyArn,
              LockConfiguration: v.Locked ? compact({ MinRetentionDays: v.MinRetentionDays, MaxRetentionDays: v.MaxRetentionDays }) : undefined,
              Live: compact({ Locked: v.Locked, NumberOfRecoveryPoints: v.NumberOfRecoveryPoints }),
            }),
            p.raw,
            v,
            v.BackupVaultName,
          ),
        );
      }
    }
  }
  if (plans.error) return;
  const list = plans.pages.flatMap((p) => (p.data.BackupPlansList ?? []).map((x) => ({ x, raw: p.raw })));
  await mapLimit(list, concurrency, async ({ x, raw }) => {
    const planId = x.BackupPlanId!;
    const id = x.BackupPlanArn ?? arn(scope, 'backup', region, `backup-plan:${planId}`);
    const [got, sels] = await Promise.all([
      call(scope, 'backup:GetBackupPlan', region, () => b.send(new GetBackupPlanCommand({ BackupPlanId: planId }))),
      pages(scope, 'backup:ListBackupSelections', region, () => paginateListBackupSelections({ client: b, pageSize: 100 }, { BackupPlanId: planId })),
    ]);
    const bp = got.ok ? got.data.BackupPlan : undefined;
    const plan = liveResource(
      scope,
      'aws.backup.backup-plan',
      id,
      region,
      compact({
        BackupPlan: bp
          ? {
              BackupPlanName: bp.BackupPlanName,
              BackupPlanRule: (bp.Rules ?? []).map((r) =>
                compact({
                  RuleName: r.RuleName,
                  TargetBackupVault: r.TargetBackupVaultName,
                  ScheduleExpression: r.ScheduleExpression,
                  Lifecycle: r.Lifecycle ? compact({ DeleteAfterDays: r.Lifecycle.DeleteAfterDays, MoveToColdStorageAfterDays: r.Lifecycle.MoveToColdStorageAfterDays }) : undefined,
                  CopyActions: r.CopyActions?.map((c) => compact({ DestinationBackupVaultArn: c.DestinationBackupVaultArn, Lifecycle: c.Lifecycle })),
                  EnableContinuousBackup: r.EnableContinuousBackup,
                }),
              ),
            }
          : undefined,
        Live: { BackupPlanId: planId },
      }),
      raw,
      x,
      x.BackupPlanName,
    );
    plan.raw!.push(got.raw);
    if (!got.ok) addGap(plan, 'BackupPlan', gapOf(got, 'backup:GetBackupPlan'));
    if (sels.error) addGap(plan, 'Live.Selections', `${sels.error.code}: backup:ListBackupSelections: ${sels.error.message}`);
    const selections = sels.pages.flatMap((p) => p.data.BackupSelectionsList ?? []);
    await mapLimit(selections, concurrency, async (s) => {
      const g = await call(scope, 'backup:GetBackupSelection', region, () => b.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: s.SelectionId })));
      const sel = g.ok ? g.data.BackupSelection : undefined;
      const sid = `${id}/selection/${s.SelectionId}`;
      const r = liveResource(
        scope,
        'aws.backup.backup-selection',
        sid,
        region,
        compact({
          BackupPlanId: planId,
          BackupSelection: compact({
            SelectionName: s.SelectionName,
            IamRoleArn: s.IamRoleArn,
            Resources: sel?.Resources,
            NotResources: sel?.NotResources,
            ListOfTags: sel?.ListOfTags?.map((t) => ({ ConditionType: t.ConditionType, ConditionKey: t.ConditionKey, ConditionValue: t.ConditionValue })),
            Conditions: sel?.Conditions,
          }),
        }),
        g.raw,
        sel,
        s.SelectionName,
      );
      if (!g.ok) addGap(r, 'BackupSelection', gapOf(g, 'backup:GetBackupSelection'));
      relate(r, 'plan', id);
      relate(plan, 'selections', sid);
      scope.emit(r);
    });
    scope.emit(plan);
  });
}
