/** Scenarios as CSV (Accept: text/csv): one row per mineral and stage, the same figures as the JSON answer. */
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const COLUMNS =
  'mineral,stage,status,year,measure,period,basis,edition,baselineTonnes,lostTonnes,substitutedTonnes,grossLossShare,lossShare,hhiBefore,hhiAfter,topProducerAfter,topShareAfter,binding,bindingLoss,importer,consumptionAtRisk,monthsOfCover,reason,sourceIds';

async function both(url: string, payload?: object) {
  const asJson = await app.inject({ method: 'POST', url, ...(payload ? { payload } : {}) });
  const asCsv = await app.inject({ method: 'POST', url, headers: { accept: 'text/csv' }, ...(payload ? { payload } : {}) });
  return { json: asJson.json(), csv: asCsv };
}

describe('scenario CSV', () => {
  it('renders a preset run as one row per mineral and stage, equal to the JSON', async () => {
    const { json, csv } = await both('/v1/scenarios/presets/china-antimony-ban', { stockpile: { antimony: 2000 } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.body.split('\r\n')[0]).toBe(COLUMNS);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    const result = json.results[0];
    expect(rows).toHaveLength(result.stages.length);
    const mining = rows.find((row) => row.stage === 'mining')!;
    const stage = result.stages.find((s: { stage: string }) => s.stage === 'mining');
    expect(mining).toMatchObject({
      mineral: 'antimony',
      status: 'ok',
      lossShare: String(stage.lossShare),
      hhiBefore: String(stage.hhiBefore),
      hhiAfter: String(stage.hhiAfter),
      measure: 'tonnes',
      lostTonnes: String(stage.lostTonnes),
      // Smelting (China 51.8 % of the EU CRM 2023 shares) loses more than mining (36.36 % in 2025): it binds.
      binding: 'false',
      bindingLoss: String(result.bindingLoss),
      consumptionAtRisk: String(result.importerImpact.consumptionAtRisk),
      monthsOfCover: String(result.importerImpact.monthsOfCover.months),
      sourceIds: stage.sourceIds.join('; '),
    });
    // The share-based stage: no tonnes, and the reason column says why.
    const smelting = rows.find((row) => row.stage === 'refining')!;
    expect(smelting).toMatchObject({
      status: 'ok',
      year: '',
      measure: 'shares',
      period: 'EU CRM 2023 assessment period (five-year average)',
      lostTonnes: '',
      lossShare: '0.518',
      binding: 'true',
      bindingLoss: '0.518',
    });
    expect(smelting.reason).toMatch(/country shares of world supply/);
  });

  it('renders a custom scenario too, and a refused one stays problem+json', async () => {
    const { csv } = await both('/v1/scenarios/disruption', {
      shocks: [{ countries: ['CHN', 'RUS'], reduction: 1 }],
      minerals: ['antimony', 'tungsten'],
    });
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((row) => row.mineral))).toEqual(new Set(['antimony', 'tungsten']));
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/disruption',
      headers: { accept: 'text/csv' },
      payload: { shocks: [{ countries: ['CHN'], reduction: 2 }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
