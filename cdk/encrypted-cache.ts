import { Construct } from 'constructs';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { resolveClaims, type ClaimsSource } from './claims.js';
import { contradiction } from './guard.js';

export interface EncryptedCacheProps {
  /** The VPC the cache lives in. */
  readonly vpc: ec2.IVpc;
  /**
   * Private subnets for the cache. Public subnets are refused.
   * @default - private subnets with egress, else isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Claims (customer-managed keys).
   * @default - the `vouch:claims` context value
   */
  readonly claims?: ClaimsSource;
  /** @default 'valkey' */
  readonly engine?: 'redis' | 'valkey';
  /** @default - '8.0' for valkey, '7.1' for redis */
  readonly engineVersion?: string;
  /** @default 'cache.t4g.micro' */
  readonly cacheNodeType?: string;
  /**
   * Nodes (primary + replicas). Two or more enable automatic failover.
   * @default 2
   */
  readonly replicas?: number;
  /** @default 6379 */
  readonly port?: number;
  /**
   * KMS key for at-rest encryption.
   * @default - a new customer-managed key when the claims require one, else the ElastiCache-owned key
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Automatic snapshot retention in days. The cache-no-backup claim allows
   * only 0; any other value is refused.
   * @default 0
   */
  readonly snapshotRetentionLimit?: number;
}

/**
 * An ElastiCache (Valkey or Redis OSS) replication group for short-lived
 * customer data: encrypted at rest, TLS required in transit
 * (`TransitEncryptionMode: required`, not `preferred`), an AUTH token
 * generated in Secrets Manager, snapshots off (`SnapshotRetentionLimit: 0`,
 * no final snapshot, `DeletionPolicy: Delete`), only in private subnets.
 */
export class EncryptedCache extends Construct implements ec2.IConnectable {
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  readonly authToken: secretsmanager.Secret;
  readonly securityGroup: ec2.SecurityGroup;
  readonly connections: ec2.Connections;
  readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: EncryptedCacheProps) {
    super(scope, id);
    const claims = resolveClaims(this, props.claims);
    if (props.snapshotRetentionLimit !== undefined && props.snapshotRetentionLimit !== 0)
      throw contradiction(
        this,
        'VouchCacheSnapshots',
        `EncryptedCache: snapshotRetentionLimit ${props.snapshotRetentionLimit} keeps backups of cached data; the claim says caches are never backed up`,
      );
    if (props.vpcSubnets?.subnetType === ec2.SubnetType.PUBLIC)
      throw contradiction(this, 'VouchCachePublicSubnet', 'EncryptedCache: a cache must not be placed in public subnets');
    const port = props.port ?? 6379;
    const replicas = props.replicas ?? 2;
    const engine = props.engine ?? 'valkey';

    const subnets = props.vpc.selectSubnets(props.vpcSubnets ?? privateSubnets(props.vpc));
    if (subnets.subnets.some((s) => props.vpc.publicSubnets.includes(s)))
      throw contradiction(this, 'VouchCachePublicSubnet', 'EncryptedCache: the selected subnets include public subnets');
    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: `Private subnets of ${this.node.path}`,
      subnetIds: subnets.subnetIds,
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Encrypted cache: reachable only from granted peers',
      allowAllOutbound: false,
    });
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(port) });

    this.authToken = new secretsmanager.Secret(this, 'AuthToken', {
      description: `AUTH token of ${this.node.path}`,
      // ElastiCache AUTH tokens: 16-128 printable characters, without @ " / and spaces.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    this.encryptionKey = props.encryptionKey ?? (claims.requireCustomerManagedKeys ? new kms.Key(this, 'Key', { enableKeyRotation: true, description: `At-rest key of ${this.node.path}` }) : undefined);

    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: `Encrypted, never-backed-up cache ${this.node.path}`,
      engine,
      engineVersion: props.engineVersion ?? (engine === 'valkey' ? '8.0' : '7.1'),
      cacheNodeType: props.cacheNodeType ?? 'cache.t4g.micro',
      numCacheClusters: replicas,
      automaticFailoverEnabled: replicas > 1,
      multiAzEnabled: replicas > 1,
      port,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      atRestEncryptionEnabled: true,
      kmsKeyId: this.encryptionKey?.keyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      // A dynamic reference: the token is resolved by CloudFormation, never written to the template.
      authToken: this.authToken.secretValue.unsafeUnwrap(),
      snapshotRetentionLimit: 0,
      autoMinorVersionUpgrade: true,
    });
    // Delete, not Snapshot: a final snapshot would be a backup of cached customer data.
    this.replicationGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
  }
}

function privateSubnets(vpc: ec2.IVpc): ec2.SubnetSelection {
  return { subnetType: vpc.privateSubnets.length ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED };
}
