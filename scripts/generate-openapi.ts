/** Writes the OpenAPI 3.1 document generated from the route schemas to openapi/openapi.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { renderOpenApi } from './openapi-document.js';

const target = join(PROJECT_ROOT, 'openapi', 'openapi.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, await renderOpenApi());
console.log(`Wrote ${target}`);
