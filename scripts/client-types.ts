import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { PROJECT_ROOT } from '../src/config.js';

export const OPENAPI_PATH = join(PROJECT_ROOT, 'openapi', 'openapi.json');
export const CLIENT_TYPES_PATH = join(PROJECT_ROOT, 'client', 'chokepoint.d.ts');

const BANNER = `${COMMENT_HEADER.trimEnd()}
/**
 * TypeScript types for the Chokepoint API, generated from openapi/openapi.json.
 * Regenerate with \`npm run client:types\` after \`npm run openapi\`; use with openapi-fetch:
 *   createClient<paths>({ baseUrl })
 */

`;

/** The client types as committed: openapi-typescript's output for the committed spec, newline-terminated. */
export async function renderClientTypes(specPath: string = OPENAPI_PATH): Promise<string> {
  // By URL, so that the examples' relative `externalValue` (openapi/examples/) resolves next to the document.
  const ast = await openapiTS(pathToFileURL(specPath), { silent: true, alphabetize: false });
  return `${BANNER}${astToString(ast).trimEnd()}\n`;
}
