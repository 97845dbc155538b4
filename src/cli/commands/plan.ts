import type { CommandModule } from 'yargs';
import { PROVIDER_CLIS } from './providers.js';
import { COMMAND_SPECS } from './specs.js';

/**
 * `vouch plan scan <provider> --shards N [the scan's selection flags]`: the
 * work units of a scan and the shard each lands on, as JSON, from read-only
 * enumeration calls only (accounts, regions, projects) — nothing is collected.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const providers: CommandModule<any, any>[] = PROVIDER_CLIS.map((p) => p.plan);

export const planCommand: CommandModule = {
  ...COMMAND_SPECS.plan,
  builder: (y) =>
    y
      .command({
        command: 'scan <provider>',
        describe: 'Work units per shard of `vouch scan <provider> --shard K/N`, as JSON',
        builder: (s) => {
          for (const p of providers) s.command(p);
          return s.demandCommand(1, `Name a provider: vouch plan scan ${PROVIDER_CLIS.map((p) => p.name).join(' | ')}`);
        },
        handler: () => {},
      })
      .demandCommand(1, 'vouch plan scan <provider> --shards N'),
  handler: () => {},
};
