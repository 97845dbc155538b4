import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, asArray, asRecord, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { CDK_EKS_CLUSTER, eksShape } from '../../public-access/_eks.js';

/** EKS envelope-encrypts all Kubernetes API data (Secrets included) with an AWS-owned KMS key from 1.28 on. */
const DEFAULT_ENVELOPE_FROM = [1, 28] as const;

function parseVersion(v: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export default defineRule({
  id: 'secrets-encrypted/aws-eks-cluster',
  control: 'secrets-encrypted',
  title: 'EKS clusters envelope-encrypt Kubernetes Secrets with KMS',
  severity: 'high',
  risk: 'Kubernetes Secrets (tokens, passwords, keys) stored in etcd without envelope encryption are readable by anyone with access to the etcd data.',
  remediation: {
    text: 'Run Kubernetes 1.28 or newer (EKS then envelope-encrypts all API data with an AWS-owned key) or add EncryptionConfig with Resources [secrets] and a customer-managed KMS key.',
    cdk: "new eks.Cluster(this, 'Cluster', { ..., secretsEncryptionKey: key })",
    cloudformation: 'EncryptionConfig:\n  - Resources: [secrets]\n    Provider:\n      KeyArn: !GetAtt SecretsKey.Arn',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-encryptionconfig.html'],
  types: ['aws.eks.cluster', CDK_EKS_CLUSTER],
  // No live collector reads EKS: judged in templates only (AWS::EKS::Cluster and aws-cdk-lib's eks.Cluster custom resource).
  sources: ['iac'],
  check(r, { params }) {
    const s = eksShape(r);
    const rawConfig = known(r, s.encryptionConfig);
    const withSecrets = asArray(rawConfig).some((c, i) => {
      const resources = asArray(must(asRecord(must(c, `${s.encryptionConfig}[${i}]`))[s.encryptionResources], `${s.encryptionConfig}[${i}].${s.encryptionResources}`));
      return resources.some((x, j) => text(must(x, `${s.encryptionConfig}[${i}].${s.encryptionResources}[${j}]`)) === 'secrets');
    });
    const configEv = ev(s.encryptionConfig, rawConfig ?? null, 'Resources [secrets] with a KMS key');
    if (withSecrets) return pass('Kubernetes Secrets are envelope-encrypted with the KMS key given', configEv);
    if (params.requireCustomerManagedKeys) return fail('no EncryptionConfig for secrets: Secrets are not encrypted with a customer-managed key, which the claim requires', configEv);
    const rawVersion = known(r, s.version);
    const versionEv = ev(s.version, rawVersion ?? null, `${DEFAULT_ENVELOPE_FROM.join('.')} or newer`, rawVersion === undefined ? 'omitted: EKS creates the cluster at its current default version, 1.28 or newer' : undefined);
    if (rawVersion === undefined || rawVersion === null)
      return pass('Kubernetes Secrets are envelope-encrypted by default (EKS 1.28+, AWS-owned KMS key)', configEv, versionEv);
    const version = parseVersion(text(rawVersion));
    if (!version) return unknown(`Version ${text(rawVersion)} is not one vouch can compare`, configEv, versionEv);
    const atLeast = version[0] > DEFAULT_ENVELOPE_FROM[0] || (version[0] === DEFAULT_ENVELOPE_FROM[0] && version[1] >= DEFAULT_ENVELOPE_FROM[1]);
    return atLeast
      ? pass(`Kubernetes Secrets are envelope-encrypted by default (EKS ${text(rawVersion)}, AWS-owned KMS key)`, configEv, versionEv)
      : fail(`Kubernetes ${text(rawVersion)} predates default envelope encryption and no EncryptionConfig covers secrets`, configEv, versionEv);
  },
});
