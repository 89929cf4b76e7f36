import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';

/** Today, as every test here sees it: the issue's "today". */
const TODAY = new Date('2026-12-02T10:00:00Z');
const DENIAL = 'cn-mofcom-2024-46-us-ga-ge-sb-denial';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({}, { now: () => TODAY });
});
afterAll(async () => {
  await app.close();
});

async function statusOf(id: string, asOf?: string) {
  const { status, body } = await getJson(app, `/v1/export-controls/${id}${asOf ? `?asOf=${asOf}` : ''}`);
  expect(status).toBe(200);
  return body.status as { status: string; bites: string; since: string | null; until: string | null; by: string | null; detail: string };
}

describe('status on a date, from the reference table', () => {
  it('China’s US denial for Ga/Ge/Sb (No. 46 [2024] cl. 2): before, in force, suspended, after the suspension’s end', async () => {
    expect(await statusOf(DENIAL, '2024-12-02')).toMatchObject({ status: 'not-announced', bites: 'no' });
    expect(await statusOf(DENIAL, '2024-12-03')).toMatchObject({ status: 'in-force', bites: 'yes', since: '2024-12-03' });
    expect(await statusOf(DENIAL, '2025-11-09')).toMatchObject({
      status: 'suspended',
      by: 'cn-mofcom-2025-72-susp-46-cl2',
      since: '2025-11-09',
      until: '2026-11-27',
    });
    expect(await statusOf(DENIAL, '2026-11-27')).toMatchObject({ status: 'suspended' });
    // Default asOf = today (2026-12-02): the suspension ran to 2026-11-27 and nothing later is recorded.
    expect(await statusOf(DENIAL)).toEqual({
      status: 'suspension-ended',
      bites: 'unknown',
      since: '2026-11-27',
      until: null,
      by: 'cn-mofcom-2025-72-susp-46-cl2',
      detail: 'suspension ended 2026-11-27; no later measure recorded',
    });
  });

  it('antimony licensing (No. 33 [2024]): announced, then in force, then carried into the dual-use list', async () => {
    expect(await statusOf('cn-mofcom-2024-33-antimony', '2024-08-14')).toMatchObject({ status: 'not-announced' });
    expect(await statusOf('cn-mofcom-2024-33-antimony', '2024-08-20')).toMatchObject({
      status: 'announced',
      since: '2024-08-15',
      until: '2024-09-15',
    });
    expect(await statusOf('cn-mofcom-2024-33-antimony', '2024-10-01')).toMatchObject({ status: 'in-force', since: '2024-09-15' });
    expect(await statusOf('cn-mofcom-2024-33-antimony', '2025-01-01')).toMatchObject({
      status: 'superseded',
      by: 'cn-mofcom-2024-51-dual-use-list',
      since: '2024-12-01',
    });
    expect(await statusOf('cn-mofcom-2024-51-dual-use-list', '2025-01-01')).toMatchObject({ status: 'in-force' });
  });

  it('other cases: suspended before taking effect, expired, announced for 2029, undated', async () => {
    expect(await statusOf('cn-mofcom-2025-57-five-ree', '2025-11-07')).toMatchObject({
      status: 'suspended',
      by: 'cn-mofcom-2025-70-susp-57',
      until: '2026-11-10',
    });
    expect(await statusOf('cn-mofcom-2025-57-five-ree')).toMatchObject({
      status: 'suspension-ended',
      detail: 'suspension ended 2026-11-10; no later measure recorded',
    });
    expect(await statusOf('cd-arecoms-2025-001-cobalt-suspension', '2025-07-01')).toMatchObject({ status: 'expired', since: '2025-06-22' });
    expect(await statusOf('ga-2025-05-raw-manganese-ban-2029')).toMatchObject({ status: 'announced', until: '2029-01-01' });
    expect(await statusOf('zw-si-2023-5-base-mineral-ores-ban')).toMatchObject({ status: 'undated', bites: 'unknown' });
  });
});

describe('GET /v1/export-controls', () => {
  it('filters by mineral, imposing country and target, with the status on asOf', async () => {
    const { status, body } = await getJson(app, '/v1/export-controls?mineral=antimony&country=CHN&target=USA&asOf=2025-06-01');
    expect(status).toBe(200);
    expect(body.asOf).toBe('2025-06-01');
    expect(body.data.map((row: { id: string; status: { status: string } }) => [row.id, row.status.status])).toEqual([
      [DENIAL, 'in-force'],
      ['cn-mofcom-2024-46-us-military-ban', 'in-force'],
      // The suspension of clause 2 targets the US too; it was not yet announced on 2025-06-01.
      ['cn-mofcom-2025-72-susp-46-cl2', 'not-announced'],
      ['cn-mofcom-2026-06-us-ree-entities', 'not-announced'],
    ]);
    expect(body.data[0]).toMatchObject({
      imposingCountryName: 'China',
      measure: 'destination-ban',
      target: 'USA',
      source: { id: 'xc-cn-mofcom-2024-46-us-military-ban' },
    });
  });

  it('answers “in force on antimony today” with the status filter', async () => {
    const { body } = await getJson(app, '/v1/export-controls?mineral=antimony&status=in-force');
    expect(body.asOf).toBe('2026-12-02');
    expect(body.data.map((row: { id: string }) => row.id)).toEqual([
      'cn-mofcom-2024-46-us-military-ban',
      'cn-mofcom-2024-51-dual-use-list',
      'cn-mofcom-2026-01-japan-military-ban',
      'cn-mofcom-2026-06-us-ree-entities',
      'cn-mofcom-2026-11-japan-entities',
      'zw-2026-02-raw-minerals-lithium-concentrate-ban',
    ]);
  });

  it('pages with the shared cursor, answers CSV and revalidates with its ETag', async () => {
    const first = await app.inject({ url: '/v1/export-controls?limit=5' });
    const page = first.json();
    expect(page.data).toHaveLength(5);
    expect(page.total).toBe(39);
    expect(first.headers.link).toContain('rel="next"');
    const second = (await app.inject({ url: `/v1/export-controls?limit=5&cursor=${page.next}` })).json();
    expect(second.data[0].id > page.data[4].id).toBe(true);

    const csv = await app.inject({ url: '/v1/export-controls?mineral=gallium&format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toContain('id,imposingCountry,imposingCountryName,instrument');
    expect(csv.body).toContain('status_status');

    const etag = String(first.headers.etag);
    const again = await app.inject({ url: '/v1/export-controls?limit=5', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('a default asOf follows the clock: another day is another ETag', async () => {
    const other = await buildTestApp({}, { now: () => new Date('2025-06-01T00:00:00Z') });
    try {
      const then = await other.inject({ url: `/v1/export-controls/${DENIAL}` });
      const now = await app.inject({ url: `/v1/export-controls/${DENIAL}` });
      expect(then.json().status.status).toBe('in-force');
      expect(now.json().status.status).toBe('suspension-ended');
      expect(then.headers.etag).not.toBe(now.headers.etag);
    } finally {
      await other.close();
    }
  });
});

describe('GET /v1/minerals/{mineral}/export-controls (timeline)', () => {
  it('lists dated events oldest first and the undated measures apart', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/export-controls?limit=1000');
    const events = body.data.map(
      (event: { date: string; event: string; measure: string }) => `${event.date} ${event.event} ${event.measure}`,
    );
    expect(events.slice(0, 3)).toEqual([
      '2024-08-15 announced cn-mofcom-2024-33-antimony',
      '2024-09-15 effective cn-mofcom-2024-33-antimony',
      '2024-11-15 announced cn-mofcom-2024-51-dual-use-list',
    ]);
    expect(events).toContain(`2025-11-09 suspended ${DENIAL}`);
    expect(events).toContain(`2026-11-27 suspension-scheduled-end ${DENIAL}`);
    expect(body.undated).toEqual(['zw-si-2023-5-base-mineral-ores-ban']);
  });
});

describe('supply under control', () => {
  it("gallium primary production on 2025-06-01: China’s 750 t of the rows' 762 t (2024) are under licensing", async () => {
    const { body } = await getJson(app, '/v1/minerals/gallium/export-controls/supply?asOf=2025-06-01&edition=usgs-mcs-2025');
    // By hand: the named rows add up to 762 t, above the printed 760 t; 750 / 762 = 98.425 % → 98.43; the licence
    // (dual-use list) applies to every destination.
    expect(body.stages).toEqual([
      expect.objectContaining({
        stage: 'refining',
        status: 'ok',
        year: 2024,
        worldTonnes: 762,
        controlledShare: 98.43,
        unknownShare: 0,
        byTarget: [
          { target: 'all', share: 98.43, unknownShare: 0 },
          { target: 'USA', share: 98.43, unknownShare: 0 },
        ],
      }),
    ]);
    expect(body.stages[0].measures.map((m: { id: string }) => m.id)).toEqual([
      DENIAL,
      'cn-mofcom-2024-46-us-military-ban',
      'cn-mofcom-2024-51-dual-use-list',
    ]);
  });

  it("antimony mining: nothing before the licence took effect, 57.71 % after (China 60,000 t of the rows' 103,960 t in 2024)", async () => {
    const before = (await getJson(app, '/v1/minerals/antimony/export-controls/supply?asOf=2024-09-14&edition=usgs-mcs-2025')).body
      .stages[0];
    expect(before).toMatchObject({ stage: 'mining', year: 2024, controlledShare: 0, countries: [] });
    const after = (await getJson(app, '/v1/minerals/antimony/export-controls/supply?asOf=2024-09-15&edition=usgs-mcs-2025')).body.stages[0];
    expect(after).toMatchObject({ stage: 'mining', year: 2024, controlledShare: 57.71, hhi: 3793.2, cr1: 57.71 });
    expect(after.measures.map((m: { id: string }) => m.id)).toEqual(['cn-mofcom-2024-33-antimony']);
  });

  it('ranks like with like by controlled share: the newest year first (2025, IEA refining), other years and study periods after, unranked', async () => {
    const { body } = await getJson(app, '/v1/export-controls/supply?asOf=2025-06-01&edition=usgs-mcs-2025');
    // Under MCS 2025 the USGS stages end in 2024 while the IEA's refining answers 2025: the 2025 rows are ranked.
    expect(body.rankingYear).toBe(2025);
    expect(body.data[0]).toMatchObject({ rank: 1, mineral: 'graphite', stage: 'refining', year: 2025, comparable: true, reason: null });
    const ranked = body.data.filter((row: { comparable: boolean }) => row.comparable);
    expect(ranked).toHaveLength(body.comparableTotal);
    expect(ranked.every((row: { year: number }) => row.year === 2025)).toBe(true);
    expect(body.data.slice(0, ranked.length)).toEqual(ranked);
    expect(body.data.slice(ranked.length).every((row: { rank: number | null }) => row.rank === null)).toBe(true);
    for (const group of [ranked, body.data.slice(ranked.length)]) {
      const shares = group.map((row: { controlledShare: number }) => row.controlledShare);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
    }
    const gallium = body.data.find((row: { mineral: string; stage: string }) => row.mineral === 'gallium' && row.stage === 'refining');
    expect(gallium).toMatchObject({ rank: null, year: 2024, controlledShare: 98.43, topCountry: 'CHN', comparable: false });
    expect(gallium.reason).toMatch(/^2024 figures \(the newest for gallium refining\): another time than the ranking's 2025/);
  });
});

describe('GET /v1/dependency/{importer}/export-controls', () => {
  const oxide = async (asOf: string) => {
    const { body } = await getJson(app, `/v1/dependency/USA/export-controls?mineral=antimony&asOf=${asOf}&edition=usgs-mcs-2025`);
    return body.data.find((row: { form: string | null }) => row.form === 'oxide');
  };

  it('US antimony oxide from China (76 % of imports, 2020-23) sits under a destination ban from 2024-12-03 until the 2025-11-09 suspension', async () => {
    expect(await oxide('2024-12-02')).toMatchObject({ targetedShare: 0, restrictedShare: 76 });
    expect(await oxide('2024-12-03')).toMatchObject({ period: '2020-23', targetedShare: 76, restrictedShare: 76 });
    const suspended = await oxide('2025-11-09');
    expect(suspended).toMatchObject({ targetedShare: 0, restrictedShare: 76 });
    const today = await oxide('2026-12-02');
    expect(today.targetedShare).toBe(0);
    expect(today.suppliers[0]).toMatchObject({ country: 'CHN', sharePct: 76, targeting: [], unknown: [DENIAL] });
  });
});

describe('POST /v1/scenarios/export-controls', () => {
  const run = async (body: object) => {
    const response = await app.inject({ method: 'POST', url: '/v1/scenarios/export-controls', payload: body });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('turns the US denial into a shock while in force; licensing costs nothing by default', async () => {
    const inForce = await run({ preset: 'in-force', asOf: '2025-06-01', minerals: ['antimony'], edition: 'usgs-mcs-2025' });
    expect(inForce.licensingReduction).toBe(0);
    expect(inForce.scenarios[0].measures.map((m: { id: string; reduction: number }) => [m.id, m.reduction])).toEqual([
      [DENIAL, 1],
      ['cn-mofcom-2024-51-dual-use-list', 0],
    ]);
    // By hand: net import reliance 85 % × China’s 63 % of US imports (total metal and oxide, 2020-23) = 0.5355.
    expect(inForce.scenarios[0].result.summary[0].consumptionAtRisk).toBe(0.5355);
  });

  it('after the suspension the denial drops out, and “suspensions lapse” puts it back', async () => {
    const suspended = await run({ preset: 'in-force', asOf: '2025-12-01', minerals: ['antimony'], edition: 'usgs-mcs-2025' });
    expect(suspended.scenarios[0].measures.map((m: { id: string }) => m.id)).toEqual(['cn-mofcom-2024-51-dual-use-list']);
    expect(suspended.scenarios[0].result.summary[0].consumptionAtRisk).toBe(0);
    const lapsed = await run({ preset: 'suspensions-lapse', asOf: '2025-12-01', minerals: ['antimony'], edition: 'usgs-mcs-2025' });
    expect(lapsed.scenarios[0].measures.find((m: { id: string }) => m.id === DENIAL)).toMatchObject({ status: 'suspended', reduction: 1 });
    expect(lapsed.scenarios[0].result.summary[0].consumptionAtRisk).toBe(0.5355);
  });
});

describe('method', () => {
  it('documents the status rules and the formula at /v1/methods/export-controls', async () => {
    const { status, body } = await getJson(app, '/v1/methods/export-controls');
    expect(status).toBe(200);
    expect(body.formula).toContain('controlledShare');
    expect(body.caveats.join(' ')).toContain('suspension-ended');
  });
});

describe('next to concentration', () => {
  it('GET /v1/minerals/{mineral}/concentration?asOf= adds the controlled share of each scored stage', async () => {
    const plain = (await getJson(app, '/v1/minerals/gallium/concentration?edition=usgs-mcs-2025')).body;
    expect(plain.stages[0]).not.toHaveProperty('exportControls');
    const { body } = await getJson(app, '/v1/minerals/gallium/concentration?asOf=2025-06-01&edition=usgs-mcs-2025');
    const refining = body.stages.find((stage: { stage: string }) => stage.stage === 'refining');
    expect(refining).toMatchObject({
      hhi: 9688.4,
      exportControls: {
        asOf: '2025-06-01',
        controlledShare: 98.43,
        unknownShare: 0,
        measures: [DENIAL, 'cn-mofcom-2024-46-us-military-ban', 'cn-mofcom-2024-51-dual-use-list'],
        href: '/v1/minerals/gallium/export-controls/supply?asOf=2025-06-01&stage=refining&year=2024',
      },
    });
  });
});

describe('supply under control on the current figures (MCS 2026)', () => {
  it("antimony mining on 2025-06-01: about a third — China’s 40,000 of the rows' 110,720 t (2025) under licensing", async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/export-controls/supply?asOf=2025-06-01');
    // By hand: the named rows add up to 110,720 t, above the printed 110,000 t; 40,000 / 110,720 = 36.13 %.
    expect(body.stages[0]).toMatchObject({ stage: 'mining', year: 2025, worldTonnes: 110_720, controlledShare: 36.13 });
  });

  it('gallium primary production 2024 as MCS 2026 revised it: China’s 839 of 848 t = 98.94 %', async () => {
    const { body } = await getJson(app, '/v1/minerals/gallium/export-controls/supply?asOf=2025-06-01&year=2024');
    expect(body.stages[0]).toMatchObject({ stage: 'refining', year: 2024, worldTonnes: 848, controlledShare: 98.94 });
  });
});
