/** Writes the OpenAPI 3.1 document generated from the route schemas to openapi/openapi.json, and its response examples to openapi/examples/. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { renderOpenApiFiles } from './openapi-document.js';

const directory = join(PROJECT_ROOT, 'openapi');
const examplesDirectory = join(directory, 'examples');
const { spec, examples } = await renderOpenApiFiles();
mkdirSync(examplesDirectory, { recursive: true });
writeFileSync(join(directory, 'openapi.json'), spec);
for (const stale of readdirSync(examplesDirectory).filter((file) => !examples.has(file))) rmSync(join(examplesDirectory, stale));
for (const [file, text] of examples) writeFileSync(join(examplesDirectory, file), text);
console.log(`Wrote ${join(directory, 'openapi.json')} and ${examples.size} examples in ${examplesDirectory}`);
