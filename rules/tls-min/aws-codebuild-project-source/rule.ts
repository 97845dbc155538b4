import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, get, must, asArray, asBool, ev, pass, fail, text } from '../../../src/evaluate/facts.js';

/**
 * `InsecureSsl: true` on a CodeBuild source makes CodeBuild ignore TLS certificate errors when it fetches the
 * code: a man in the middle can serve other source to the build (which then runs with the project's role). The
 * schema documents the default as false and says the flag "should be used for testing purposes only. It should
 * not be used in a production environment" (AWS::CodeBuild::Project Source). The flag is read for GitHub Enterprise
 * sources; vouch fails it on any source that sets it, as the intent it states is the same, and omitted or false
 * passes (certificates checked). Judged on Source and on every SecondarySources entry.
 */
export default defineRule({
  id: 'tls-min/aws-codebuild-project-source',
  control: 'tls-min',
  title: 'CodeBuild projects verify the TLS certificate of their source repositories',
  severity: 'medium',
  risk: 'With certificate checks off, anyone on the network path to the repository can hand the build other source code, which then runs with the project role and credentials.',
  remediation: {
    text: 'Remove InsecureSsl (or set it to false) and give the GitHub Enterprise server a certificate CodeBuild trusts (BuildSpec or a custom CA in the image if it is private).',
    cloudformation: 'Source:\n  Type: GITHUB_ENTERPRISE\n  Location: https://git.example.com/team/app.git\n  InsecureSsl: false',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-source.html',
    'https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectSource.html',
  ],
  types: ['aws.codebuild.project'],
  // The live collector does not read CodeBuild projects.
  sources: ['iac'],
  check(r) {
    const sources: { path: string; value: unknown }[] = [{ path: 'Source', value: known(r, 'Source') }];
    asArray(known(r, 'SecondarySources')).forEach((s, i) => sources.push({ path: `SecondarySources[${i}]`, value: s }));
    const out: Verdict[] = [];
    for (const s of sources) {
      const path = `${s.path}.InsecureSsl`;
      const raw = must(get(s.value, 'InsecureSsl'), path);
      const id = text(get(s.value, 'SourceIdentifier') ?? '') || s.path;
      const e = ev(path, raw ?? null, false, raw === undefined || raw === null ? 'omitted: false by default' : undefined);
      const on = raw === undefined || raw === null ? false : asBool(raw);
      if (on === undefined) out.push({ ...fail(`${path} ${text(raw)} is not a boolean: CloudFormation rejects it`, e), subId: id });
      else if (on) out.push({ ...fail(`source ${id} is fetched with TLS certificate errors ignored (InsecureSsl true)`, e), subId: id });
      else out.push({ ...pass(`source ${id} is fetched with the TLS certificate checked`, e), subId: id });
    }
    const failed = out.filter((v) => v.status !== 'pass');
    if (failed.length) return failed;
    return pass(`all ${out.length} source(s) are fetched with TLS certificates checked`, ev('Source.InsecureSsl', get(sources[0]!.value, 'InsecureSsl') ?? null, false, 'omitted: false by default'));
  },
});
