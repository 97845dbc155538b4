import { main } from './main.js';
import { workAbandoned } from '../collectors/common/deadline.js';

main().then(
  (code) => {
    process.exitCode = code;
    // A run abandoned at its --deadline may leave a stuck socket behind: exit instead of waiting on it.
    if (workAbandoned()) process.exit(code);
  },
  (e) => {
    process.stderr.write(`vouch: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
