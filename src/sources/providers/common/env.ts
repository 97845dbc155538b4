/**
 * The environment a source reads its settings from: the caller's
 * (`RunContext.env`, which the CLI builds from the process in bin.ts), passed
 * down, never `process.env` read here. A source given no environment reads
 * none (`{}`): no proxy, no endpoint override, the default home region.
 *
 * Read through this (from the caller's environment):
 * - AWS: `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>` (clients.ts
 *   endpointFor, storage/s3.ts), `AWS_REGION` / `AWS_DEFAULT_REGION` (the
 *   home region of a scan, collectors/scan.ts).
 * - GCP: `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` (collectors/http.ts).
 * - DigitalOcean: the token (`DIGITALOCEAN_TOKEN` or `--token-env NAME`) and
 *   the Spaces keys (src/cli/commands/scan-digitalocean.ts reads ctx.env).
 *
 * Kept where the cloud SDK reads the process environment itself, on purpose:
 * - The AWS SDK's default credential chain (`AWS_ACCESS_KEY_ID`,
 *   `AWS_PROFILE`, SSO, web identity, container and instance metadata
 *   variables, `AWS_CONFIG_FILE`...) and its region/config resolution. The
 *   chain is security-sensitive and reads some twenty variables and two
 *   files; copying it to read another map would be a hand-kept duplicate.
 *   A `--profile` or `--role-arn` is passed explicitly.
 * - Google Application Default Credentials (google-auth-library reads
 *   `GOOGLE_APPLICATION_CREDENTIALS`, `CLOUDSDK_CONFIG` and the metadata
 *   server variables) for the same reason.
 * So an embedding program that wants other cloud credentials than its own
 * process's sets them in `process.env` (test/helpers/in-process.ts does) or
 * passes explicit options; vouch's own settings come only from `env`.
 */
export type SourceEnv = Readonly<Record<string, string | undefined>>;
