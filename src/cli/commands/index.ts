import type { CommandModule } from 'yargs';
import { checkCommand } from './check.js';
import { rulesCommand } from './rules.js';
import { controlsCommand } from './controls.js';
import { scanCommand } from './scan.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { reportCommand } from './report.js';
import { diffCommand } from './diff.js';
import { verifyCommand } from './verify.js';
import { claimsCommand } from './claims.js';
import { evaluateCommand } from './evaluate.js';
import { probeCommand } from './probe.js';
import { driftCommand } from './drift.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  checkCommand,
  scanCommand,
  evaluateCommand,
  probeCommand,
  reportCommand,
  diffCommand,
  driftCommand,
  mergeCommand,
  planCommand,
  verifyCommand,
  rulesCommand,
  controlsCommand,
  claimsCommand,
];
