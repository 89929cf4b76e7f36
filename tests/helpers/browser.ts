/**
 * What the browser tests (tests/web, tests/openapi/swagger-ui) share: Debian's Chromium through playwright-core, and
 * one timeout for any wait on a page. Tests wait on the page's own ready signals (`main[data-ready]`, a panel's
 * `data-ready`, a chart's `data-drawn-width`, the element an answer puts in the page), never on a fixed sleep.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The longest any one wait on a page may take. Generous on purpose: with the suite running on a loaded 2-core machine
 * a first render (a cold server compiling with tsx, the chart chunk loading) took over 20 s once; a passing wait
 * returns as soon as its signal is there, so only a failure costs the whole minute.
 */
export const WAIT_MS = 60_000;
/** A browser test: a few such waits in sequence, so a slow one does not eat the test's whole budget. */
export const TEST_MS = 3 * WAIT_MS;
/** Starting the server and Chromium (before a file's tests). */
export const SETUP_MS = 3 * WAIT_MS;

/** Fails, saying how to install it, when Chromium is missing (the tests do not skip). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}, so the browser tests cannot run. ` +
        "Install Debian's Chromium as root: `apt-get update && apt-get install -y chromium` " +
        '(or point CHROMIUM_PATH at a Chromium binary). .ci/run installs it when it is missing.',
    );
  }
}

export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: WAIT_MS,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser context whose every wait, action and navigation has WAIT_MS unless a call says otherwise. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context;
}

/** expect.poll with WAIT_MS (vitest's own default is 1 s), for a value the page has no signal for. */
export function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: WAIT_MS, interval: 100 });
}

/**
 * Waits until at least `count` charts are drawn, and every chart on the page is drawn at its current width: the
 * page sets `data-drawn-width` on a chart when ECharts finishes drawing it, after the first draw and after a resize.
 */
export async function chartsDrawn(page: Page, count = 0): Promise<void> {
  await page.waitForFunction((minimum) => {
    const charts = [...document.querySelectorAll<HTMLElement>('.chart')];
    return charts.length >= minimum && charts.every((chart) => chart.dataset.drawnWidth === String(chart.clientWidth));
  }, count);
}
