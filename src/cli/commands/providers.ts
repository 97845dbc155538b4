/**
 * The CLI of each cloud, keyed by the provider registry (src/providers): the
 * mapped type makes a provider without its CLI a compile error, and every list
 * of clouds (`scan <cloud>`, `plan scan <cloud>`, `scan all`) is read from here
 * in the registry's order.
 */
import type { Provider } from '../../model/resource.js';
import { PROVIDERS } from '../../sources/providers/index.js';
import type { ProviderCli } from '../provider-cli.js';
import { awsCli } from './scan-aws.js';
import { gcpCli } from './scan-gcp.js';
import { digitalOceanCli } from './scan-digitalocean.js';

const CLI: { readonly [P in Provider]: ProviderCli } = { aws: awsCli, gcp: gcpCli, digitalocean: digitalOceanCli };

/** Every cloud with its CLI, in the registry's order. */
export const PROVIDER_CLIS: readonly (ProviderCli & { name: Provider })[] = (Object.keys(PROVIDERS) as Provider[]).map((name) => ({ name, ...CLI[name] }));
