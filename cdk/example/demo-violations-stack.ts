/**
 * Deliberately non-compliant: what vouch's failures look like. Only built
 * with `-c vouch:demo-violations=true`. Plain aws-cdk-lib resources, none
 * of vouch's constructs.
 */
import { Construct } from 'constructs';
import { Size, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';

export class DemoViolationsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });

    // tls-min: an HTTPS listener on the CloudFormation default policy (accepts TLS 1.0).
    // https-redirect: port 80 serves content instead of redirecting.
    const alb = new elbv2.ApplicationLoadBalancer(this, 'LegacyAlb', { vpc, internetFacing: true });
    alb.addListener('Https', {
      port: 443,
      certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000')],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED,
      defaultAction: elbv2.ListenerAction.fixedResponse(200, { messageBody: 'hello' }),
    });
    alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200, { messageBody: 'hello over plain HTTP' }) });

    // bastion-only: SSH and RDP open to the internet.
    const admin = new ec2.SecurityGroup(this, 'OpenAdmin', { vpc, description: 'admin ports open to the world' });
    admin.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh from anywhere');
    admin.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(3389), 'rdp from anywhere');

    // enc-rest: an unencrypted database (and an unencrypted volume).
    new rds.DatabaseInstance(this, 'PlainDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      storageEncrypted: false,
    });
    new ec2.Volume(this, 'PlainVolume', { availabilityZone: vpc.availabilityZones[0]!, size: Size.gibibytes(10), encrypted: false });
  }
}
