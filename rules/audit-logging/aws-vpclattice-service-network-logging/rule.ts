import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, get, text } from '../../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';

/**
 * VPC Lattice writes access logs only through an AWS::VpcLattice::AccessLogSubscription naming the
 * service network or service (to CloudWatch Logs, S3 or Firehose). A subscription on a service network
 * logs the requests to every service associated with it, so the service network is where the finding
 * sits, as flow logs on a VPC (audit-logging/aws-ec2-vpc-flow-logs). A subscription in the templates whose
 * target vouch cannot resolve may be this network's: unknown.
 * Services are not judged on their own: scout15 labels the network without a subscription fail and
 * leaves its service (no subscription on either) unlabelled; no labelled set fails a Lattice service.
 */
export default defineRule({
  id: 'audit-logging/aws-vpclattice-service-network-logging',
  control: 'audit-logging',
  title: 'VPC Lattice service networks have an access log subscription',
  severity: 'low',
  risk: 'Without an access log subscription, requests through the service network to its services (caller, target, status, authorization result) are logged nowhere.',
  remediation: {
    text: 'Add an AWS::VpcLattice::AccessLogSubscription with ResourceIdentifier set to the service network and a CloudWatch Logs, S3 or Firehose destination.',
    cdk: "new vpclattice.CfnAccessLogSubscription(this, 'NetworkLogs', { resourceIdentifier: network.attrArn, destinationArn: logGroup.logGroupArn })",
    cloudformation: 'Type: AWS::VpcLattice::AccessLogSubscription\nProperties:\n  ResourceIdentifier: !Ref ServiceNetwork\n  DestinationArn: !GetAtt LatticeLogs.Arn',
  },
  references: ['https://docs.aws.amazon.com/vpc-lattice/latest/ug/monitoring-access-logs.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-accesslogsubscription.html'],
  types: ['aws.vpclattice.service-network'],
  // No live collector reads VPC Lattice.
  sources: ['iac'],
  check(r, { inventory }) {
    const subs = inventory.related(r, 'accessLogSubscriptions').filter((s) => s.type === 'aws.vpclattice.access-log-subscription');
    if (subs.length)
      return pass(
        `${subs.length} access log subscription(s) log this service network`,
        ev('(accessLogSubscriptions)', subs.map((s) => `${s.location.logicalId ?? s.id} → ${text(get(s.properties, 'DestinationArn'))}`), 'an access log subscription'),
      );
    const unresolved = inventory
      .ofType('aws.vpclattice.access-log-subscription')
      .filter((s) => s.location.file === r.location.file && (isUnresolved(get(s.properties, 'ResourceIdentifier')) || get(s.properties, 'ResourceIdentifier') === undefined));
    if (unresolved.length)
      return unknown(
        `access log subscription ${unresolved.map((s) => s.location.logicalId ?? s.id).join(', ')} names a target vouch cannot resolve: it may log this network`,
        ev('(accessLogSubscriptions)', unresolved.map((s) => text(get(s.properties, 'ResourceIdentifier'))), 'a ResourceIdentifier naming this service network'),
      );
    const literal = inventory
      .ofType('aws.vpclattice.access-log-subscription')
      .filter((s) => s.location.file === r.location.file && !isRef(get(s.properties, 'ResourceIdentifier')));
    return fail(
      'no access log subscription logs this service network: requests to its services are logged nowhere',
      ev('(accessLogSubscriptions)', literal.length ? literal.map((s) => text(get(s.properties, 'ResourceIdentifier'))) : null, 'an AWS::VpcLattice::AccessLogSubscription with ResourceIdentifier = this service network'),
    );
  },
});
