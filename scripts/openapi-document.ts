import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

/** The spec as committed: built from an in-memory app, pretty-printed, newline-terminated. */
export async function renderOpenApi(): Promise<string> {
  const app = await buildApp(defaultConfig());
  try {
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
