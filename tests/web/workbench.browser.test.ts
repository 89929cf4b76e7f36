/**
 * The analyst workbench in a real browser: Debian's Chromium driven by playwright-core, against the real server
 * (`node --import tsx src/server.ts`, seeded from data/) serving the page built by Vite. Numbers on the page are
 * checked against the API's own answers. Screenshots of every view, at 1280 and 390 px, go to
 * test-output/workbench/ (not committed), with the overview's first-render time (Performance API).
 *
 * Without Chromium these tests fail (they do not skip) and say how to install it; .ci/run installs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { chartsDrawn, launchChromium, newContext, SETUP_MS, TEST_MS } from '../helpers/browser.js';
import { killAllServers, listeningAddress, startServer, stopServer, type ServerProcess } from '../helpers/server-process.js';

const OUTPUT = join(PROJECT_ROOT, 'test-output', 'workbench');
const WEB_SOURCES = [join(PROJECT_ROOT, 'src', 'web'), join(PROJECT_ROOT, 'client')];
const BUILT_PAGE = join(PROJECT_ROOT, 'dist', 'web', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Builds the page when dist/web is missing or older than its sources (npm start and .ci/run build it already). */
function ensurePageBuilt(): void {
  const built = existsSync(BUILT_PAGE) ? statSync(BUILT_PAGE).mtimeMs : 0;
  if (built >= Math.max(...WEB_SOURCES.map(newestMtime))) return;
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src/web/vite.config.ts'],
    {
      cwd: PROJECT_ROOT,
      stdio: 'pipe',
    },
  );
}

let server: ServerProcess;
let base: string;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  ensurePageBuilt();
  mkdirSync(OUTPUT, { recursive: true });
  server = startServer({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: ':memory:', LOG_LEVEL: 'info' });
  base = await listeningAddress(server);
}, SETUP_MS);

afterAll(async () => {
  await browser?.close();
  if (server) await stopServer(server);
  killAllServers();
});

interface Timing {
  /** performance.mark('overview-rendered'), set by the overview once its heat map is in the page. */
  renderedMs: number;
  domContentLoadedMs: number;
  /** Bytes of JavaScript fetched (compressed, as sent). */
  jsTransferBytes: number;
}

async function firstRender(page: Page): Promise<Timing> {
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('overview-rendered')[0];
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (entry) => entry.name.includes('/assets/') && entry.name.endsWith('.js'),
    );
    if (!mark) throw new Error('the overview set no overview-rendered mark');
    return {
      renderedMs: mark.startTime,
      domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? 0,
      jsTransferBytes: js.reduce((sum, entry) => sum + entry.transferSize, 0),
    };
  });
}

/** A page that records console errors and uncaught exceptions. */
async function open(context: BrowserContext, path: string, ready: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}${path}`);
  await viewReady(page, ready);
  return { page, errors };
}

/** The page's signal that a view is rendered: `main[data-ready]` names it, and is absent while a render is under way. */
async function viewReady(page: Page, view: string): Promise<void> {
  await page.waitForSelector(`main[data-ready="${view}"]`);
}

async function api<T = any>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${base}${path}`, init);
  return (await response.json()) as T;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Screenshots at both widths, and a check that a 390 px phone needs no sideways scrolling of the page itself. */
async function capture(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await chartsDrawn(page); // every chart redrawn at its new width
    await page.screenshot({ path: join(OUTPUT, `${name}-${width}.png`), fullPage: true });
    if (width === 390) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the workbench in Chromium', () => {
  it(
    "serves the page at / with the API's CSP, and it renders the overview with no console errors",
    async () => {
      const response = await fetch(`${base}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/', 'overview');
        const first = await firstRender(page);
        // Again in fresh browser contexts (nothing cached in the browser), now that the server has answered once.
        const fresh: Timing[] = [];
        for (let run = 0; run < 3; run += 1) {
          const other = await newContext(browser, { viewport: { width: 1280, height: 900 } });
          try {
            fresh.push(await firstRender((await open(other, '/', 'overview')).page));
          } finally {
            await other.close();
          }
        }
        const renders = fresh.map((timing) => timing.renderedMs).sort((a, b) => a - b);
        const record = { coldServer: first, freshBrowser: fresh, freshBrowserMedianMs: renders[1], at: new Date().toISOString() };
        writeFileSync(join(OUTPUT, 'first-render.json'), `${JSON.stringify(record, null, 2)}\n`);
        console.log(
          `overview first render (Performance API, ms after navigation start): ${Math.round(first.renderedMs)} on a just-started server; ` +
            `${renders.map(Math.round).join(', ')} in fresh browser contexts (median ${Math.round(renders[1]!)}); JS transferred ${first.jsTransferBytes} B`,
        );
        expect(await page.locator('#heatmap a[data-cell]').count()).toBeGreaterThan(10);
        expect(await page.locator('#heatmap td.chokepoint').count()).toBe((await api('/v1/minerals')).total);
        await capture(page, 'overview');
        // The China's-share toggle is a state of the URL, and renders too.
        await page.getByLabel("China's share").check();
        await viewReady(page, 'overview');
        expect(await page.locator('#heatmap').getAttribute('data-metric')).toBe('china');
        expect(page.url()).toContain('metric=china');
        await capture(page, 'overview-china');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    "shows antimony's mining HHI exactly as GET /v1/minerals/antimony/concentration gives it",
    async () => {
      const answer = await api('/v1/minerals/antimony/concentration');
      const mining = answer.stages.find((stage: { stage: string }) => stage.stage === 'mining');
      const context = await newContext(browser);
      try {
        const { page, errors } = await open(context, '/', 'overview');
        const cell = page.locator('#heatmap a[data-mineral="antimony"][data-stage="mining"]');
        expect(Number(await cell.getAttribute('data-value'))).toBe(mining.hhi);
        expect(await cell.locator('.value').innerText()).toContain(mining.hhi.toLocaleString('en-US', { maximumFractionDigits: 1 }));
        // Its citation shows on keyboard focus, and the arrow keys move through the grid.
        await cell.focus();
        await page.locator('#tip', { hasText: 'Source: U.S. Geological Survey' }).waitFor();
        await page.keyboard.press('ArrowDown');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-mineral'))).toBe('cobalt');
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('Enter');
        await viewReady(page, 'mineral');
        expect(new URL(page.url()).searchParams.get('mineral')).toBe('antimony');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    'renders the mineral view, its figures equal to the API, with no console errors',
    async () => {
      const answer = await api('/v1/minerals/antimony/concentration');
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/?view=mineral&mineral=antimony', 'mineral');
        const hhi = await page.locator('[data-stage="mining"] [data-hhi]').getAttribute('data-hhi');
        expect(Number(hhi)).toBe(answer.stages[0].hhi);
        await chartsDrawn(page, 2);
        expect(await page.locator('#reserves-table tbody tr').count()).toBeGreaterThan(3);
        expect(await page.locator('#dependency-USA').innerText()).toContain('Net import reliance');
        expect(await page.locator('#defense-uses li').count()).toBe((await api('/v1/defense-uses?mineral=antimony&limit=1000')).total);
        await capture(page, 'mineral');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    "marks germanium's break (MCS 2022 refinery output → OFR 2024-1057 primary estimate) in the chart and its table, one click from the quality report",
    async () => {
      const history = await api('/v1/minerals/germanium/concentration/history?stage=refining');
      const seam = history.stages[0].series.find((point: { year: number }) => point.year === 2022).break;
      expect(seam.kinds).toEqual(['publication', 'basis']);
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/?view=mineral&mineral=germanium', 'mineral');
        await chartsDrawn(page);
        // The chart draws the series in two segments (2020–21, 2022), the 2022 point a diamond with the reason on hover.
        expect(await page.locator('#history').getAttribute('data-breaks')).toBe('1');
        expect(await page.locator('#history .chart').first().getAttribute('data-breaks')).toBe('1');
        // The table alternative (closed by default) says the same, each break's reason on focus.
        await page.locator('#history details.alt summary').click();
        const marker = page.locator('#history .break').first();
        expect(await marker.getAttribute('data-tip')).toBe(seam.reason);
        await capture(page, 'mineral-germanium');
        await marker.focus();
        await page.locator('#tip', { hasText: 'Open-File Report 2024-1057' }).waitFor();
        // One click from the caveat to the report, filtered to this mineral's breaks.
        await page.locator('#history a.quality-link').click();
        await viewReady(page, 'quality');
        const url = new URL(page.url());
        expect([url.searchParams.get('mineral'), url.searchParams.get('kind')]).toEqual(['germanium', 'series-break']);
        const report = await api('/v1/quality?mineral=germanium&kind=series-break');
        expect(Number(await page.locator('#quality-series-break').getAttribute('data-count'))).toBe(report.total);
        expect(await page.locator('#quality-series-break tbody tr').count()).toBe(report.total);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    'the quality view lists every caveat of the view by kind, as GET /v1/quality does, and the overview ranks like with like',
    async () => {
      const report = await api('/v1/quality?limit=1000');
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/?view=quality', 'quality');
        for (const kind of ['reconciled-total', 'series-break', 'period-based', 'empty-stage', 'censored']) {
          const count = report.data.filter((item: { kind: string }) => item.kind === kind).length;
          expect(Number(await page.locator(`#quality-${kind}`).getAttribute('data-count')), kind).toBe(count);
        }
        await capture(page, 'quality');
        // The overview: the rows of another time are listed apart (germanium 2022, the EU study periods), marked †.
        const overview = await api('/v1/concentration');
        await page.goto(`${base}/`);
        await viewReady(page, 'overview');
        expect(await page.locator('#overview-apart tbody tr').count()).toBe(overview.total - overview.comparableTotal);
        expect(await page.locator('#overview-table tbody tr').count()).toBe(overview.comparableTotal);
        expect(await page.locator('#heatmap td.apart a[data-mineral="germanium"]').count()).toBe(1);
        const empty = page.locator('#heatmap td.empty[data-mineral="gallium"][data-stage="mining"]');
        expect(await empty.getAttribute('data-tip')).toMatch(/by-product/);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    'answers as an older edition when one is chosen, and the URL, CSV link and curl line carry it',
    async () => {
      const answer = await api('/v1/concentration?edition=usgs-mcs-2025');
      const mining = answer.data.find((row: { mineral: string; stage: string }) => row.mineral === 'antimony' && row.stage === 'mining');
      expect(mining.hhi).toBe(3793.2);
      const newest = (await api('/v1/concentration')).data.find(
        (row: { mineral: string; stage: string }) => row.mineral === 'antimony' && row.stage === 'mining',
      );
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/', 'overview');
        const cell = page.locator('#heatmap a[data-mineral="antimony"][data-stage="mining"]');
        expect(Number(await cell.getAttribute('data-value'))).toBe(newest.hhi);
        const select = page.getByLabel('Edition', { exact: true });
        expect(await select.inputValue()).toBe('');
        await page.waitForSelector('#field-edition[data-loaded="true"]');
        // By keyboard: focus the select and pick the option, as a keyboard user's change event does.
        await select.focus();
        await select.selectOption('usgs-mcs-2025');
        await viewReady(page, 'overview');
        expect(await page.locator('.field[data-edition="usgs-mcs-2025"]').count()).toBeGreaterThan(0);
        expect(Number(await cell.getAttribute('data-value'))).toBe(mining.hhi);
        expect(await cell.locator('.value').innerText()).toContain('3,793.2');
        expect(new URL(page.url()).searchParams.get('edition')).toBe('usgs-mcs-2025');
        // Focus stays on the control that changed the view.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-edition');
        const csv = await page.locator('[data-action="download-csv"]').first().getAttribute('href');
        expect(new URL(csv!).searchParams.get('edition')).toBe('usgs-mcs-2025');
        expect(await page.locator('pre.curl').first().innerText()).toContain('edition=usgs-mcs-2025');
        // The cell's link into the mineral view keeps the edition, and so do the top navigation's links.
        expect(new URL((await cell.getAttribute('href'))!, base).searchParams.get('edition')).toBe('usgs-mcs-2025');
        const navHref = await page.locator('nav a[data-view="scenario"]').getAttribute('href');
        expect(new URL(navHref!, base).searchParams.get('edition')).toBe('usgs-mcs-2025');
        await capture(page, 'overview-edition');
        // Back to the newest figures.
        await select.selectOption('');
        await viewReady(page, 'overview');
        expect(Number(await cell.getAttribute('data-value'))).toBe(newest.hhi);
        expect(new URL(page.url()).searchParams.has('edition')).toBe(false);
        expect(errors).toEqual([]);

        // The shared URL opens on the same edition.
        const shared = await open(context, '/?edition=usgs-mcs-2025', 'overview');
        expect(
          Number(await shared.page.locator('#heatmap a[data-mineral="antimony"][data-stage="mining"]').getAttribute('data-value')),
        ).toBe(mining.hhi);
        expect(await shared.page.getByLabel('Edition', { exact: true }).inputValue()).toBe('usgs-mcs-2025');
        expect(shared.errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    "shows an unknown edition in the URL as the API's problem, in words",
    async () => {
      const answer = await fetch(`${base}/v1/concentration?edition=usgs-mcs-1999`);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      const problem = (await answer.json()) as { detail: string };
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        await page.goto(`${base}/?edition=usgs-mcs-1999`);
        const box = page.locator('main .problem');
        await box.waitFor();
        expect(await box.innerText()).toContain(problem.detail);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    "shows antimony's observed U.S. imports: partners over time with the control dates marked, the Jan–Apr comparison and the denial's before and after, equal to the API",
    async () => {
      const trade = await api('/v1/minerals/antimony/trade');
      const months = trade.own[0].janApr.partners.find((row: { partner: string }) => row.partner === 'CHN');
      expect(months.after).toEqual({ year: 2026, valueUsd: 316425, kg: 666 });
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/?view=mineral&mineral=antimony', 'mineral');
        const section = page.locator('#trade[data-ready="true"]');
        await section.waitFor();
        await section.scrollIntoViewIfNeeded();
        // One chart per heading (8110 own, 2825 proxy), drawn.
        expect(await page.locator('#trade .chart').count()).toBe(2);
        await chartsDrawn(page);
        expect(await page.locator('#trade [data-hts="2825"]').getAttribute('data-proxy')).toBe('true');
        // Jan–Apr 2026 from China, as the API answers it.
        expect(Number(await page.locator('#trade-janapr-8110 [data-partner="CHN"]').getAttribute('data-kg'))).toBe(months.after.kg);
        // The denial of December 2024: 2023 against 2025, and Jan–Apr 2026 against 2025.
        const denial = page.locator('#trade-controls-table tr', {
          has: page.locator('[data-measure="cn-mofcom-2024-46-us-ga-ge-sb-denial"]'),
        });
        const text = await denial.innerText();
        expect(text).toContain('2023 800,315 kg ($9,349,071) → 2025 258,837 kg ($3,523,948): −67.7 % kg');
        expect(text).toContain('2025 151,996 kg ($3,340,452) → 2026 666 kg ($316,425): −99.6 % kg');
        // The chart's table alternative opens from the keyboard.
        const summary = page.locator('#trade details.alt > summary').first();
        await summary.focus();
        await page.keyboard.press('Enter');
        await page.locator('#trade-series-8110').waitFor({ state: 'visible' });
        await section.screenshot({ path: join(OUTPUT, 'mineral-trade-section-1280.png') });
        await capture(page, 'mineral-trade');
        await page.setViewportSize({ width: 390, height: 900 });
        await chartsDrawn(page);
        await section.screenshot({ path: join(OUTPUT, 'mineral-trade-section-390.png') });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    "shows antimony's revisions between editions and its export-controls timeline, equal to the API",
    async () => {
      const revised = await api('/v1/revisions?mineral=antimony&kind=production&country=CHN&year=2024&stage=mining');
      expect(revised.data[0]).toMatchObject({ oldValue: 60000, newValue: 40000 });
      const byEdition = await api('/v1/minerals/antimony/concentration/editions?stage=mining&year=2024');
      const mcs2025 = byEdition.data.find((row: { edition: string }) => row.edition === 'usgs-mcs-2025');
      const supply = await api('/v1/minerals/antimony/export-controls/supply');
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/?view=mineral&mineral=antimony', 'mineral');
        await page.locator('#revisions[data-ready="true"]').waitFor();
        const china = page.locator('#revisions-table tbody tr', { has: page.locator('[data-revision="mining|CHN|2024"]') });
        expect(await china.count()).toBe(1);
        const text = await china.innerText();
        expect(text).toContain('60,000 t');
        expect(text).toContain('40,000 t');
        expect(text).toContain('−20,000 t');
        // Each revised number cites its edition's source.
        expect(await china.locator('a.cited').first().getAttribute('data-sources')).toBe(revised.data[0].oldSource.id);
        const hhi = page
          .locator('#revisions-editions-table tr', { has: page.locator('[data-edition="usgs-mcs-2025"]') })
          .locator('[data-edition-hhi]');
        expect(Number(await hhi.getAttribute('data-edition-hhi'))).toBe(mcs2025.concentration.hhi);

        await page.locator('#export-controls[data-ready="true"]').waitFor();
        expect(await page.locator('#export-controls-timeline [data-measure="cn-mofcom-2024-33-antimony"]').count()).toBeGreaterThanOrEqual(
          2,
        );
        expect(await page.locator('#export-controls-table [data-measure="cn-mofcom-2024-33-antimony"]').count()).toBe(1);
        const mining = supply.stages.find((stage: { stage: string }) => stage.stage === 'mining');
        expect(Number(await page.locator('#controlled-share [data-stage="mining"]').getAttribute('data-controlled-share'))).toBe(
          mining.controlledShare,
        );
        // The table alternatives open from the keyboard.
        const summary = page.locator('#export-controls details.alt > summary').last();
        await summary.focus();
        await page.keyboard.press('Enter');
        await page.locator('#export-controls-table').waitFor({ state: 'visible' });
        await capture(page, 'mineral-panels');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    'runs a preset from the builder and shows the same binding loss as the API',
    async () => {
      const answer = await api('/v1/scenarios/presets/china-antimony-ban', { method: 'POST' });
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/?view=scenario', 'scenario');
        await page.getByLabel('Scenario', { exact: true }).selectOption('china-antimony-ban');
        await page.getByRole('button', { name: 'Run scenario' }).click();
        const loss = page.locator('#scenario-summary [data-binding-loss][data-mineral="antimony"]');
        await loss.waitFor();
        expect(Number(await loss.getAttribute('data-binding-loss'))).toBe(answer.results[0].bindingLoss);
        // 0.518 × 100 is 51.800000000000004 in floating point; the page prints the percentage as people read it.
        expect(await loss.innerText()).toBe(`${Number((answer.results[0].bindingLoss * 100).toFixed(2))} %`);
        expect(new URL(page.url()).searchParams.get('preset')).toBe('china-antimony-ban');
        await chartsDrawn(page, 3);
        expect(await page.locator('#scenario-detail .chart svg').count()).toBeGreaterThanOrEqual(3);
        await capture(page, 'scenario');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    'runs a preset under a chosen edition, the edition in the request body and the URL',
    async () => {
      const answer = await api('/v1/scenarios/presets/china-antimony-ban', post({ edition: 'usgs-mcs-2025' }));
      const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const { page, errors } = await open(context, '/?view=scenario', 'scenario');
        await page.getByLabel('Scenario', { exact: true }).selectOption('china-antimony-ban');
        await page.waitForSelector('#scenario-edition[data-loaded="true"]');
        await page.getByLabel('Edition', { exact: true }).selectOption('usgs-mcs-2025');
        await page.getByRole('button', { name: 'Run scenario' }).click();
        const loss = page.locator('#scenario-summary [data-binding-loss][data-mineral="antimony"]');
        await loss.waitFor();
        expect(Number(await loss.getAttribute('data-binding-loss'))).toBe(answer.results[0].bindingLoss);
        expect(new URL(page.url()).searchParams.get('edition')).toBe('usgs-mcs-2025');
        expect(await page.locator('#scenario-results pre.curl').innerText()).toContain('{"edition":"usgs-mcs-2025"}');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    "shows the API's own error message for a bad input in the scenario form",
    async () => {
      const refused = await fetch(
        `${base}/v1/scenarios/disruption`,
        post({ shocks: [{ countries: ['CHN'], reduction: 1.5 }], importer: 'USA' }),
      );
      expect(refused.status).toBe(400);
      const problem = (await refused.json()) as { detail: string; errors: { field: string; message: string }[] };
      const context = await newContext(browser);
      try {
        const { page } = await open(context, '/?view=scenario', 'scenario');
        await page.getByLabel('custom shocks').check();
        await page.getByLabel('Reduction (0–1)').fill('1.5');
        await page.getByRole('button', { name: 'Run scenario' }).click();
        const box = page.locator('#scenario-results .problem');
        await box.waitFor();
        const text = await box.innerText();
        expect(text).toContain(problem.detail);
        expect(text).toContain(problem.errors[0]!.field);
        expect(text).toContain(problem.errors[0]!.message);
        // The field the API names is marked on the form.
        expect(await page.getByLabel('Reduction (0–1)').getAttribute('aria-invalid')).toBe('true');
        await page.screenshot({ path: join(OUTPUT, 'scenario-error-1280.png'), fullPage: true });
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    "downloads the API's own CSV from the overview and from a scenario",
    async () => {
      const context = await newContext(browser, { acceptDownloads: true });
      try {
        const { page } = await open(context, '/', 'overview');
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-csv"]').first().click()]);
        const saved = join(OUTPUT, 'overview.csv');
        await download.saveAs(saved);
        const expected = await (await fetch(`${base}/v1/concentration?format=csv`)).text();
        expect(readFileSync(saved, 'utf8')).toBe(expected);
        expect(expected.split('\r\n')[0]).toMatch(/^rank,mineral,stage,year,measure,period,edition,hhi/);

        await page.goto(`${base}/?view=scenario&preset=china-antimony-ban`);
        await page.locator('#scenario-summary').waitFor();
        const [scenarioDownload] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('#scenario-results [data-action="download-csv"]').click(),
        ]);
        const scenarioSaved = join(OUTPUT, 'scenario.csv');
        await scenarioDownload.saveAs(scenarioSaved);
        const scenarioExpected = await (
          await fetch(`${base}/v1/scenarios/presets/china-antimony-ban`, { method: 'POST', headers: { accept: 'text/csv' } })
        ).text();
        expect(readFileSync(scenarioSaved, 'utf8')).toBe(scenarioExpected);
        expect(scenarioExpected).toContain('antimony,mining,ok,2025,tonnes,,sb-contained,usgs-mcs-2026');
        // Copy curl: the command shown is the request behind the view.
        expect(await page.locator('#scenario-results pre.curl').innerText()).toBe(
          `curl -s -X POST '${base}/v1/scenarios/presets/china-antimony-ban'`,
        );
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );

  it(
    'shows a refused request in words (an unknown mineral in the URL)',
    async () => {
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        await page.goto(`${base}/?view=mineral&mineral=unobtainium`);
        const box = page.locator('main .problem');
        await box.waitFor();
        const answer = await api('/v1/minerals/unobtainium');
        expect(await box.innerText()).toContain(answer.detail);
      } finally {
        await context.close();
      }
    },
    TEST_MS,
  );
});
