import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, fail } from '../../../src/evaluate/facts.js';

/**
 * An Amazon ECR Public repository is public by definition: anyone, signed in or not,
 * can pull its images from public.ecr.aws, and no property or policy of the repository
 * can restrict pulls (its RepositoryPolicyText governs who may push). So every one fails
 * the public-access control; a team that publishes images on purpose acknowledges the
 * finding with a suppression that says so.
 */
export default defineRule({
  id: 'public-access/aws-ecr-public-repository',
  control: 'public-access',
  title: 'No container images are published in Amazon ECR Public repositories',
  severity: 'medium',
  risk: 'Every image in an ECR Public repository, with the code, dependencies and any secrets baked into its layers, can be pulled by anyone on the internet.',
  remediation: {
    text: 'Keep private images in a private ECR repository (AWS::ECR::Repository). If the images are meant to be public, suppress this finding with that reason.',
    cdk: "new ecr.Repository(this, 'Images', { repositoryName: 'example-cli' })",
    cloudformation: 'Type: AWS::ECR::Repository\nProperties:\n  RepositoryName: example-cli',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECR/latest/public/public-repositories.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecr-publicrepository.html',
  ],
  types: ['aws.ecr.public-repository'],
  // No live collector reads ECR Public: judged in templates only.
  sources: ['iac'],
  check(r) {
    // The name is evidence only: whatever it is, the repository is public.
    const name = get(r.properties, 'RepositoryName');
    return fail('an ECR Public repository: anyone can pull its images from public.ecr.aws', ev('Type', 'AWS::ECR::PublicRepository', 'a private repository (AWS::ECR::Repository)', 'ECR Public repositories are public by definition'), ev('RepositoryName', name ?? null));
  },
});
