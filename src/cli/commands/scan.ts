import type { CommandModule } from 'yargs';
import { scanAwsCommand } from './scan-aws.js';
import { scanGcpCommand } from './scan-gcp.js';
import { scanDigitalOceanCommand } from './scan-digitalocean.js';
import { scanAllCommand } from './scan-all.js';

/**
 * `vouch scan <provider>`: live scans. Each provider's subcommand lives in its
 * own module (scan-aws.ts, scan-gcp.ts, scan-digitalocean.ts) and is listed
 * here; provider SDKs load only inside the chosen handler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const providers: CommandModule<any, any>[] = [scanAwsCommand, scanGcpCommand, scanDigitalOceanCommand, scanAllCommand];

export const scanCommand: CommandModule = {
  command: 'scan <provider>',
  describe: 'Scan live cloud accounts (aws, gcp, digitalocean, or all configured sources) with read-only API calls',
  builder: (y) => {
    for (const p of providers) y.command(p);
    return y.demandCommand(1, 'Name a provider: vouch scan aws | gcp | digitalocean | all');
  },
  handler: () => {},
};
