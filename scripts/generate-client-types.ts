/** Writes TypeScript types for openapi-fetch, generated from openapi/openapi.json, to client/chokepoint.d.ts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CLIENT_TYPES_PATH, renderClientTypes } from './client-types.js';

mkdirSync(dirname(CLIENT_TYPES_PATH), { recursive: true });
writeFileSync(CLIENT_TYPES_PATH, await renderClientTypes());
console.log(`Wrote ${CLIENT_TYPES_PATH}`);
