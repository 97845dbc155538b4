import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, ev, pass, unknown, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { judgeRegion, noAllowedRegions, offendersOrPass } from '../_region.js';

/**
 * Where a Security Lake data lake copies its data: `ReplicationConfiguration.Regions` lists the
 * Regions that receive a copy of the lake's S3 data (rollup). Without replication the lake stays in
 * the stack's own Region (judged by the stack's region).
 */
export default defineRule({
  id: 'data-residency/aws-securitylake-data-lake',
  control: 'data-residency',
  title: 'Security Lake data lakes replicate only to allowed regions',
  severity: 'high',
  risk: "A data lake replicating to a Region outside the allowed set copies every collected log (CloudTrail, VPC flow logs, findings, with the users' and clients' addresses in them) outside the promised jurisdictions.",
  remediation: {
    text: 'List only allowed Regions in ReplicationConfiguration.Regions, or remove the replication.',
    cloudformation: 'Type: AWS::SecurityLake::DataLake\nProperties:\n  ReplicationConfiguration:\n    Regions: [eu-central-1]\n    RoleArn: !GetAtt ReplicationRole.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-securitylake-datalake-replicationconfiguration.html',
    'https://docs.aws.amazon.com/security-lake/latest/userguide/manage-regions.html',
  ],
  types: ['aws.securitylake.data-lake'],
  // No live collector reads Security Lake: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const na = noAllowedRegions(params);
    if (na) return na;
    const regions = asArray(known(r, 'ReplicationConfiguration.Regions'));
    if (regions.length === 0)
      return pass("the data lake replicates to no other Region: it stays in the stack's own Region (the stack's region is judged on its own)", ev('ReplicationConfiguration.Regions', null, 'only allowed regions'));
    const out: Verdict[] = regions.map((region, i) => {
      const path = `ReplicationConfiguration.Regions[${i}]`;
      if (isUnresolved(region)) return { ...unknown(`replication Region ${i} depends on ${region.expression}, which cannot be resolved`, ev(path, region.expression)), subId: `Regions[${i}]` };
      if (typeof region !== 'string') return { ...unknown(`replication Region ${i} is not readable`, ev(path, text(region))), subId: `Regions[${i}]` };
      return { ...judgeRegion('aws', region, params, path, 'replica'), subId: `Replica:${region}` };
    });
    const fails = out.filter((v) => v.status === 'fail');
    return fails.length ? fails : offendersOrPass(out);
  },
});
