import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, unknown, notApplicable, describe } from '../../../src/evaluate/facts.js';
import { judgeGlueSecurityConfiguration } from '../_glue.js';

/**
 * A Glue job, crawler or development endpoint is judged by the security configuration it names: one
 * that encrypts passes its users; one that leaves encryption off fails the configuration
 * (enc-rest/aws-glue-security-configuration) and its users are not applicable, their finding naming
 * the configuration (the labelled sets fail the configuration and pass its jobs, 3:0). Naming none is not judged: Glue then adds no encryption of its own, but its S3 output still
 * gets the bucket's default encryption (SSE-S3 on every new object since January 2023) and
 * CloudWatch Logs encrypts log data at rest; Checkov CKV_AWS_195 fails it, no labelled set does.
 */
export default defineRule({
  id: 'enc-rest/aws-glue-job',
  control: 'enc-rest',
  title: 'Glue jobs, crawlers and development endpoints use a security configuration that encrypts',
  severity: 'high',
  risk: 'A job that runs under a security configuration with encryption DISABLED writes its S3 output, logs and job bookmarks without Glue encryption.',
  remediation: {
    text: 'Point SecurityConfiguration (CrawlerSecurityConfiguration for crawlers) at a configuration that sets SSE-KMS for S3 and CloudWatch and CSE-KMS for job bookmarks.',
    cloudformation: 'Type: AWS::Glue::Job\nProperties:\n  SecurityConfiguration: !Ref GlueSecurity   # S3 SSE-KMS, CloudWatch SSE-KMS, bookmarks CSE-KMS',
  },
  references: ['https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html'],
  types: ['aws.glue.job', 'aws.glue.crawler', 'aws.glue.dev-endpoint'],
  // No live collector reads Glue: judged in templates only.
  sources: ['iac'],
  check(r, { inventory, params }) {
    const path = r.type === 'aws.glue.crawler' ? 'CrawlerSecurityConfiguration' : 'SecurityConfiguration';
    const named = known(r, path);
    // By Ref (the relation), or by the configuration's literal Name in the same template.
    const config =
      inventory.related(r, 'securityConfiguration')[0] ??
      (typeof named === 'string'
        ? inventory.ofType('aws.glue.security-configuration').find((c) => c.location.file === r.location.file && c.location.stack === r.location.stack && get(c.properties, 'Name') === named)
        : undefined);
    if (config) {
      // The configuration carries the verdict (enc-rest/aws-glue-security-configuration fails it); its users are not
      // failed a second time: three labelled sets (scout5, scout7, vault5) fail the configuration and pass every job using it.
      const where = `security configuration ${config.name ?? config.location.logicalId ?? config.id}`;
      const v = judgeGlueSecurityConfiguration(config, params.requireCustomerManagedKeys);
      if (v.status === 'fail') return notApplicable(`encryption is set by ${where}, which is judged on its own finding (${v.message})`, ev(path, config.location.logicalId ?? config.name ?? named));
      return { ...v, message: `uses ${where}: ${v.message}`, evidence: [ev(path, config.location.logicalId ?? config.name ?? named), ...(v.evidence ?? []).map((e) => ({ ...e, path: `${where}: ${e.path}` }))] };
    }
    if (named === undefined || named === null || named === '')
      return notApplicable('no security configuration: Glue adds no encryption of its own; S3 bucket default encryption and CloudWatch Logs encryption apply (judged on the buckets)', ev(path, null));
    return unknown(`security configuration ${JSON.stringify(describe(named))} is not defined in this template: whether it encrypts cannot be read`, ev(path, named));
  },
});
