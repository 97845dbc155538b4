import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 1.17: the cluster's persistent disks (and, with `kmsKey`, its job
 * arguments) are encrypted with a Cloud KMS key. Like 7.3, the benchmark asks
 * for customer-managed keys where enc-rest accepts Google's default AES-256,
 * so the rule lives here: a cluster with Google-managed keys fails the
 * benchmark without failing an "encrypted at rest" claim.
 */
export default defineRule({
  id: 'platform-hardening/gcp-dataproc-cluster',
  control: 'platform-hardening',
  title: 'Dataproc clusters are encrypted with a customer-managed key',
  severity: 'low',
  risk: 'With Google-managed keys only, the organization cannot revoke or rotate access to the cluster\'s disks and job data on its own schedule.',
  remediation: {
    text: 'Recreate the cluster with a Cloud KMS key (the encryption of an existing cluster cannot be changed); grant the Dataproc and Compute Engine service agents the Encrypter/Decrypter role on the key.',
    cli: 'gcloud dataproc clusters create CLUSTER --region=REGION --kms-key=projects/P/locations/L/keyRings/R/cryptoKeys/K',
  },
  references: ['https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/customer-managed-encryption', 'https://cloud.google.com/dataproc/docs/reference/rest/v1/ClusterConfig#EncryptionConfig'],
  types: ['gcp.dataproc.cluster'],
  sources: ['live'],
  check(r) {
    requireCollected(r, 'config.encryptionConfig');
    for (const path of ['config.encryptionConfig.gcePdKmsKeyName', 'config.encryptionConfig.kmsKey']) {
      const key = known(r, path);
      if (typeof key === 'string' && key) return pass('the cluster is encrypted with a customer-managed key', ev(path, key, 'a Cloud KMS key'));
    }
    return fail('no customer-managed key: the cluster\'s disks use Google-managed keys', ev('config.encryptionConfig.gcePdKmsKeyName', null, 'a Cloud KMS key'));
  },
});
