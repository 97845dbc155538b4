/**
 * ECS, per region: task definitions. ListTaskDefinitions (status ACTIVE,
 * fully paginated, 100 ARNs a page) names every active revision; only the
 * newest active revision of each family is described (DescribeTaskDefinition,
 * one call each), since that is what services and new tasks run. Older active
 * revisions are counted (`Live.OlderActiveRevisions`) and recorded as skipped
 * in coverage, never judged as passing. Calls per region: ⌈active revisions /
 * 100⌉ + families.
 *
 * Container environment values never reach the inventory: each is classified
 * here (src/lib/secrets.ts classifyValue, as the rules classify template
 * values) and only the class is kept, under
 * `Live.WithheldValues['ContainerDefinitions[i].Environment[j].Value']`,
 * with `<redacted>` in its place. `Secrets[].ValueFrom` are references (ARNs,
 * parameter names) and are kept. The raw record is redacted the same way, and
 * command lines, entry points and log driver options, which can carry tokens
 * too, are withheld from it.
 */
import { ECSClient, paginateListTaskDefinitions, DescribeTaskDefinitionCommand, type TaskDefinition, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { mapLimit } from '../../common/limit.js';
import { classifyValue, REDACTED, type ValueClass } from '../../../../lib/secrets.js';
import { type AwsScope, call, pages, liveResource, compact, addGap, gapOf, rawRecord } from './context.js';

const REVISION = /^arn:[^:]+:ecs:[^:]*:\d*:task-definition\/(.+):(\d+)$/;

/** The newest ARN of each family, and how many older active revisions were left out. ARNs of an unknown shape are all kept. */
export function newestPerFamily(arns: string[]): { arn: string; older: number }[] {
  const best = new Map<string, { arn: string; rev: number; older: number }>();
  const out: { arn: string; older: number }[] = [];
  for (const arn of arns) {
    const m = REVISION.exec(arn);
    if (!m) {
      out.push({ arn, older: 0 });
      continue;
    }
    const rev = Number(m[2]);
    const cur = best.get(m[1]!);
    if (!cur) best.set(m[1]!, { arn, rev, older: 0 });
    else if (rev > cur.rev) best.set(m[1]!, { arn, rev, older: cur.older + 1 });
    else cur.older++;
  }
  for (const b of best.values()) out.push({ arn: b.arn, older: b.older });
  return out.sort((a, b) => a.arn.localeCompare(b.arn));
}

function container(c: ContainerDefinition, i: number, classes: Record<string, ValueClass>) {
  return compact({
    Name: c.name,
    Image: c.image,
    Essential: c.essential,
    Privileged: c.privileged,
    ReadonlyRootFilesystem: c.readonlyRootFilesystem,
    User: c.user,
    Environment: c.environment
      ? c.environment.map((e, j) => {
          if (typeof e.value === 'string' && typeof e.name === 'string') classes[`ContainerDefinitions[${i}].Environment[${j}].Value`] = classifyValue(e.name, e.value);
          return compact({ Name: e.name, Value: e.value === undefined ? undefined : REDACTED });
        })
      : undefined,
    Secrets: c.secrets?.map((s) => compact({ Name: s.name, ValueFrom: s.valueFrom })),
    EnvironmentFiles: c.environmentFiles?.map((f) => compact({ Type: f.type, Value: f.value })),
    RepositoryCredentials: c.repositoryCredentials?.credentialsParameter ? { CredentialsParameter: c.repositoryCredentials.credentialsParameter } : undefined,
    LogConfiguration: c.logConfiguration
      ? compact({ LogDriver: c.logConfiguration.logDriver, SecretOptions: c.logConfiguration.secretOptions?.map((s) => compact({ Name: s.name, ValueFrom: s.valueFrom })) })
      : undefined,
  });
}

/** A task definition in AWS::ECS::TaskDefinition's vocabulary, with every environment value withheld. */
export function taskDefinitionProperties(td: TaskDefinition, older = 0): { properties: Record<string, unknown>; classes: Record<string, ValueClass> } {
  const classes: Record<string, ValueClass> = {};
  const properties = compact({
    Family: td.family,
    ContainerDefinitions: (td.containerDefinitions ?? []).map((c, i) => container(c, i, classes)),
    TaskRoleArn: td.taskRoleArn,
    ExecutionRoleArn: td.executionRoleArn,
    NetworkMode: td.networkMode,
    RequiresCompatibilities: td.requiresCompatibilities,
    Cpu: td.cpu,
    Memory: td.memory,
    PidMode: td.pidMode,
    IpcMode: td.ipcMode,
    Volumes: td.volumes?.length
      ? td.volumes.map((v) =>
          compact({
            Name: v.name,
            Host: v.host ? compact({ SourcePath: v.host.sourcePath }) : undefined,
            EFSVolumeConfiguration: v.efsVolumeConfiguration
              ? compact({
                  FilesystemId: v.efsVolumeConfiguration.fileSystemId,
                  RootDirectory: v.efsVolumeConfiguration.rootDirectory,
                  TransitEncryption: v.efsVolumeConfiguration.transitEncryption,
                  AuthorizationConfig: v.efsVolumeConfiguration.authorizationConfig
                    ? compact({ AccessPointId: v.efsVolumeConfiguration.authorizationConfig.accessPointId, IAM: v.efsVolumeConfiguration.authorizationConfig.iam })
                    : undefined,
                })
              : undefined,
          }),
        )
      : undefined,
    Live: compact({
      Revision: td.revision,
      Status: td.status,
      RegisteredAt: td.registeredAt?.toISOString(),
      OlderActiveRevisions: older,
      WithheldValues: Object.keys(classes).length ? classes : undefined,
    }),
  });
  return { properties, classes };
}

/** The DescribeTaskDefinition answer as it may be stored: no environment value, command line, entry point or log option. */
export function withheldTaskDefinition(td: TaskDefinition): unknown {
  return {
    ...td,
    containerDefinitions: td.containerDefinitions?.map((c) => ({
      ...c,
      environment: c.environment?.map((e) => ({ name: e.name, ...(e.value === undefined ? {} : { value: REDACTED }) })),
      command: c.command?.map(() => REDACTED),
      entryPoint: c.entryPoint?.map(() => REDACTED),
      logConfiguration: c.logConfiguration
        ? { ...c.logConfiguration, options: c.logConfiguration.options ? Object.fromEntries(Object.keys(c.logConfiguration.options).map((k) => [k, REDACTED])) : undefined }
        : undefined,
    })),
  };
}

export async function collectEcs(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const ecs = scope.clients.get('ecs', region, ECSClient);
  const listed = await pages(scope, 'ecs:ListTaskDefinitions', region, () => paginateListTaskDefinitions({ client: ecs, pageSize: 100 }, { status: 'ACTIVE' }));
  // A partial list would hide families: judge none (the failure is in coverage).
  if (listed.error) return;
  const arns = listed.pages.flatMap((p) => p.data.taskDefinitionArns ?? []);
  const chosen = newestPerFamily(arns);
  const older = chosen.reduce((n, c) => n + c.older, 0);
  if (older > 0)
    scope.coverage.skipped(`${scope.account}/${region} ecs`, `${older} older ACTIVE task definition revision(s) not judged (only the newest revision of each of ${chosen.length} families is described)`);
  const listRaw = listed.pages[0]?.raw ?? rawRecord('ecs:ListTaskDefinitions', region, undefined);
  await mapLimit(chosen, concurrency, async ({ arn, older: olderRevisions }) => {
    const desc = await call(scope, 'ecs:DescribeTaskDefinition', region, () => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })));
    if (!desc.ok || !desc.data.taskDefinition) {
      // Listed but not described: the resource exists and nothing about it is known.
      const r = liveResource(scope, 'aws.ecs.task-definition', arn, region, compact({ Family: REVISION.exec(arn)?.[1] }), listRaw, undefined, REVISION.exec(arn)?.[1]);
      r.raw!.push(desc.raw);
      addGap(r, '*', desc.ok ? `Empty: ecs:DescribeTaskDefinition returned no task definition` : gapOf(desc, 'ecs:DescribeTaskDefinition'));
      scope.emit(r);
      return;
    }
    const td = desc.data.taskDefinition;
    const { properties } = taskDefinitionProperties(td, olderRevisions);
    const r = liveResource(scope, 'aws.ecs.task-definition', td.taskDefinitionArn ?? arn, region, properties, desc.raw, withheldTaskDefinition(td), td.family);
    scope.emit(r);
  });
}
