/**
 * Observed trade (issue 24) through the API: figures pinned from the kept DataWeb files (the importer's tests read
 * each from the sheet XML by hand; see tests/importers/usitc-dataweb/kept-files.test.ts), the changes computed by
 * hand from them, and the refusals.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { expectProblem } from '../../helpers/problem.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
}, 60_000);
afterAll(async () => {
  await app.close();
});

const DENIAL = 'cn-mofcom-2024-46-us-ga-ge-sb-denial';

async function flow(query: string) {
  const { status, body } = await getJson(app, `/v1/trade/flows?${query}`);
  expect(status).toBe(200);
  expect(body.total, query).toBe(1);
  return body.data[0];
}

const kgOf = (row: { quantities: { measure: string; unit: string; quantity: number | null }[] }) =>
  row.quantities.find((q) => q.measure === 'first' && q.unit === 'kg')?.quantity;

describe('GET /v1/trade/flows: figures from the file', () => {
  it('antimony (8110) from China, kg and customs value, full years 2023–2025 (issue 24)', async () => {
    const base = 'flow=imports&hts=8110&partner=CHN&period=year';
    expect(kgOf(await flow(`${base}&year=2023`))).toBe(800315);
    expect(kgOf(await flow(`${base}&year=2024`))).toBe(493633);
    const y2025 = await flow(`${base}&year=2025`);
    expect(kgOf(y2025)).toBe(258837);
    expect(y2025.valueUsd).toBe(3523948);
    expect((await flow(`${base}&year=2024`)).valueUsd).toBe(10548234);
    expect(y2025).toMatchObject({
      valueBasis: 'customs',
      edition: 'usitc-dataweb-2026-07',
      source: { id: 'usitc-dataweb-2026-07-imports' },
    });
    expect(y2025.minerals).toEqual([{ mineral: 'antimony', stage: 'refining', proxy: false }]);
  });

  it('antimony (8110) from China, January–April 2025 and 2026 (issue 24)', async () => {
    const base = 'flow=imports&hts=8110&partner=CHN&period=jan-apr';
    const before = await flow(`${base}&year=2025`);
    const after = await flow(`${base}&year=2026`);
    expect([kgOf(before), before.valueUsd]).toEqual([151996, 3340452]);
    expect([kgOf(after), after.valueUsd]).toEqual([666, 316425]);
  });

  it('rare-earth compounds (2846) from China, kg 2024 and 2025; antimony from Myanmar, January–April 2026', async () => {
    expect(kgOf(await flow('flow=imports&hts=2846&partner=CHN&period=year&year=2024'))).toBe(10240357);
    expect(kgOf(await flow('flow=imports&hts=2846&partner=CHN&period=year&year=2025'))).toBe(12047397);
    const myanmar = await flow('flow=imports&hts=8110&partner=MMR&period=jan-apr&year=2026');
    expect([kgOf(myanmar), myanmar.valueUsd]).toEqual([111238, 2619902]);
  });

  it('magnets (8505) from China, 2025: a value split over two units, summed; the units kept apart, never added', async () => {
    const row = await flow('flow=imports&hts=8505&partner=CHN&period=year&year=2025');
    expect(row.valueUsd).toBe(344128552 + 74061130);
    expect(row.quantities).toEqual([
      { measure: 'first', unit: 'kg', quantity: 4776174, suppressed: false, valueUsd: 74061130 },
      { measure: 'first', unit: 'none', quantity: null, suppressed: false, valueUsd: 0 },
      { measure: 'first', unit: 'number', quantity: 728097842, suppressed: false, valueUsd: 344128552 },
      { measure: 'second', unit: 'kg', quantity: 23232987, suppressed: false, valueUsd: null },
    ]);
    expect(row.minerals).toEqual([{ mineral: 'rare-earths', stage: 'component', proxy: true }]);
  });

  it('pages by cursor in key order, the same rows as one large page, and answers CSV', async () => {
    const all = (await getJson(app, '/v1/trade/flows?hts=8110&partner=CHN&year=2025&limit=10')).body;
    expect(all.total).toBe(4);
    const first = await getJson(app, '/v1/trade/flows?hts=8110&partner=CHN&year=2025&limit=3');
    expect(first.headers.link).toMatch(/rel="next"/);
    const second = (await getJson(app, `/v1/trade/flows?hts=8110&partner=CHN&year=2025&limit=3&cursor=${first.body.next}`)).body;
    expect([...first.body.data, ...second.data]).toEqual(all.data);
    expect(second.next).toBeNull();
    const csv = await app.inject('/v1/trade/flows?hts=8110&partner=CHN&year=2025&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('USA,imports,8110,CHN,China,2025,year,3523948,customs');
  });
});

describe('GET /v1/trade/flows: refusals name the field and store nothing', () => {
  it.each([
    ['hts=811', 'querystring.hts', 'must be a 4-digit HTS heading, e.g. 8110'],
    ['hts=2617', 'querystring.hts', "'2617' is not a heading of the file; see GET /v1/trade/headings"],
    [
      'partner=BEL',
      'querystring.partner',
      "'BEL' is not a partner the file breaks out; one of AUS, BRA, CAN, CHL, CHN, COD, DEU, EST, FRA, HKG, IND, JPN, KOR, MMR, MYS, RUS, VNM, ZAF",
    ],
    ['year=1992', 'querystring.year', 'the data covers 1993–2026'],
    ['year=2026&period=year', 'querystring.year', 'the data covers 1993–2025 for period year'],
    ['importer=DEU', 'querystring.importer', 'observed trade covers USA only (USITC DataWeb)'],
    ['flow=transit', 'querystring.flow', undefined],
  ])('%s → 400 naming %s', async (query, field, message) => {
    const versionBefore = app.dataset.current().version;
    const body = expectProblem(await app.inject(`/v1/trade/flows?${query}`), 400, 'validation_failed');
    expect(body.errors?.map((error) => error.field)).toEqual([field]);
    if (message !== undefined) expect(body.errors?.[0]?.message).toBe(message);
    expect(app.dataset.current().version).toBe(versionBefore);
  });
});

describe('the antimony denial of December 2024 (cn-mofcom-2024-46-us-ga-ge-sb-denial)', () => {
  it('shows 2023 against 2025 and January–April 2026 against 2025, in USD and kg, with the change', async () => {
    const { status, body } = await getJson(app, `/v1/export-controls/${DENIAL}/observed-trade`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ importer: 'USA', exporter: 'CHN', bitesOnImporter: true, effective: '2024-12-03' });
    const antimony = body.observed.minerals.find((entry: { mineral: string }) => entry.mineral === 'antimony');
    expect(antimony.own.map((heading: { hts: string }) => heading.hts)).toEqual(['8110']);
    expect(antimony.proxies.map((heading: { hts: string }) => heading.hts)).toEqual(['2825']);
    // (258,837 − 800,315) / 800,315 = −67.66 %; (3,523,948 − 9,349,071) / 9,349,071 = −62.31 %
    expect(antimony.own[0].fullYears).toEqual({
      period: 'year',
      before: { year: 2023, valueUsd: 9349071, kg: 800315 },
      after: { year: 2025, valueUsd: 3523948, kg: 258837 },
      valueChangePct: -62.3,
      kgChangePct: -67.7,
      kgPartial: false,
      reason: null,
    });
    // (666 − 151,996) / 151,996 = −99.56 %; (316,425 − 3,340,452) / 3,340,452 = −90.53 %
    expect(antimony.own[0].janApr).toMatchObject({
      before: { year: 2025, valueUsd: 3340452, kg: 151996 },
      after: { year: 2026, valueUsd: 316425, kg: 666 },
      valueChangePct: -90.5,
      kgChangePct: -99.6,
    });
    // The suspension of 2025-11-09: its first full year after (2026) is not in the data; its January–April is.
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ kind: 'suspended', date: '2025-11-09', by: 'cn-mofcom-2025-72-susp-46-cl2' });
    const suspended = body.events[0].minerals.find((entry: { mineral: string }) => entry.mineral === 'antimony').own[0];
    expect(suspended.fullYears.after).toBeNull();
    expect(suspended.fullYears.reason).toBe('2026 is not in the data yet (the last full year is 2025)');
    expect(suspended.janApr.after).toEqual({ year: 2026, valueUsd: 316425, kg: 666 });
  });

  it("a lapse is an event too: the DRC's cobalt export suspension ended 2025-06-22; recorded zeros stay zeros, their change is null", async () => {
    const body = (await getJson(app, '/v1/export-controls/cd-arecoms-2025-001-cobalt-suspension/observed-trade')).body;
    expect(body).toMatchObject({ exporter: 'COD', effective: '2025-02-22', bitesOnImporter: true });
    expect(body.events.map((event: { kind: string; date: string }) => `${event.kind} ${event.date}`)).toEqual(['ended 2025-06-22']);
    const ores = body.events[0].minerals[0].own.find((heading: { hts: string }) => heading.hts === '2605');
    expect(ores.fullYears).toMatchObject({ before: { year: 2024, valueUsd: 0, kg: 0 }, after: null, valueChangePct: null });
    expect(ores.janApr).toMatchObject({ before: { year: 2025, kg: 0 }, after: { year: 2026, kg: 0 }, kgChangePct: null });
  });

  it('a measure that does not bite on the U.S. answers observed: null with the reason; an unknown id is a 404', async () => {
    const japan = (await getJson(app, '/v1/export-controls/cn-mofcom-2026-01-japan-military-ban/observed-trade')).body;
    expect(japan).toMatchObject({
      bitesOnImporter: false,
      observed: null,
      reason: 'the measure is aimed at JPN, not at USA or every destination',
    });
    const technology = (await getJson(app, '/v1/export-controls/cn-mofcom-most-2023-57-re-tech-ban/observed-trade')).body;
    expect(technology).toMatchObject({ observed: null, reason: 'a technology-control measure restricts no flow of material' });
    expectProblem(await app.inject('/v1/export-controls/no-such-measure/observed-trade'), 404, 'not_found');
  });
});

describe('GET /v1/minerals/{mineral}/trade', () => {
  it('antimony: shares of the covered partners in 2025, their HHI marked as lower coverage, proxies apart, controls with dates', async () => {
    const { status, body } = await getJson(app, '/v1/minerals/antimony/trade');
    expect(status).toBe(200);
    expect(body.own.map((heading: { hts: string }) => heading.hts)).toEqual(['8110']);
    expect(body.proxies).toHaveLength(1);
    expect(body.proxies[0]).toMatchObject({ hts: '2825', proxy: true });
    expect(body.proxies[0].alsoHolds).toMatch(/^Proxy: antimony oxides/);
    const latest = body.own[0].latestFullYear;
    expect(latest.year).toBe(2025);
    expect(latest.hhiCoverage).toBe('covered-partners-only');
    const china = latest.partners.find((row: { partner: string }) => row.partner === 'CHN');
    // 3,523,948 / 67,085,940 = 5.253 %
    expect(latest.totalOfCoveredPartnersUsd).toBe(67085940);
    expect(china).toMatchObject({ valueUsd: 3523948, kg: 258837, shareOfCoveredPartnersPct: 5.25 });
    expect(body.coverageNote).toMatch(/no World row/);
    expect(body.own[0].janApr).toMatchObject({ year: 2026, against: 2025 });
    const denial = body.controls.find((control: { id: string }) => control.id === DENIAL);
    expect(denial).toMatchObject({ effective: '2024-12-03', suspendedOn: ['2025-11-09'], reason: null });
    expect(denial.observed.own[0].fullYears.kgChangePct).toBe(-67.7);
  });

  it('400s a series start outside the data, 404s an unknown mineral', async () => {
    const body = expectProblem(await app.inject('/v1/minerals/antimony/trade?from=1980'), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.from', message: 'the full years cover 1993–2025' }]);
    expectProblem(await app.inject('/v1/minerals/unobtainium/trade'), 404, 'not_found');
  });
});

describe('dependency and scenarios use the observed trade', () => {
  it('GET /v1/dependency/USA/on/CHN: an observed block beside the USGS shares (antimony: 2025 vs 2024, Jan–Apr 2026 vs 2025)', async () => {
    const { body } = await getJson(app, '/v1/dependency/USA/on/CHN');
    const antimony = body.data.find((row: { mineral: string }) => row.mineral === 'antimony');
    expect(antimony.supplierImportShare).not.toBeNull();
    // (3,523,948 − 10,548,234) / 10,548,234 = −66.59 %; (258,837 − 493,633) / 493,633 = −47.57 %
    expect(antimony.observed.own[0]).toMatchObject({
      hts: '8110',
      fullYear: {
        before: { year: 2024, valueUsd: 10548234, kg: 493633 },
        after: { year: 2025, valueUsd: 3523948, kg: 258837 },
        valueChangePct: -66.6,
        kgChangePct: -47.6,
      },
      janApr: { before: { year: 2025, kg: 151996 }, after: { year: 2026, kg: 666 } },
    });
    expect(antimony.observedReason).toBeNull();
    const eu = (await getJson(app, '/v1/dependency/EU/on/CHN')).body;
    expect(eu.data[0]).toMatchObject({ observed: null, observedReason: 'observed trade covers USA only (USITC DataWeb)' });
  });

  it('a China antimony disruption for USA gives its value at risk in USD: 2025 customs value of 8110 × the reduction', async () => {
    const run = async (reduction: number, importer = 'USA') =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/scenarios/disruption',
          payload: { minerals: ['antimony'], importer, shocks: [{ countries: ['CHN'], reduction }] },
        })
      ).json().results[0].importerImpact.valueAtRisk;
    expect(await run(1)).toEqual({
      usd: 3523948,
      year: 2025,
      headings: ['8110'],
      byCountry: [{ country: 'CHN', observedUsd: 3523948, reduction: 1, atRiskUsd: 3523948 }],
      uncovered: [],
      edition: 'usitc-dataweb-2026-07',
      reason: null,
    });
    expect((await run(0.5)).usd).toBe(1761974);
    expect(await run(1, 'EU')).toMatchObject({ usd: null, reason: 'observed trade covers USA only (USITC DataWeb); none for EU' });
  });
});
