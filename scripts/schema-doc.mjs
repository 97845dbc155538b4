// Write schema/*.schema.json from the zod schemas that define each contract
// (src/schema/). Run through `npm run schema:doc`, which builds dist/ first;
// test/schema/published.test.ts fails when a committed file differs.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { PUBLISHED, jsonSchemaText } = await import(join(root, 'dist/src/schema/json-schema.js'));
for (const p of PUBLISHED) {
  writeFileSync(join(root, 'schema', p.file), jsonSchemaText(p));
  console.log(`schema/${p.file}`);
}
