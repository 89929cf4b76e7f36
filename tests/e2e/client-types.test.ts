/** client/chokepoint.d.ts is what openapi-typescript makes of the committed openapi/openapi.json. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_PATH, renderClientTypes } from '../../scripts/client-types.js';

let rendered: string;

beforeAll(async () => {
  rendered = await renderClientTypes();
});

describe('client/chokepoint.d.ts', () => {
  it('matches the types generated from openapi/openapi.json', () => {
    const committed = readFileSync(CLIENT_TYPES_PATH, 'utf8');
    expect(committed === rendered, 'client/chokepoint.d.ts is stale: run `npm run client:types` (after `npm run openapi`)').toBe(true);
  });

  it('types every operation of the spec, with the HTTP conventions on it', () => {
    const spec = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(spec.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(operationIds.length).toBeGreaterThan(30);
    for (const id of operationIds) expect(rendered, id).toContain(`    ${id}: {`);
    for (const path of Object.keys(spec.paths)) expect(rendered, path).toContain(`    "${path}": {`);
    // The conventions the server adds are in the types, not only in prose.
    // Shared parameters, headers and responses are components (see src/plugins/openapi-compact.ts), named in the types.
    expect(rendered).toContain('ETag: components["headers"]["ETag"];');
    expect(rendered).toContain('cursor?: components["parameters"]["query.cursor"];');
    expect(rendered).toContain('"text/csv": components["schemas"]["CsvTable"];');
    expect(rendered).toContain('CsvTable: string;');
    expect(rendered).toContain('304: components["responses"]["NotModified"];');
    expect(rendered).toMatch(/NotModified: \{\s+headers: \{\s+ETag: components\["headers"\]\["ETag"\];/);
    expect(rendered).toMatch(/\/\*\* @description Strong validator[^*]*\*\/\s+ETag: string;/);
    expect(rendered).toContain('"Retry-After": components["headers"]["Retry-After"];');
    expect(rendered).toContain('"Retry-After": number;');
  });
});
