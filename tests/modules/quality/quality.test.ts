/**
 * GET /v1/quality: every caveat of the view, each with mineral, stage, year or period and reason, checked against the
 * data: the reconciled cells are exactly those whose rows exceed the printed total, the empty stages are
 * data/stage_gaps.csv, the breaks are the histories' own.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';
import { dataRows } from '../scores/reference.js';

let app: FastifyInstance;
let report: { data: any[]; total: number };
beforeAll(async () => {
  app = await buildTestApp();
  report = (await getJson(app, '/v1/quality?limit=1000')).body;
});
afterAll(async () => {
  await app.close();
});

const ofKind = (kind: string) => report.data.filter((item) => item.kind === kind);

describe('GET /v1/quality', () => {
  it('lists every kind, in order, and pages like every collection', async () => {
    const kinds = [...new Set(report.data.map((item) => item.kind))];
    expect(kinds).toEqual(['reconciled-total', 'series-break', 'period-based', 'empty-stage', 'censored']);
    expect(report.total).toBe(report.data.length);
    const page = (await getJson(app, '/v1/quality?limit=2')).body;
    expect(page.data).toEqual(report.data.slice(0, 2));
    expect(page.next).toEqual(expect.any(String));
  });

  it('reconciled totals: gallium 2025 (909 t named vs 900 t printed) among them, each with its reason', () => {
    const gallium = ofKind('reconciled-total').find((item) => item.mineral === 'gallium' && item.year === 2025);
    expect(gallium).toMatchObject({
      stage: 'refining',
      basis: 'ga-primary',
      edition: 'usgs-mcs-2026',
      href: '/v1/minerals/gallium/concentration?stage=refining&year=2025',
    });
    expect(gallium.reason).toContain('add up to 909 t, more than the published world total of 900 t');
    // Tungsten APT (the EU study's shares add up to 100.1 %) is one too: a share table is held to the same rule.
    expect(ofKind('reconciled-total').find((item) => item.mineral === 'tungsten' && item.stage === 'refining')).toMatchObject({
      year: null,
      period: 'EU CRM 2023 assessment period (five-year average)',
    });
  });

  it("breaks: germanium 2022 (another publication and basis) and the IEA refining history's change of publication", () => {
    const germanium = ofKind('series-break').filter((item) => item.mineral === 'germanium');
    expect(germanium).toEqual([
      expect.objectContaining({ stage: 'refining', year: 2022, basis: 'ge-primary-est', edition: 'usgs-ofr-2024-1057' }),
    ]);
    expect(germanium[0].reason).toMatch(
      /^Open-File Report 2024-1057.* follows Mineral Commodity Summaries 2022: another publication.*; and measured as primary germanium \(estimated\) after refinery germanium/,
    );
    const rareEarths = ofKind('series-break').filter((item) => item.mineral === 'rare-earths' && item.stage === 'refining');
    expect(rareEarths.map((item) => [item.year, item.edition])).toEqual([
      [2024, 'iea-cmde-2025'],
      [2025, 'iea-gcmo-2026'],
    ]);
  });

  it('period-based stages: antimony smelting, manganese processing and tungsten APT', () => {
    expect(ofKind('period-based').map((item) => `${item.mineral}|${item.stage}`)).toEqual([
      'antimony|refining',
      'manganese|refining',
      'tungsten|refining',
    ]);
  });

  it('empty stages: exactly the 36 cells of data/stage_gaps.csv, with their reasons', () => {
    const gaps = dataRows('stage_gaps.csv');
    expect(ofKind('empty-stage')).toHaveLength(36);
    for (const gap of gaps) {
      const item = ofKind('empty-stage').find((entry) => entry.mineral === gap.mineral && entry.stage === gap.stage);
      expect(item?.reason, `${gap.mineral} ${gap.stage}`).toContain(gap.reason!);
      expect(item?.reason).toContain(`(${gap.kind})`);
    }
  });

  it('censored values: ">50" reliance used at its bound, and "<0.1%" shares never as zero', () => {
    const tungsten = ofKind('censored').find((item) => item.mineral === 'tungsten' && item.year === 2025 && item.stage === null);
    expect(tungsten.reason).toBe(
      'USA net import reliance published as ">50": used at its bound, 50 %, so a dependency or consumption at risk built on it is a lower bound',
    );
    const smelting = ofKind('censored').find((item) => item.mineral === 'antimony' && item.stage === 'refining');
    expect(smelting.reason).toMatch(/^37 countries printed "<0\.1%"/);
  });

  it('filters by kind and mineral; CSV like every collection', async () => {
    const { body } = await getJson(app, '/v1/quality?kind=empty-stage&mineral=gallium');
    expect(body.data.map((item: any) => item.stage)).toEqual(['mining', 'metal', 'component']);
    const csv = await app.inject({ url: '/v1/quality?kind=period-based&format=csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('kind,mineral,stage,year,period,basis,edition,reason,href');
  });

  it('an unknown kind or mineral is a 400 naming the field', async () => {
    expect(fieldsOf(expectProblem(await app.inject({ url: '/v1/quality?kind=rumour' }), 400, 'validation_failed'))).toEqual([
      'querystring.kind',
    ]);
    expect(fieldsOf(expectProblem(await app.inject({ url: '/v1/quality?mineral=unobtainium' }), 400, 'validation_failed'))).toEqual([
      'querystring.mineral',
    ]);
  });

  it('answers as a pinned edition: MCS 2025 had no 2025 gallium, and its 2024 rows (762 t) passed a printed 760 t', async () => {
    const { body } = await getJson(app, '/v1/quality?kind=reconciled-total&mineral=gallium&edition=usgs-mcs-2025');
    // Beside the EU study's processing shares (printed to add up to 100.1 %), which every view holds.
    expect(body.data.map((item: any) => [item.year, item.edition])).toEqual([
      [null, 'eu-crm-2023'],
      [2024, 'usgs-mcs-2025'],
    ]);
  });
});
