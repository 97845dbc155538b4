import { main } from './main.js';

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`vouch: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
