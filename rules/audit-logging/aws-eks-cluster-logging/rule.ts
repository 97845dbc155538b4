import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, asArray, asRecord, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { CDK_EKS_CLUSTER, eksShape } from '../../public-access/_eks.js';

export default defineRule({
  id: 'audit-logging/aws-eks-cluster-logging',
  control: 'audit-logging',
  title: 'EKS clusters send Kubernetes audit logs to CloudWatch Logs',
  severity: 'medium',
  risk: 'Without the control-plane audit log there is no record of who called the Kubernetes API: who read Secrets, who changed RBAC, who exec-ed into pods.',
  remediation: {
    text: 'Enable the audit (and api, authenticator) control-plane log types.',
    cdk: "new eks.Cluster(this, 'Cluster', { ..., clusterLogging: [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR] })",
    cloudformation: 'Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit\n      - Type: authenticator',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html'],
  types: ['aws.eks.cluster', CDK_EKS_CLUSTER],
  // No live collector reads EKS: judged in templates only (AWS::EKS::Cluster and aws-cdk-lib's eks.Cluster custom resource).
  sources: ['iac'],
  check(r) {
    const s = eksShape(r);
    const E = s.logging;
    const raw = known(r, E);
    // CloudFormation lists enabled types ([{ Type }]); the CDK request lists groups ([{ enabled, types }]).
    const entries = s.cdk
      ? asArray(raw).flatMap((g, i) => {
          const group = asRecord(must(g, `${E}[${i}]`));
          // A group switched on or off by a value the template does not settle (a dynamic reference) is unknown, not on.
          const enabled = must(group.enabled, `${E}[${i}].enabled`);
          return enabled === false || enabled === 'false' ? [] : asArray(must(group.types, `${E}[${i}].types`));
        })
      : asArray(raw).map((t) => (isUnresolved(t) ? t : asRecord(t).Type));
    // A literal audit entry settles it, whatever the other entries resolve to.
    if (!entries.includes('audit')) entries.forEach((t, i) => must(t, `${E}[${i}].Type`));
    const types = entries.filter((t) => !isUnresolved(t)).map(text);
    const evidence = ev(E, types.length ? types : null, 'includes audit', raw === undefined ? 'omitted: EKS sends no control-plane logs unless log types are enabled' : undefined);
    if (types.includes('audit')) return pass(`control plane logs ${types.join(', ')}`, evidence);
    return fail(types.length ? `control plane logs ${types.join(', ')} but not the Kubernetes audit log` : 'cluster sends no control-plane logs', evidence);
  },
});
