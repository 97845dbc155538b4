/**
 * The example app `cdk.json` runs (`node dist/cdk/example/app.js`): the
 * Fantesty/Fantastyc service built from vouch's constructs, with the vouch
 * validation plugin on. Synthesizes without an AWS account (fixed dummy
 * account and region, no lookups).
 *
 *   -c vouch:claims=claims.yaml          judge against a claims profile file
 *   -c vouch:demo-violations=true        also build a deliberately non-compliant stack
 *
 * Outside the CDK CLI, CDK_OUTDIR chooses where the assembly goes
 * (scripts/start.mjs sets it to cdk.out).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { CLAIMS_CONTEXT } from '../claims.js';
import { VouchChecks } from '../vouch-checks.js';
import { ServiceStack } from './service-stack.js';
import { DemoViolationsStack } from './demo-violations-stack.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';

/**
 * The promises of ../shared/policies as a claims profile (strictest reading of
 * both: TLS 1.3 in transit, backups rotated on a 35-day cycle), kept beside
 * this file in the source tree: cdk/example/claims.yaml.
 */
export const EXAMPLE_CLAIMS = join(packageRoot(), 'cdk', 'example', 'claims.yaml');
export const ENV = { account: '111111111111', region: 'eu-west-1' };
export const DEMO_CONTEXT = 'vouch:demo-violations';

export interface ExampleAppOptions {
  /** Register the vouch plugin. @default true */
  readonly plugin?: boolean;
  readonly outdir?: string;
  readonly context?: Record<string, unknown>;
  /** CDK's built-in CloudFormation template validation (about 10 s on first use). @default - CDK's default (on, unless CDK_VALIDATION=false) */
  readonly builtinCloudFormationValidation?: boolean;
  /** Record the cdk-nag acknowledgements (cdk/example/nag-acknowledgements.ts). @default true */
  readonly acknowledgeNag?: boolean;
}

export function buildExampleApp(options: ExampleAppOptions = {}): { app: App; service: ServiceStack; demo?: DemoViolationsStack; plugin?: VouchChecks } {
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: options.builtinCloudFormationValidation,
    context: { 'aws:cdk:enable-path-metadata': true, ...options.context },
  });
  if (app.node.tryGetContext(CLAIMS_CONTEXT) === undefined) app.node.setContext(CLAIMS_CONTEXT, EXAMPLE_CLAIMS);
  const demoFlag = app.node.tryGetContext(DEMO_CONTEXT);
  const demoOn = demoFlag === true || demoFlag === 'true';

  const service = new ServiceStack(app, 'FantestyService', { env: ENV, domainName: 'app.fantesty.example', description: 'Fantesty service (vouch example)' });
  if (options.acknowledgeNag !== false) acknowledgeNagFindings(service);
  const demo = demoOn ? new DemoViolationsStack(app, 'DemoViolations', { env: ENV, description: 'Deliberately non-compliant (vouch demo)' }) : undefined;
  // With the demo stack on, report without failing synthesis, so the assembly is written and
  // `vouch check cdk.out` can show the failures (and exit 1).
  const plugin = options.plugin === false ? undefined : VouchChecks.addTo(app, { reportOnly: demoOn });
  return { app, service, demo, plugin };
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'vouch') return dir;
    dir = dirname(dir);
  }
  throw new Error('cdk/example/app: cannot find the vouch package root');
}

// Run as a program (cdk.json, scripts/start.mjs), not when imported by tests or the benchmark.
if (import.meta.url === `file://${process.argv[1]}`) buildExampleApp().app.synth();
