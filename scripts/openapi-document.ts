import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

/**
 * JSON with one line per entry at `depth` (each path's operations, each component), nested deeper on that line:
 * a change to one operation or one schema is a one-line diff, and the file is not mostly indentation.
 */
export function formatOpenApi(value: unknown, depth = 3, indent = ''): string {
  if (depth === 0 || value === null || typeof value !== 'object' || Object.keys(value).length === 0) return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((entry) => `${inner}${formatOpenApi(entry, depth - 1, inner)}`)
    : Object.entries(value).map(([key, entry]) => `${inner}${JSON.stringify(key)}: ${formatOpenApi(entry, depth - 1, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${entries.join(',\n')}\n${indent}${close}`;
}

/** The spec as committed: built from an in-memory app, formatted by formatOpenApi, newline-terminated. */
export async function renderOpenApi(): Promise<string> {
  const app = await buildApp(defaultConfig());
  try {
    return `${formatOpenApi(app.swagger())}\n`;
  } finally {
    await app.close();
  }
}
