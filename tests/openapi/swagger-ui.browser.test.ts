/**
 * Swagger UI (/docs) opens the spec the server serves: every operation is listed, and the largest one (a scenario,
 * its response built from component references) expands to its response schemas and its real example answer
 * (an external example file), with no console errors.
 * Debian's Chromium through playwright-core, as in tests/web; without Chromium this fails and says how to install it.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { launchChromium, newContext, poll, SETUP_MS, TEST_MS } from '../helpers/browser.js';
import { operationsOf } from '../helpers/spec.js';

let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  app = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, SETUP_MS);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('Swagger UI at /docs', () => {
  it('lists every operation of the spec and expands a scenario to its response schemas', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const started = Date.now();
      await page.goto(`${base}/docs/`);
      const operations = operationsOf().length;
      // Swagger UI sets no ready attribute: its signal is what it renders, every operation of the spec listed.
      await page.waitForFunction((count) => document.querySelectorAll('.opblock').length >= count, operations);
      const listedMs = Date.now() - started;
      expect(await page.locator('.opblock').count()).toBe(operations);

      const scenario = page.locator('.opblock', { has: page.locator('[data-path="/v1/scenarios/disruption"]') }).first();
      await scenario.locator('.opblock-summary').first().click();
      await scenario.locator('.responses-wrapper').waitFor();
      await poll(() => scenario.locator('.response').count()).toBeGreaterThan(3);
      // The 200's example is the real answer, fetched from the example file the spec names (externalValue).
      const answer = scenario.locator('.response[data-code="200"] .example');
      await poll(() => answer.first().innerText()).toContain('"bindingStage"');
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/swagger-ui-scenario.png` });
      console.log(`Swagger UI listed ${operations} operations ${listedMs} ms after navigation; a scenario expanded ${Date.now() - started - listedMs} ms later`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, TEST_MS);
});
