// `npm run docs`: writes the API reference generated from the TSDoc of lib/ to dist/API.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readApi, renderApi } from './api-model';

const out = resolve(__dirname, '..', '..', 'dist');
mkdirSync(out, { recursive: true });
const items = readApi();
writeFileSync(join(out, 'API.md'), renderApi(items));
console.log(`dist/API.md: ${items.length} classes, interfaces and enums`);
