import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const VISIBILITIES = ['PUBLIC_READ', 'PRIVATE'];

/**
 * `Visibility: PUBLIC_READ` makes a CodeBuild project's build results public: anyone, without an AWS account, can
 * read its build history, logs and artifacts through the public build URL (CodeBuild "Public build projects"); the
 * schema's only other value is PRIVATE, and a project is private unless Visibility says otherwise. Build logs carry
 * whatever the build prints (environment values, paths, internal host names), so PUBLIC_READ fails; PRIVATE or
 * omitted passes. A value from a parameter without a default is unknown.
 */
export default defineRule({
  id: 'public-access/aws-codebuild-project-visibility',
  control: 'public-access',
  title: 'CodeBuild projects do not publish their builds to the public',
  severity: 'high',
  risk: 'A public build project lets anyone on the internet read its build logs and artifacts, which often print configuration, internal names or secrets a build step echoed.',
  remediation: {
    text: 'Remove Visibility (or set it to PRIVATE) and share build results through IAM instead.',
    cloudformation: 'Type: AWS::CodeBuild::Project\nProperties:\n  Visibility: PRIVATE',
  },
  references: [
    'https://docs.aws.amazon.com/codebuild/latest/userguide/public-builds.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-codebuild-project.html',
  ],
  types: ['aws.codebuild.project'],
  // The live collector does not read CodeBuild projects.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'Visibility');
    const e = ev('Visibility', raw ?? null, 'PRIVATE', raw === undefined || raw === null ? 'omitted: projects are private by default' : undefined);
    if (raw === undefined || raw === null) return pass('the build results are private', e);
    const v = text(raw).trim().toUpperCase();
    if (!VISIBILITIES.includes(v)) return fail(`Visibility ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('Visibility', text(raw), VISIBILITIES.join(', ')) });
    return v === 'PUBLIC_READ' ? fail('anyone on the internet can read the build logs and artifacts (Visibility PUBLIC_READ)', e) : pass('the build results are private', e);
  },
});
