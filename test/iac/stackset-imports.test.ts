/**
 * StackSet bodies in the cross-stack pass (src/sources/iac/exports.ts, stackset.ts). A StackSet's body
 * deploys as one stack instance per target account and region, and `Fn::ImportValue` reads only the
 * exports of its own account and region: an import into or out of a body resolves only where the run
 * knows every instance of the importer sits beside an exporter (literal target accounts and regions,
 * and a known account and region for a plain stack); otherwise it stays unresolved and coverage says why.
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac, type LoadOptions } from '../../src/sources/iac/load.js';
import { isRef, isUnresolved } from '../../src/model/values.js';
import { get } from '../../src/evaluate/facts.js';
import { sameAccountAndRegion } from '../../src/sources/iac/exports.js';
import { stackSetInstances } from '../../src/sources/iac/stackset.js';
import type { Inventory } from '../../src/model/inventory.js';

const HOME = '111122223333';
const OTHER = '444455556666';

function run<T>(files: Record<string, string>, opts: LoadOptions, use: (inv: Inventory) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-stackset-imports-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return use(loadIac(Object.keys(files).map((f) => join(dir, f)), opts));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A parent template holding one StackSet whose body is `body` (JSON), deployed to `groups`. */
const parent = (body: unknown, groups: unknown) =>
  JSON.stringify({
    Resources: {
      Baseline: {
        Type: 'AWS::CloudFormation::StackSet',
        Properties: { StackSetName: 'baseline', PermissionModel: 'SELF_MANAGED', StackInstancesGroup: groups, TemplateBody: JSON.stringify(body) },
      },
    },
  });
const to = (accounts: string[], regions: string[]) => [{ DeploymentTargets: { Accounts: accounts }, Regions: regions }];
const toOu = (regions: string[]) => [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-workloads'] }, Regions: regions }];

/** A plain stack exporting a log bucket's name and a KMS key's ARN. */
const logging = `
Resources:
  LogsBucket: { Type: AWS::S3::Bucket }
  LogsKey: { Type: AWS::KMS::Key, Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } }
Outputs:
  Bucket: { Value: !Ref LogsBucket, Export: { Name: shared-logging-Bucket } }
  Key: { Value: !GetAtt LogsKey.Arn, Export: { Name: shared-logging-KeyArn } }
`;

/** A body whose trail writes to the imported bucket, encrypted with the imported key. */
const trailBody = {
  Resources: {
    Trail: {
      Type: 'AWS::CloudTrail::Trail',
      Properties: { IsLogging: true, S3BucketName: { 'Fn::ImportValue': 'shared-logging-Bucket' }, KMSKeyId: { 'Fn::ImportValue': 'shared-logging-KeyArn' } },
    },
  },
};

describe('a StackSet body importing a plain stack\'s export', () => {
  it('resolves when its one target account and region are the exporting stack\'s', () => {
    run({ 'shared-logging.yaml': logging, 'org.json': parent(trailBody, to([HOME], ['eu-west-1'])) }, { region: 'eu-west-1', account: HOME }, (inv) => {
      const trail = inv.get('org/Baseline/Trail')!;
      const bucket = trail.properties.S3BucketName;
      expect(isRef(bucket)).toBe(true);
      if (!isRef(bucket)) return;
      expect(inv.get(`org/Baseline/${bucket.logicalId}`)?.id).toBe('shared-logging/LogsBucket');
      expect(inv.coverage.notCollected).toContainEqual(expect.objectContaining({ why: expect.stringMatching(/^resolved from the export of stack shared-logging /) }));
      // The body's resources still point at the StackSet after the second load.
      expect(trail.location.line).toBe(inv.get('org/Baseline')!.location.line);
      expect(trail.raw?.[0]?.data).toMatchObject({ StackSet: 'Baseline' });
      expect(inv.get('org/Baseline/(stack)')!.properties.StackSet).toBe('org/Baseline');
    });
  });

  it('stays unresolved when the StackSet deploys to organizational units, to more accounts, or the exporter\'s account is not known', () => {
    const cases: [unknown, LoadOptions][] = [
      [toOu(['eu-west-1']), { region: 'eu-west-1', account: HOME }],
      [to([HOME, OTHER], ['eu-west-1']), { region: 'eu-west-1', account: HOME }],
      [to([HOME], ['eu-west-1', 'us-east-1']), { region: 'eu-west-1', account: HOME }],
      [to([HOME], ['eu-west-1']), { region: 'eu-west-1' }],
      [to([OTHER], ['eu-west-1']), { region: 'eu-west-1', account: HOME }],
    ];
    for (const [groups, opts] of cases) {
      run({ 'shared-logging.yaml': logging, 'org.json': parent(trailBody, groups) }, opts, (inv) => {
        expect(isUnresolved(inv.get('org/Baseline/Trail')!.properties.S3BucketName)).toBe(true);
        expect(inv.coverage.notCollected).toContainEqual(
          expect.objectContaining({
            what: expect.stringMatching(/org\.json: Fn::ImportValue "shared-logging-Bucket" \(stack org\/Baseline\)$/),
            why: expect.stringMatching(/^exported by stack shared-logging, which the run cannot place in the same account and region/),
          }),
        );
      });
    }
  });
});

describe('a plain stack importing a StackSet body\'s export', () => {
  const keyBody = {
    Resources: { OrgKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } } },
    Outputs: {
      Key: { Value: { 'Fn::GetAtt': ['OrgKey', 'Arn'] }, Export: { Name: 'org-KeyArn' } },
      Named: { Value: { 'Fn::GetAtt': ['OrgKey', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-KeyArn' } } },
    },
  };
  const queue = (name: string) => `
Resources:
  Jobs: { Type: AWS::SQS::Queue, Properties: { KmsMasterKeyId: !ImportValue ${name} } }
`;

  it('resolves when an instance of the StackSet sits in the importer\'s known account and region', () => {
    run({ 'org.json': parent(keyBody, to([HOME], ['eu-west-1', 'us-east-1'])), 'jobs.yaml': queue('org-KeyArn') }, { region: 'eu-west-1', account: HOME }, (inv) => {
      const key = inv.get('jobs/Jobs')!.properties.KmsMasterKeyId;
      expect(isRef(key)).toBe(true);
      if (isRef(key)) expect(inv.get(`jobs/${key.logicalId}`)?.id).toBe('org/Baseline/OrgKey');
    });
  });

  it('stays unresolved when the StackSet has no instance known to be there, or the importer\'s account is not known', () => {
    for (const [groups, opts] of [
      [to([HOME], ['us-east-1']), { region: 'eu-west-1', account: HOME }],
      [toOu(['eu-west-1']), { region: 'eu-west-1', account: HOME }],
      [to([HOME], ['eu-west-1']), { region: 'eu-west-1' }],
    ] as [unknown, LoadOptions][]) {
      run({ 'org.json': parent(keyBody, groups), 'jobs.yaml': queue('org-KeyArn') }, opts, (inv) => {
        expect(isUnresolved(inv.get('jobs/Jobs')!.properties.KmsMasterKeyId)).toBe(true);
      });
    }
  });

  it('an export named after the instance\'s stack name (made at deploy time) is exported by no name the run knows', () => {
    run({ 'org.json': parent(keyBody, to([HOME], ['eu-west-1'])), 'jobs.yaml': queue('org/Baseline-KeyArn') }, { region: 'eu-west-1', account: HOME }, (inv) => {
      expect(isUnresolved(inv.get('jobs/Jobs')!.properties.KmsMasterKeyId)).toBe(true);
    });
  });
});

describe('stacks of a cloud assembly in different regions', () => {
  it('an import reads only the exports of its own region: a stack of the same account and region resolves, one in another region does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-stackset-imports-cdk-'));
    try {
      mkdirSync(join(dir, 'cdk.out'));
      const out = join(dir, 'cdk.out');
      const exporter = { Resources: { Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: true } } }, Outputs: { O: { Value: { Ref: 'Sub' }, Export: { Name: 'net-Subnet' } } } };
      const importer = { Resources: { Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { 'Fn::ImportValue': 'net-Subnet' } } } } };
      writeFileSync(join(out, 'Net.template.json'), JSON.stringify(exporter));
      writeFileSync(join(out, 'AppEu.template.json'), JSON.stringify(importer));
      writeFileSync(join(out, 'AppUs.template.json'), JSON.stringify(importer));
      const stack = (file: string, region: string) => ({ type: 'aws:cloudformation:stack', environment: `aws://${HOME}/${region}`, properties: { templateFile: file } });
      writeFileSync(
        join(out, 'manifest.json'),
        JSON.stringify({ version: '36.0.0', artifacts: { Net: stack('Net.template.json', 'eu-west-1'), AppEu: stack('AppEu.template.json', 'eu-west-1'), AppUs: stack('AppUs.template.json', 'us-east-1') } }),
      );
      const inv = loadIac([out]);
      expect(inv.related(inv.get('AppEu/Host')!, 'subnet').map((r) => r.id)).toEqual(['Net/Sub']);
      expect(isUnresolved(get(inv.get('AppUs/Host')!.properties, 'SubnetId'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('where stacks deploy', () => {
  it('StackSet instances are known only from literal accounts and regions', () => {
    expect([...stackSetInstances(to([HOME, OTHER], ['eu-west-1']))!].sort()).toEqual([`${HOME}/eu-west-1`, `${OTHER}/eu-west-1`]);
    expect(stackSetInstances(toOu(['eu-west-1']))).toBeUndefined();
    expect(stackSetInstances([{ DeploymentTargets: { Accounts: [{ Ref: 'Target' }] }, Regions: ['eu-west-1'] }])).toBeUndefined();
    expect(stackSetInstances([{ DeploymentTargets: { Accounts: [HOME] }, Regions: [{ Ref: 'AWS::Region' }] }])).toBeUndefined();
    expect(stackSetInstances(undefined)).toBeUndefined();
  });

  it('plain stacks sit together unless their known accounts or regions differ; StackSets need every instance placed', () => {
    const here = { kind: 'stack', account: HOME, region: 'eu-west-1' } as const;
    expect(sameAccountAndRegion({ kind: 'stack' }, here)).toBe(true);
    expect(sameAccountAndRegion({ kind: 'stack', region: 'us-east-1' }, here)).toBe(false);
    expect(sameAccountAndRegion({ kind: 'stack', account: OTHER }, here)).toBe(false);
    const set = (xs: string[]) => ({ kind: 'stack-set', instances: new Set(xs) }) as const;
    expect(sameAccountAndRegion(set([`${HOME}/eu-west-1`]), here)).toBe(true);
    expect(sameAccountAndRegion(set([`${HOME}/eu-west-1`, `${OTHER}/eu-west-1`]), here)).toBe(false);
    expect(sameAccountAndRegion(here, set([`${HOME}/eu-west-1`, `${OTHER}/eu-west-1`]))).toBe(true);
    expect(sameAccountAndRegion({ kind: 'stack', region: 'eu-west-1' }, set([`${HOME}/eu-west-1`]))).toBe(false);
    expect(sameAccountAndRegion({ kind: 'stack-set' }, here)).toBe(false);
  });
});
