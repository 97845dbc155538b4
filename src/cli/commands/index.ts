import type { CommandModule } from 'yargs';
import { checkCommand } from './check.js';
import { rulesCommand } from './rules.js';
import { controlsCommand } from './controls.js';
import { claimsCommand } from './claims.js';
import { evaluateCommand } from './evaluate.js';
import { scanCommand } from './scan.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [checkCommand, rulesCommand, controlsCommand, scanCommand, claimsCommand, evaluateCommand];
