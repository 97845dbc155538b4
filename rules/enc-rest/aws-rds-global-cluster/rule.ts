import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { known, get, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * An Aurora global database (AWS::RDS::GlobalCluster) fixes the storage encryption of every cluster that
 * joins it. Created empty, StorageEncrypted decides it and defaults to false (unencrypted); created from
 * an existing cluster (SourceDBClusterIdentifier), StorageEncrypted cannot be given and Aurora takes the
 * source cluster's setting (CreateGlobalCluster). The source is read when the template defines it, as
 * enc-rest/aws-rds-db-cluster reads a cluster: true passes, false or omitted (created unencrypted) fails;
 * a source outside the template, or one itself restored or cloned, is unknown. scout15 labels a global
 * cluster with StorageEncrypted false fail (and its member cluster, judged by the cluster rule).
 *
 * DocumentDB and Neptune global clusters (AWS::DocDB::GlobalCluster, AWS::Neptune::GlobalCluster) have the same
 * StorageEncrypted / SourceDBClusterIdentifier pair, but neither CreateGlobalCluster reference states a default: an
 * explicit true passes and false fails; omitted, the source cluster decides when the template defines it (read as
 * for Aurora, and as the DocumentDB and Neptune cluster rules read an omitted StorageEncrypted: unencrypted), and
 * anything else is unknown (no documented default to fall back on).
 */
const OTHER_ENGINES: Record<string, { service: string; cluster: string }> = {
  'aws.docdb.global-cluster': { service: 'DocumentDB', cluster: 'aws.docdb.db-cluster' },
  'aws.neptune.global-cluster': { service: 'Neptune', cluster: 'aws.neptune.db-cluster' },
};
export default defineRule({
  id: 'enc-rest/aws-rds-global-cluster',
  control: 'enc-rest',
  title: 'Aurora, DocumentDB and Neptune global databases encrypt storage at rest',
  severity: 'high',
  risk: 'An unencrypted global database leaves every member cluster, in every Region it replicates to, with unencrypted storage, backups and snapshots; encryption cannot be turned on afterwards.',
  remediation: {
    text: 'Create the global cluster with StorageEncrypted: true, or from a source cluster that is encrypted (each secondary Region then needs a KMS key of its own).',
    cdk: "new rds.CfnGlobalCluster(this, 'Global', { globalClusterIdentifier: 'orders', engine: 'aurora-postgresql', storageEncrypted: true })",
    cloudformation: 'Type: AWS::RDS::GlobalCluster\nProperties:\n  Engine: aurora-postgresql\n  StorageEncrypted: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-globalcluster.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-getting-started.html',
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateGlobalCluster.html',
    'https://docs.aws.amazon.com/neptune/latest/apiref/API_CreateGlobalCluster.html',
  ],
  types: ['aws.rds.global-cluster', ...Object.keys(OTHER_ENGINES)],
  // The live collector does not read global clusters.
  sources: ['iac'],
  check(r, { inventory }) {
    const raw = known(r, 'StorageEncrypted');
    const source = known(r, 'SourceDBClusterIdentifier');
    const other = OTHER_ENGINES[r.type];
    if (other) {
      const e = ev('StorageEncrypted', raw ?? null, true);
      if (raw !== undefined && raw !== null) {
        const on = asBool(raw);
        if (on === undefined) return fail(`StorageEncrypted ${text(raw)} is not a boolean: CloudFormation rejects it`, e);
        return on ? pass(`the ${other.service} global database storage is encrypted`, e) : fail(`the ${other.service} global database storage is not encrypted at rest`, e);
      }
      if (source === undefined || source === null || source === '')
        return unknown(`the ${other.service} global database sets no StorageEncrypted and names no source cluster; CreateGlobalCluster documents no default`, { ...e, note: 'omitted: no documented default' });
      return fromSourceCluster(r, source, other.service, other.cluster, inventory);
    }
    if (source === undefined || source === null || source === '' || raw !== undefined) {
      const e = ev('StorageEncrypted', raw ?? null, true, raw === undefined ? 'omitted: a global cluster created without a source cluster is unencrypted by default' : undefined);
      const on = asBool(raw);
      if (raw !== undefined && raw !== null && on === undefined) return fail(`StorageEncrypted ${text(raw)} is not a boolean: CloudFormation rejects it`, e);
      return on === true ? pass('the global database storage is encrypted', e) : fail('the global database storage is not encrypted at rest', e);
    }
    return fromSourceCluster(r, source, 'Aurora', 'aws.rds.db-cluster', inventory);
  },
});

/**
 * A global database built from a cluster takes that cluster's storage encryption, read as the cluster rules read it
 * (enc-rest/aws-rds-db-cluster, aws-docdb-db-cluster, aws-neptune-db-cluster): StorageEncrypted true passes, false
 * fails, omitted fails (the API creates clusters unencrypted) unless the cluster is itself restored or cloned
 * (unknown: it inherits its own source's encryption) or an Aurora Serverless v1 cluster (always encrypted).
 */
function fromSourceCluster(r: Resource, source: unknown, service: string, clusterType: string, inventory: Inventory): Verdict {
  const sourceEv = ev('SourceDBClusterIdentifier', source, undefined, `${service} takes StorageEncrypted from the source cluster`);
  const cluster = inventory.related(r, 'sourceCluster').find((c) => c.type === clusterType);
  if (!cluster) return unknown(`the global database takes its encryption from ${text(source)}, which is not in the scanned templates`, sourceEv);
  const name = cluster.location.logicalId ?? cluster.id;
  const clusterRaw = known(cluster, 'StorageEncrypted');
  const clusterEv = { ...ev(`${name}.StorageEncrypted`, clusterRaw ?? null, true), source: cluster.id };
  if (clusterRaw === undefined || clusterRaw === null) {
    // EngineMode is Aurora's (DocumentDB and Neptune clusters have no such property).
    if (clusterType === 'aws.rds.db-cluster' && get(cluster.properties, 'EngineMode') === 'serverless') return pass(`takes its encryption from ${name}, an Aurora Serverless v1 cluster (always encrypted)`, sourceEv, clusterEv);
    if (get(cluster.properties, 'SnapshotIdentifier') !== undefined || get(cluster.properties, 'SourceDBClusterIdentifier') !== undefined)
      return unknown(`takes its encryption from ${name}, which was restored or cloned and inherits its own source's encryption`, sourceEv, clusterEv);
    return fail(`takes its encryption from ${name}, created unencrypted (StorageEncrypted omitted)`, sourceEv, { ...clusterEv, note: 'omitted: clusters are created unencrypted by default' });
  }
  return asBool(clusterRaw) === true ? pass(`takes its encryption from ${name}, which is encrypted`, sourceEv, clusterEv) : fail(`takes its encryption from ${name}, which is not encrypted at rest`, sourceEv, clusterEv);
}
