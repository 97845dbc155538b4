import { Construct } from 'constructs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { resolveClaims, type ClaimsSource } from './claims.js';
import { contradiction, warnWeakened } from './guard.js';

export interface SecureDatabaseProps {
  /** The VPC the database lives in. */
  readonly vpc: ec2.IVpc;
  /**
   * Claims (backup cycle, TLS floor, customer-managed keys).
   * @default - the `vouch:claims` context value, else 35-day backups and TLS 1.2
   */
  readonly claims?: ClaimsSource;
  /**
   * Engine. PostgreSQL, MySQL, MariaDB and SQL Server are supported: each has
   * a parameter that refuses non-TLS connections.
   * @default - PostgreSQL 16
   */
  readonly engine?: rds.IInstanceEngine;
  /** @default t4g.micro */
  readonly instanceType?: ec2.InstanceType;
  /**
   * Private subnets for the database. Public subnets are refused.
   * @default - isolated subnets when the VPC has them, else private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Automated backup retention. Must not exceed the claim's cycle; a shorter
   * one warns.
   * @default - the claim's backup cycle (35 days)
   */
  readonly backupRetention?: Duration;
  /** @default 'dbadmin' */
  readonly username?: string;
  /** @default 20 */
  readonly allocatedStorage?: number;
  /** @default true */
  readonly multiAz?: boolean;
  /** @default true */
  readonly deletionProtection?: boolean;
  /**
   * Storage encryption key.
   * @default - a new customer-managed key when the claims require one, else the RDS-managed key
   */
  readonly storageEncryptionKey?: kms.IKey;
  /** Extra engine parameters (the TLS parameters cannot be overridden). */
  readonly parameters?: Record<string, string>;
  /**
   * What happens to the instance when it leaves the stack. `SNAPSHOT` leaves
   * a final snapshot that no backup cycle ever deletes (warns).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Parameter that makes each engine refuse unencrypted connections. */
const FORCE_TLS: Record<string, { name: string; value: string }> = {
  postgres: { name: 'rds.force_ssl', value: '1' },
  mysql: { name: 'require_secure_transport', value: 'ON' },
  mariadb: { name: 'require_secure_transport', value: 'ON' },
  'sqlserver-ee': { name: 'rds.force_ssl', value: '1' },
  'sqlserver-se': { name: 'rds.force_ssl', value: '1' },
  'sqlserver-ex': { name: 'rds.force_ssl', value: '1' },
  'sqlserver-web': { name: 'rds.force_ssl', value: '1' },
};

/**
 * An RDS database instance that keeps the policy's promises: storage
 * encrypted, TLS forced by the parameter group (`rds.force_ssl` or
 * `require_secure_transport`, plus the claim's TLS floor:
 * `ssl_min_protocol_version` on PostgreSQL, `tls_version` on MySQL/MariaDB), automated backups kept for the claim's cycle (35 days),
 * never publicly accessible, credentials generated into Secrets Manager.
 */
export class SecureDatabase extends Construct implements ec2.IConnectable {
  readonly instance: rds.DatabaseInstance;
  readonly parameterGroup: rds.ParameterGroup;
  readonly connections: ec2.Connections;

  constructor(scope: Construct, id: string, props: SecureDatabaseProps) {
    super(scope, id);
    const claims = resolveClaims(this, props.claims);
    const engine = props.engine ?? rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
    const family = engine.engineType;
    const force = FORCE_TLS[family];
    if (!force)
      throw contradiction(this, 'VouchDatabaseEngineTls', `SecureDatabase: engine ${family} has no parameter that forces TLS; use PostgreSQL, MySQL, MariaDB or SQL Server`);
    if (props.vpcSubnets?.subnetType === ec2.SubnetType.PUBLIC)
      throw contradiction(this, 'VouchDatabasePublicSubnet', 'SecureDatabase: a database must not be placed in public subnets');

    const days = claims.backupDays;
    const wanted = props.backupRetention?.toDays();
    if (wanted !== undefined) {
      if (wanted > days || (claims.backupMode === 'exact' && wanted !== days))
        throw contradiction(this, 'VouchDatabaseBackupRetention', `SecureDatabase: backupRetention of ${wanted} days breaks the claimed ${days}-day backup cycle`);
      if (wanted < days) warnWeakened(this, 'database-backup-short', `SecureDatabase: backups kept ${wanted} days, shorter than the claimed ${days}-day cycle`);
    }
    if (wanted === 0) throw contradiction(this, 'VouchDatabaseBackupsOff', 'SecureDatabase: backupRetention 0 turns automated backups off');

    const parameters: Record<string, string> = { ...(props.parameters ?? {}) };
    for (const name of [force.name, 'ssl_min_protocol_version', 'tls_version']) {
      if (name in parameters)
        throw contradiction(this, 'VouchDatabaseTlsParameter', `SecureDatabase: parameter ${name} is set by the construct to enforce TLS; remove it from parameters`);
    }
    parameters[force.name] = force.value;
    // The TLS floor: PostgreSQL's ssl_min_protocol_version (TLS 1.3 needs PostgreSQL 16+), MySQL's/MariaDB's tls_version.
    if (family === 'postgres') parameters.ssl_min_protocol_version = claims.tlsMin === '1.3' ? 'TLSv1.3' : 'TLSv1.2';
    if (family === 'mysql' || family === 'mariadb') parameters.tls_version = claims.tlsMin === '1.3' ? 'TLSv1.3' : 'TLSv1.2,TLSv1.3';
    this.parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: `TLS-only parameters of ${this.node.path}`,
      parameters,
    });

    if (props.multiAz === false) warnWeakened(this, 'database-single-az', 'SecureDatabase: multiAz turned off');
    if (props.deletionProtection === false) warnWeakened(this, 'database-deletion-unprotected', 'SecureDatabase: deletion protection turned off');
    if (props.removalPolicy === RemovalPolicy.SNAPSHOT)
      warnWeakened(this, 'database-final-snapshot', 'SecureDatabase: removalPolicy SNAPSHOT leaves a final snapshot that the backup cycle never deletes');

    const key =
      props.storageEncryptionKey ??
      (claims.requireCustomerManagedKeys ? new kms.Key(this, 'Key', { enableKeyRotation: true, description: `Storage key of ${this.node.path}` }) : undefined);

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets ?? { subnetType: props.vpc.isolatedSubnets.length ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      allocatedStorage: props.allocatedStorage ?? 20,
      storageType: rds.StorageType.GP3,
      credentials: rds.Credentials.fromGeneratedSecret(props.username ?? 'dbadmin'),
      parameterGroup: this.parameterGroup,
      // Required by the controls:
      storageEncrypted: true,
      storageEncryptionKey: key,
      publiclyAccessible: false,
      backupRetention: Duration.days(wanted ?? days),
      // Defaults the user may weaken (with a warning):
      multiAz: props.multiAz ?? true,
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      autoMinorVersionUpgrade: true,
      iamAuthentication: family === 'postgres' || family === 'mysql' || family === 'mariadb' ? true : undefined,
      cloudwatchLogsExports: logExports(family),
      copyTagsToSnapshot: true,
    });
    this.connections = this.instance.connections;
  }

  /** The Secrets Manager secret holding the generated credentials. */
  get secret() {
    return this.instance.secret!;
  }
}

function logExports(family: string): string[] | undefined {
  if (family === 'postgres') return ['postgresql', 'upgrade'];
  if (family === 'mysql' || family === 'mariadb') return ['error', 'general', 'slowquery'];
  return undefined;
}
