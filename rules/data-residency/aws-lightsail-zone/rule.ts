import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { regionOfAzName } from '../../../src/lib/regions.js';
import { judgeRegion, noAllowedRegions } from '../_region.js';

/**
 * Lightsail instances, managed databases and block-storage disks name the Availability Zone they live in
 * (`AvailabilityZone: eu-west-2a`; instances and disks may also carry `Location.AvailabilityZone` /
 * `Location.RegionName`). The zone's Region is where the data is, so it is judged like any Region a
 * resource names (replicas, copy targets): a bare template whose stack Region is unknown still says where
 * these resources are. A zone picked from the stack's own list (`!Select [0, !GetAZs '']`) or none at all
 * is the stack's Region, judged on the stack (data-residency/aws-cloudformation-stack): not applicable; a
 * zone from a parameter without a value or an import is unknown.
 * labels.scout25 CrmInstance / CrmDatabase (eu-west-2a, London: outside the EU in src/lib/regions.ts).
 */
export default defineRule({
  id: 'data-residency/aws-lightsail-zone',
  control: 'data-residency',
  title: 'Lightsail instances, databases and disks are in allowed regions',
  severity: 'high',
  risk: 'A Lightsail instance, database or disk keeps its data in the Region of its Availability Zone; a zone outside the allowed regions stores customer data outside the promised jurisdictions.',
  remediation: {
    text: 'Create the resource in an Availability Zone of an allowed Region (deploy the stack there and name one of its zones).',
    cloudformation: 'Type: AWS::Lightsail::Instance\nProperties:\n  InstanceName: web\n  BlueprintId: wordpress\n  BundleId: small_3_0\n  AvailabilityZone: eu-central-1a',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-instance.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-database.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-disk.html',
    'https://docs.aws.amazon.com/lightsail/latest/userguide/understanding-regions-and-availability-zones-in-amazon-lightsail.html',
  ],
  types: ['aws.lightsail.instance', 'aws.lightsail.database', 'aws.lightsail.disk'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const na = noAllowedRegions(params);
    if (na) return na;
    const zones: [string, unknown][] = [
      ['AvailabilityZone', get(r.properties, 'AvailabilityZone')],
      ['Location.AvailabilityZone', get(r.properties, 'Location.AvailabilityZone')],
    ];
    const region = get(r.properties, 'Location.RegionName');
    for (const [path, z] of zones) {
      if (z === undefined || z === null || isUnresolved(z)) continue;
      const zone = text(z);
      const inRegion = regionOfAzName(zone);
      if (!inRegion) return unknown(`Availability Zone ${zone} is not a zone of a Region vouch knows`, ev(path, zone));
      return judgeRegion('aws', inRegion, params, path, `${r.name ?? r.id} (zone ${zone})`);
    }
    if (typeof region === 'string' && region !== '') return judgeRegion('aws', region, params, 'Location.RegionName', r.name ?? r.id);
    const written = zones.find(([, z]) => isUnresolved(z));
    if (!written) return notApplicable("no zone named: Lightsail places it in the stack's own Region, judged on the stack", ev('AvailabilityZone', null));
    const [path, z] = written as [string, { expression: string }];
    // A zone picked from the stack's own zone list is the stack's Region by construction.
    if (/Fn::GetAZs|AWS::Region/.test(z.expression))
      return notApplicable(`the zone is one of the stack's own (${z.expression}): judged on the stack's Region`, ev(path, z.expression));
    return unknown(`the zone depends on ${z.expression}, which cannot be resolved: where the resource is is not known`, ev(path, z.expression));
  },
});
