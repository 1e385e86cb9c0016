// `npm run docs`: writes the API reference generated from the TSDoc of lib/ to dist/API.md, and refreshes the rule
// table in README.md from the rule registry.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readApi, renderApi } from './api-model';
import { withGeneratedTables } from './rules-table';

const root = resolve(__dirname, '..', '..');
const out = join(root, 'dist');
mkdirSync(out, { recursive: true });
const items = readApi();
writeFileSync(join(out, 'API.md'), renderApi(items));
console.log(`dist/API.md: ${items.length} classes, interfaces, enums and functions`);
const readme = join(root, 'README.md');
writeFileSync(readme, withGeneratedTables(readFileSync(readme, 'utf8')));
console.log('README.md: rule and app.yaml finding tables refreshed');
