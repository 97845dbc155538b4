import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';

const SERVICE: Record<string, string> = { 'aws.docdb.db-cluster': 'DocumentDB', 'aws.neptune.db-cluster': 'Neptune' };

/**
 * FSBP DocumentDB.5 / Neptune.4: a DocumentDB or Neptune cluster keeps its data against one delete call only with
 * DeletionProtection true. Both services create clusters through the RDS API, where deletion protection is off unless
 * asked for: DocumentDB turns it on by default only in the console ("disabled by default if you create a cluster using
 * the AWS CLI", Deleting an Amazon DocumentDB cluster), and Neptune's CreateDBCluster leaves it off too. So omitted is
 * off, as for RDS (deletion-protection/aws-rds-deletion-protection). A value set through a parameter without a default
 * is unknown (the known() read).
 */
export default defineRule({
  id: 'deletion-protection/aws-docdb-neptune-cluster',
  control: 'deletion-protection',
  title: 'DocumentDB and Neptune clusters have deletion protection',
  severity: 'medium',
  risk: 'Without deletion protection one API call, or a stack update that replaces the cluster, deletes the database and its automated backups.',
  remediation: {
    text: 'Set DeletionProtection: true on the cluster.',
    cdk: "new docdb.DatabaseCluster(this, 'Docs', { ..., deletionProtection: true })",
    cloudformation: 'Type: AWS::DocDB::DBCluster\nProperties:\n  DeletionProtection: true',
  },
  references: [
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-delete.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbcluster.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/documentdb-controls.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/neptune-controls.html',
  ],
  types: Object.keys(SERVICE),
  // The live collectors do not read DocumentDB or Neptune clusters.
  sources: ['iac'],
  check(r) {
    const service = SERVICE[r.type] ?? 'the';
    const raw = known(r, 'DeletionProtection');
    const e = ev('DeletionProtection', raw ?? null, true, raw === undefined || raw === null ? 'omitted: deletion protection is off unless asked for (on by default only in the console)' : undefined);
    const on = raw === undefined || raw === null ? false : asBool(raw);
    if (on === undefined) return fail(`DeletionProtection ${text(raw)} is not a boolean: CloudFormation rejects it`, e);
    return on ? pass(`the ${service} cluster has deletion protection`, e) : fail(`the ${service} cluster can be deleted by one call: deletion protection is off`, e);
  },
});
