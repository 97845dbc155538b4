/**
 * Where an EKS cluster keeps each setting: `AWS::EKS::Cluster` (CloudFormation
 * names), or the `Custom::AWSCDK-EKS-Cluster` resource that aws-cdk-lib's
 * `eks.Cluster` synthesizes, whose `Config` is the EKS CreateCluster request
 * (camelCase API names) its handler sends. The EKS rules of every control read
 * both through this table.
 */
import type { Resource } from '../../src/model/resource.js';

/** The canonical type of aws-cdk-lib's EKS cluster custom resource. */
export const CDK_EKS_CLUSTER = 'aws.custom.custom-awscdk-eks-cluster';

export interface EksShape {
  publicAccess: string;
  publicAccessCidrs: string;
  version: string;
  /** A list of `{ resources | Resources: [...] }`. */
  encryptionConfig: string;
  encryptionResources: 'Resources' | 'resources';
  /** CloudFormation: `[{ Type }]`; CDK: `[{ enabled, types: [...] }]`. */
  logging: string;
  cdk: boolean;
}

const CFN: EksShape = {
  publicAccess: 'ResourcesVpcConfig.EndpointPublicAccess',
  publicAccessCidrs: 'ResourcesVpcConfig.PublicAccessCidrs',
  version: 'Version',
  encryptionConfig: 'EncryptionConfig',
  encryptionResources: 'Resources',
  logging: 'Logging.ClusterLogging.EnabledTypes',
  cdk: false,
};

const CDK: EksShape = {
  publicAccess: 'Config.resourcesVpcConfig.endpointPublicAccess',
  publicAccessCidrs: 'Config.resourcesVpcConfig.publicAccessCidrs',
  version: 'Config.version',
  encryptionConfig: 'Config.encryptionConfig',
  encryptionResources: 'resources',
  logging: 'Config.logging.clusterLogging',
  cdk: true,
};

export function eksShape(r: Resource): EksShape {
  return r.type === CDK_EKS_CLUSTER ? CDK : CFN;
}
