/**
 * Live AWS rules whose violation moto 5.2.1 cannot be made to show, why, and
 * the loopback test that plants the violation in the service's own wire format
 * instead. The e2e world (e2e.test.ts) checks that none of them passes there
 * unless moto's answer is itself true (`truePassInMoto`); the loopback tests
 * check that each fails on its planted resource.
 */
export const NOT_EMULATED: Record<string, { why: string; test: string; truePassInMoto?: boolean }> = {
  'cache-no-backup/aws-elasticache-serverless-cache': { why: 'DescribeServerlessCaches answers HTTP 500 (not implemented)', test: 'not-emulated.test.ts' },
  'backup-retention/aws-dynamodb-global-table': { why: 'tables have no replicas in moto, so no global table exists', test: 'not-emulated.test.ts' },
  'data-residency/aws-dynamodb-global-table': { why: 'tables have no replicas in moto, so no global table exists', test: 'not-emulated.test.ts' },
  'iam-least-privilege/aws-root-access-keys': { why: "moto's root user never has access keys (GetAccountSummary AccountAccessKeysPresent is always 0)", test: 'not-emulated-iam.test.ts', truePassInMoto: true },
  'iam-least-privilege/aws-access-key-age': { why: 'moto dates every credential report 2015-02-02, so ages measured from it are unknown', test: 'not-emulated-iam.test.ts' },
  'iam-least-privilege/aws-unused-credentials': { why: 'moto dates every credential report 2015-02-02, so ages measured from it are unknown', test: 'not-emulated-iam.test.ts' },
  // The e2e world's role has a customer policy attached: a true pass.
  'iam-least-privilege/aws-iam-admin-managed-policy': { why: 'moto loads no AWS managed policies by default, so AdministratorAccess cannot be attached', test: 'not-emulated-iam.test.ts', truePassInMoto: true },
  'iam-least-privilege/aws-iam-full-access-managed-policy': { why: 'moto loads no AWS managed policies by default, so AmazonS3FullAccess cannot be attached', test: 'not-emulated-iam.test.ts', truePassInMoto: true },
  'security-monitoring/aws-access-analyzer': { why: "moto 5.2.1's ListAnalyzers answer does not parse (HTTP 500), so the rule is unknown and not collected", test: 'cis-monitoring.test.ts' },
};
