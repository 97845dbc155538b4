import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeMeshListeners } from '../_appmesh.js';

/** An App Mesh virtual node's listeners take TLS only (Mode STRICT); see _appmesh.ts. */
export default defineRule({
  id: 'tls-min/aws-appmesh-virtual-node',
  control: 'tls-min',
  title: 'App Mesh virtual nodes accept only TLS on their listeners',
  severity: 'medium',
  risk: 'A listener without TLS, or in PERMISSIVE mode, lets the Envoy proxy take plaintext: requests and responses between services cross the network readable and alterable.',
  remediation: {
    text: 'Give every listener a TLS block with Mode STRICT and a certificate (ACM, file or SDS); use PERMISSIVE only for the length of a migration.',
    cloudformation: 'Type: AWS::AppMesh::VirtualNode\nProperties:\n  Spec:\n    Listeners:\n      - PortMapping: { Port: 8443, Protocol: http }\n        TLS:\n          Mode: STRICT\n          Certificate:\n            ACM: { CertificateArn: !Ref Certificate }',
  },
  references: [
    'https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual-node-tls.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-appmesh-virtualnode-listenertls.html',
  ],
  types: ['aws.appmesh.virtual-node'],
  // No live collector reads App Mesh: judged in templates only.
  sources: ['iac'],
  check(r) {
    return judgeMeshListeners(r, 'virtual node');
  },
});
