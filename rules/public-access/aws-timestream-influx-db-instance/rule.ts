import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePublicFlag } from '../_flag.js';

export default defineRule({
  id: 'public-access/aws-timestream-influx-db-instance',
  control: 'public-access',
  title: 'Timestream for InfluxDB instances and clusters have no public IP',
  severity: 'high',
  risk: 'An InfluxDB instance or cluster with PubliclyAccessible true gets a public IP: its API and UI, guarded by one username and password or token, can be reached from the internet.',
  remediation: {
    text: 'Set PubliclyAccessible: false (the default) and reach the instance from inside the VPC.',
    cloudformation: 'Type: AWS::Timestream::InfluxDBInstance\nProperties:\n  PubliclyAccessible: false',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-timestream-influxdbinstance.html',
    'https://docs.aws.amazon.com/ts-influxdb/latest/ts-influxb-api/API_CreateDbInstance.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-timestream-influxdbcluster.html',
  ],
  types: ['aws.timestream.influx-db-instance', 'aws.timestream.influx-db-cluster'],
  // No live collector reads Timestream: judged in templates only.
  sources: ['iac'],
  check(r) {
    // A read-replica or multi-AZ cluster (InfluxDBCluster) takes the same flag with the same default (false): its ENIs get public IPs only when it is true.
    const cluster = r.type === 'aws.timestream.influx-db-cluster';
    return judgePublicFlag(r, { path: 'PubliclyAccessible', defaultPublic: false, omittedNote: `omitted: ${cluster ? 'CreateDbCluster' : 'CreateDbInstance'} configures no public IP unless PubliclyAccessible is true`, what: cluster ? 'cluster' : 'instance' });
  },
});
