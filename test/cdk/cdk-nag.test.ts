/**
 * Cross-check with a peer: cdk-nag's AwsSolutions pack over the example
 * app's compliant stack. Every finding is either fixed in the stack or
 * acknowledged, with a written reason, in cdk/example/nag-acknowledgements.ts.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExampleApp } from '../../cdk/example/app.js';
import { nagAcknowledgements } from '../../cdk/example/nag-acknowledgements.js';
import { VouchChecks } from '../../cdk/vouch-checks.js';

/** cdk-nag rules on the controls vouch covers: encryption, TLS, SSL-only, public access, open SSH/RDP, IAM wildcards. */
const COVERED = /^AwsSolutions-(S1[0]?|S2|S3|S5|S10|EC23|EC26|RDS2|RDS3|RDS13|AEC3|AEC4|AEC5|ELB1|ELB2|CFR4|CFR5|SMG4|SF2|IAM4|IAM5)\b/;

describe('cdk-nag AwsSolutionsChecks on the example service', () => {
  beforeAll(async () => {
    await VouchChecks.preload();
  });

  it('reports nothing unacknowledged, and every acknowledgement has a reason and matches a real finding', () => {
    const { app, service } = buildExampleApp({ outdir: mkdtempSync(join(tmpdir(), 'vouch-nag-')), builtinCloudFormationValidation: false });
    app.synth();
    const report = new AwsSolutionsChecks().validateScope(service);
    const open = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
    expect(open).toEqual([]);

    const acks = nagAcknowledgements(service).map((a) => a.ack);
    for (const a of acks) expect(a.reason.length, a.id).toBeGreaterThan(40);

    // Without the acknowledgements, each one corresponds to a finding cdk-nag really raises,
    // so the list stays honest when the stack changes.
    const { app: bare, service: bareService } = buildExampleApp({ outdir: mkdtempSync(join(tmpdir(), 'vouch-nag-')), acknowledgeNag: false, builtinCloudFormationValidation: false, plugin: false });
    bare.synth();
    const raw = new AwsSolutionsChecks().validateScope(bareService).violations;
    const rawKeys = new Set(raw.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)));
    for (const a of acks) {
      const hit = [...rawKeys].some((k) => k.startsWith(`${a.id} FantestyService/${a.at}`));
      expect(hit, `${a.id} at ${a.at} is acknowledged but cdk-nag does not raise it`).toBe(true);
    }
    // The findings on vouch's own controls that remain acknowledged are only these (listed in docs/cdk.md).
    const coveredAcks = acks.filter((a) => COVERED.test(a.id)).map((a) => `${a.id} @ ${a.at}`);
    expect(coveredAcks.sort()).toMatchInlineSnapshot(`
      [
        "AwsSolutions-EC23 @ Web/Alb",
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore] @ Bastion/Role",
        "AwsSolutions-IAM5[Resource::*] @ Staff/RequireMfa",
        "AwsSolutions-IAM5[Resource::<ExportsBucket54D5CE64.Arn>/exports/*] @ Task/TaskRole",
        "AwsSolutions-IAM5[Resource::<TelemetryBucketFB1718EF.Arn>/runs/*] @ Task/TaskRole",
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:mfa/*] @ Staff/RequireMfa",
        "AwsSolutions-S1 @ FlowLogs",
        "AwsSolutions-S1 @ Web/AccessLogs",
        "AwsSolutions-SMG4 @ Cache/AuthToken",
        "AwsSolutions-SMG4 @ Database/Instance/Secret",
        "AwsSolutions-SMG4 @ Tokens/DataSourceTokens",
      ]
    `);
  });
});
