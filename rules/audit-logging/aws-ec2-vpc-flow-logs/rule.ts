import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, text } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'audit-logging/aws-ec2-vpc-flow-logs',
  control: 'audit-logging',
  title: 'VPCs record flow logs',
  severity: 'medium',
  risk: 'Without flow logs there is no record of which addresses talked to what inside the VPC, so network access cannot be reviewed or investigated.',
  remediation: {
    text: 'Add a flow log (TrafficType ALL) for the VPC, to CloudWatch Logs or S3.',
    cdk: "vpc.addFlowLog('FlowLog', { trafficType: ec2.FlowLogTrafficType.ALL })",
    cloudformation: 'Type: AWS::EC2::FlowLog\nProperties:\n  ResourceId: !Ref Vpc\n  ResourceType: VPC\n  TrafficType: ALL\n  LogDestinationType: s3\n  LogDestination: !GetAtt FlowLogBucket.Arn',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
  types: ['aws.ec2.vpc'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const logs = inventory.related(r, 'flowLogs').filter((f) => f.type === 'aws.ec2.flow-log');
    const traffic = logs.map((f) => text(f.properties.TrafficType ?? '?'));
    if (logs.length === 0) return fail('no flow log records this VPC', ev('(flowLogs)', null, 'an AWS::EC2::FlowLog with ResourceId = this VPC'));
    const note = traffic.includes('ALL') ? undefined : 'no flow log records ALL traffic (only ACCEPT or REJECT)';
    return pass(`${logs.length} flow log(s) record this VPC (${traffic.join(', ')})`, ev('(flowLogs)', logs.map((f) => f.name ?? f.id), 'a flow log', note));
  },
});
