/**
 * The config file (`vouch.config.yaml`), defined once: src/cli/config.ts
 * loads it through this schema, its types are inferred here and
 * `schema/config.schema.json` is generated from it.
 */
import { z } from 'zod';
import { SEVERITIES } from '../evaluate/rule.js';

const quoted = (what: string) => z.string({ error: (i) => (i.input === undefined ? undefined : `expected a string; quote ${what} (YAML reads bare digits as a number)`) }).min(1);
const list = (what: string) => z.array(quoted(what));
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const configSchema = z.strictObject({
  version: z.literal(1).optional(),
  sources: z
    .strictObject({
      iac: z
        .union([
          z.array(z.string().min(1)).min(1),
          z.strictObject({
            paths: z.array(z.string().min(1)).min(1),
            parameters: z.record(z.string(), scalar).optional(),
            region: z.string().optional(),
            account: quoted('account ids').optional(),
          }),
        ])
        .optional(),
      aws: z
        .strictObject({
          profile: z.string().min(1).optional(),
          regions: list('regions').optional(),
          roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'expected an IAM role ARN').optional(),
          orgRole: z.string().regex(/^[\w+=,.@/-]{1,64}$/, 'expected an IAM role name').optional(),
          accounts: z.array(quoted('account ids').pipe(z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'))).optional(),
          /** API endpoints for emulators or proxies (NAME: URL), as `--endpoint NAME=URL` on the scan command. */
          endpoints: z.record(z.string().min(1), z.string().min(1)).optional().describe("API endpoints for emulators or proxies (NAME: URL), as --endpoint NAME=URL on the scan command."),
        })
        .optional(),
      gcp: z
        .strictObject({
          projects: list('project ids').optional(),
          organization: quoted('organization ids').optional(),
          folder: quoted('folder ids').optional(),
          /** API endpoints for emulators or proxies (NAME: URL), as `--endpoint NAME=URL` on the scan command. */
          endpoints: z.record(z.string().min(1), z.string().min(1)).optional().describe("API endpoints for emulators or proxies (NAME: URL), as --endpoint NAME=URL on the scan command."),
        })
        .optional(),
      digitalocean: z
        .strictObject({
          /** Name of the environment variable holding the token (never the token). */
          tokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name such as DIGITALOCEAN_TOKEN').optional().describe("Name of the environment variable holding the token (never the token)."),
          /** API endpoints for emulators or proxies (NAME: URL), as `--endpoint NAME=URL` on the scan command. */
          endpoints: z.record(z.string().min(1), z.string().min(1)).optional().describe("API endpoints for emulators or proxies (NAME: URL), as --endpoint NAME=URL on the scan command."),
        })
        .optional(),
    })
    .optional(),
  claims: z.string().min(1).optional(),
  suppressions: z.string().min(1).optional(),
  /** Regions to scan (all providers); each provider's own list wins. */
  regions: list('regions').optional().describe("Regions to scan (all providers); each provider's own list wins."),
  concurrency: z.number().int().min(1).max(256).optional(),
  output: z
    .strictObject({
      out: z.string().min(1).optional(),
      formats: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]).optional(),
      failOn: z.enum(SEVERITIES).optional(),
    })
    .optional(),
}).meta({
  $id: 'https://vouch.dev/schema/config-1.json',
  title: 'vouch config file',
  description: 'vouch.config.yaml: sources, claims, suppressions, regions, concurrency and output for every command. Paths are relative to the file; flags win over it. It never holds a secret (DigitalOcean: tokenEnv names the variable).',
});

export type ConfigInput = z.infer<typeof configSchema>;

/** `sources.iac` in its long form (the short form is a list of paths). */
export type IacSource = Exclude<NonNullable<NonNullable<ConfigInput['sources']>['iac']>, string[]>;
