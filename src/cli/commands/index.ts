import type { CommandModule } from 'yargs';
import { checkCommand } from './check.js';
import { rulesCommand } from './rules.js';
import { controlsCommand } from './controls.js';
import { scanCommand } from './scan.js';
import { mergeCommand } from './merge.js';
import { claimsCommand } from './claims.js';
import { evaluateCommand } from './evaluate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [checkCommand, rulesCommand, controlsCommand, scanCommand, mergeCommand, claimsCommand, evaluateCommand];
