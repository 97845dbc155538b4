/**
 * AWS Config, per region (CIS AWS 3.3, FSBP Config.1): the configuration
 * recorders and their status, two calls per region (neither is paginated;
 * a region has at most one customer recorder). Emits one `aws.config.region`.
 */
import { ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import { type AwsScope, call, liveResource, addGap, gapOf, compact, arn } from './context.js';

export async function collectConfigRecorders(scope: AwsScope, region: string): Promise<void> {
  const config = scope.clients.get('config', region, ConfigServiceClient);
  const [recorders, status] = await Promise.all([
    call(scope, 'config:DescribeConfigurationRecorders', region, () => config.send(new DescribeConfigurationRecordersCommand({})), [], { fields: ['ConfigurationRecorders'] }),
    call(scope, 'config:DescribeConfigurationRecorderStatus', region, () => config.send(new DescribeConfigurationRecorderStatusCommand({})), [], { fields: ['ConfigurationRecordersStatus'] }),
  ]);
  const byName = new Map(status.ok ? (status.data.ConfigurationRecordersStatus ?? []).map((s) => [s.name, s]) : []);
  const list = recorders.ok
    ? (recorders.data.ConfigurationRecorders ?? []).map((x) => {
        const s = byName.get(x.name);
        return compact({
          name: x.name,
          AllSupported: x.recordingGroup?.allSupported === true,
          IncludeGlobalResourceTypes: x.recordingGroup?.includeGlobalResourceTypes === true,
          RecordingStrategy: x.recordingGroup?.recordingStrategy?.useOnly,
          Recording: s ? s.recording === true : undefined,
          LastStatus: s?.lastStatus,
        });
      })
    : undefined;
  const r = liveResource(scope, 'aws.config.region', arn(scope, 'config', region, 'configuration-recorders'), region, compact({ Region: region, Recorders: list }), recorders.raw, undefined, `config ${region}`);
  r.raw!.push(status.raw);
  if (!recorders.ok) addGap(r, 'Recorders', gapOf(recorders, 'config:DescribeConfigurationRecorders'));
  // Whether a recorder is on comes only from its status: without it no recorder can be judged.
  else if (!status.ok) addGap(r, 'Recorders', gapOf(status, 'config:DescribeConfigurationRecorderStatus'));
  scope.emit(r);
}
