/**
 * Lambda, per region: every function's configuration (ListFunctions, fully
 * paginated; its answer already carries the environment, so there is no
 * per-function call). Only `$LATEST` is listed: published versions keep their
 * own copy of the environment and are not judged (docs/aws.md).
 *
 * Environment values never reach the inventory: each value is classified here
 * (src/lib/secrets.ts classifyValue, the helper the rules use on templates)
 * and only the class is kept, under `Live.WithheldValues['Environment.Variables.NAME']`,
 * while `Environment.Variables.NAME` holds `<redacted>`. The raw record is
 * redacted the same way (ALWAYS_REDACT covers `Variables`).
 */
import { LambdaClient, paginateListFunctions, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { classifyValue, REDACTED, type ValueClass } from '../../../../lib/secrets.js';
import { type AwsScope, pages, liveResource, compact, addGap, safeMessage } from './context.js';

export interface Withheld {
  properties: Record<string, unknown>;
  /** Property path of a withheld value → its class. */
  classes: Record<string, ValueClass>;
  /** Property path → why it could not be read. */
  gaps: Record<string, string>;
}

/** A function configuration in AWS::Lambda::Function's vocabulary, with every environment value withheld. */
export function lambdaProperties(fn: FunctionConfiguration): Withheld {
  const classes: Record<string, ValueClass> = {};
  const gaps: Record<string, string> = {};
  let Environment: { Variables: Record<string, string> } | undefined;
  const env = fn.Environment;
  if (env?.Error) {
    // Lambda could not decrypt the environment: the names and values are unknown, not absent.
    gaps['Environment.Variables'] = `${env.Error.ErrorCode ?? 'EnvironmentError'}: lambda:ListFunctions: ${safeMessage(env.Error.Message ?? 'environment could not be read')}`;
  } else if (env?.Variables) {
    const Variables: Record<string, string> = {};
    for (const [name, value] of Object.entries(env.Variables)) {
      Variables[name] = REDACTED;
      if (typeof value === 'string') classes[`Environment.Variables.${name}`] = classifyValue(name, value);
    }
    Environment = { Variables };
  }
  const vpc = fn.VpcConfig;
  const properties = compact({
    FunctionName: fn.FunctionName,
    Description: fn.Description || undefined,
    Runtime: fn.Runtime,
    Handler: fn.Handler,
    Role: fn.Role,
    MemorySize: fn.MemorySize,
    Timeout: fn.Timeout,
    PackageType: fn.PackageType,
    Architectures: fn.Architectures,
    KmsKeyArn: fn.KMSKeyArn,
    Environment,
    Layers: fn.Layers?.length ? fn.Layers.map((l) => l.Arn!).filter(Boolean) : undefined,
    TracingConfig: fn.TracingConfig?.Mode ? { Mode: fn.TracingConfig.Mode } : undefined,
    VpcConfig: vpc?.VpcId ? compact({ SubnetIds: vpc.SubnetIds ?? [], SecurityGroupIds: vpc.SecurityGroupIds ?? [], Ipv6AllowedForDualStack: vpc.Ipv6AllowedForDualStack }) : undefined,
    DeadLetterConfig: fn.DeadLetterConfig?.TargetArn ? { TargetArn: fn.DeadLetterConfig.TargetArn } : undefined,
    EphemeralStorage: fn.EphemeralStorage?.Size ? { Size: fn.EphemeralStorage.Size } : undefined,
    LoggingConfig: fn.LoggingConfig ? compact({ LogFormat: fn.LoggingConfig.LogFormat, LogGroup: fn.LoggingConfig.LogGroup, ApplicationLogLevel: fn.LoggingConfig.ApplicationLogLevel, SystemLogLevel: fn.LoggingConfig.SystemLogLevel }) : undefined,
    Live: compact({
      Version: fn.Version,
      State: fn.State,
      LastModified: fn.LastModified,
      WithheldValues: Object.keys(classes).length ? classes : undefined,
    }),
  });
  return { properties, classes, gaps };
}

export async function collectLambda(scope: AwsScope, region: string): Promise<void> {
  const lambda = scope.clients.get('lambda', region, LambdaClient);
  const listed = await pages(scope, 'lambda:ListFunctions', region, () => paginateListFunctions({ client: lambda, pageSize: 50 }, {}));
  // A partial list is not the account's functions: judge none (the failure is in coverage).
  if (listed.error) return;
  for (const p of listed.pages) {
    for (const fn of p.data.Functions ?? []) {
      if (!fn.FunctionArn) continue;
      const { properties, gaps } = lambdaProperties(fn);
      const r = liveResource(scope, 'aws.lambda.function', fn.FunctionArn, region, properties, p.raw, fn, fn.FunctionName);
      for (const [path, why] of Object.entries(gaps)) addGap(r, path, why);
      scope.emit(r);
    }
  }
}
