import type { CommandModule } from 'yargs';
import { PROVIDER_CLIS } from './providers.js';
import { scanAllCommand } from './scan-all.js';
import { COMMAND_SPECS } from './specs.js';

/**
 * `vouch scan <provider>`: live scans. Each provider's subcommand lives in its
 * own module (scan-aws.ts, scan-gcp.ts, scan-digitalocean.ts), found through
 * the provider registry (./providers.ts); provider SDKs load only inside the
 * chosen handler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const providers: CommandModule<any, any>[] = [...PROVIDER_CLIS.map((p) => p.scan), scanAllCommand];

export const scanCommand: CommandModule = {
  ...COMMAND_SPECS.scan,
  builder: (y) => {
    for (const p of providers) y.command(p);
    return y.demandCommand(1, `Name a provider: vouch scan ${[...PROVIDER_CLIS.map((p) => p.name), 'all'].join(' | ')}`);
  },
  handler: () => {},
};
