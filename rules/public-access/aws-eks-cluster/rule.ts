import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, asBool, asArray, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { isOpenToWorld } from '../../../src/lib/network.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { CDK_EKS_CLUSTER, eksShape } from '../_eks.js';

export default defineRule({
  id: 'public-access/aws-eks-cluster',
  control: 'public-access',
  title: 'EKS API server endpoints are private or limited to known networks',
  severity: 'high',
  risk: 'By default the Kubernetes API server answers from the whole internet; a leaked kubeconfig or token, or an API server flaw, is then exploitable from anywhere.',
  remediation: {
    text: 'Set EndpointPublicAccess: false with EndpointPrivateAccess: true, or restrict PublicAccessCidrs to the networks that administer the cluster.',
    cdk: "new eks.Cluster(this, 'Cluster', { ..., endpointAccess: eks.EndpointAccess.PRIVATE })  // or PUBLIC_AND_PRIVATE.onlyFrom('203.0.113.0/24')",
    cloudformation: 'ResourcesVpcConfig:\n  EndpointPublicAccess: false\n  EndpointPrivateAccess: true',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-resourcesvpcconfig.html'],
  types: ['aws.eks.cluster', CDK_EKS_CLUSTER],
  // No live collector reads EKS: judged in templates only (AWS::EKS::Cluster and aws-cdk-lib's eks.Cluster custom resource).
  sources: ['iac'],
  check(r) {
    const s = eksShape(r);
    const rawPublic = known(r, s.publicAccess);
    const isPublic = rawPublic === undefined || rawPublic === null ? true : asBool(rawPublic);
    const pubEv = ev(s.publicAccess, rawPublic ?? null, false, rawPublic === undefined ? 'omitted: the EKS default is true (public endpoint)' : undefined);
    if (isPublic === undefined) return fail(`EndpointPublicAccess ${text(rawPublic)} is not a valid value`, ev(s.publicAccess, rawPublic, false, notAValidValue('EndpointPublicAccess', text(rawPublic), 'true or false')));
    if (!isPublic) return pass('API server endpoint is private', pubEv);
    const rawCidrs = known(r, s.publicAccessCidrs);
    const cidrs = asArray(rawCidrs).map((c, i) => must(c, `${s.publicAccessCidrs}[${i}]`));
    const cidrEv = ev(s.publicAccessCidrs, rawCidrs ?? null, 'specific networks, not 0.0.0.0/0 or ::/0', rawCidrs === undefined || cidrs.length === 0 ? 'omitted: the EKS default is 0.0.0.0/0' : undefined);
    if (cidrs.length === 0) return fail('API server endpoint is public to the whole internet (PublicAccessCidrs defaults to 0.0.0.0/0)', pubEv, cidrEv);
    const world = cidrs.filter(isOpenToWorld);
    if (world.length) return fail(`API server endpoint is public to the whole internet (${world.map(text).join(', ')})`, pubEv, cidrEv);
    return pass(`API server endpoint is public only to ${cidrs.map(text).join(', ')}`, pubEv, cidrEv);
  },
});
