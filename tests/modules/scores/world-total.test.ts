/**
 * The one world-total rule on the cells where the published total is rounded below the rows (MCS 2026, data year
 * 2025), each worked by hand from data/production.csv: shares, HHI and CR are taken of the rows' sum, and the answer
 * names both totals and why.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

async function stage(mineral: string, name: string) {
  const { status, body } = await getJson(app, `/v1/minerals/${mineral}/concentration?year=2025&stage=${name}`);
  expect(status).toBe(200);
  return body.stages[0];
}

describe('reconciled world totals, 2025 (MCS 2026)', () => {
  it('gallium primary production: CHN 900, RUS 6, JPN 3 (+ OTH 0) = 909 t against a printed 900 t → HHI 9,803.5, not 10,000.6', async () => {
    const gallium = await stage('gallium', 'refining');
    // (900² + 6² + 3²) / 909² × 10,000 = 810,045 / 826,281 × 10,000 = 9,803.5; on the printed 900 t it was 10,000.6.
    expect(gallium).toMatchObject({ hhi: 9803.5, cr1: 99.01, cr3: 100, namedShareTotal: 100, unallocatedShare: 0, otherShare: 0 });
    expect(gallium.inputs.worldTotal).toEqual({
      rule: 'reconciled',
      unit: 't',
      published: 900,
      used: 909,
      accounted: 909,
      reason:
        'The named countries and "Other countries" add up to 909 t, more than the published world total of 900 t (U.S. Geological Survey rounds world totals): shares are taken of 909 t, so none exceeds 100 % and together they never exceed 100 %.',
    });
    expect(gallium.inputs.worldTonnes).toBe(909);
  });

  it('tellurium refinery production: the named rows add up to 1,028 t against a printed 1,000 t (102.8 %) → China 77.82 %, HHI 6,166.3', async () => {
    const tellurium = await stage('tellurium', 'refining');
    // CHN 800, RUS 67, JPN 61, SWE 48, CAN 28, UZB 18, ZAF 5, BGR 1 = 1,028 t (USA withheld, so 1,028 t is itself a floor).
    // Σt² = 651,648 → 651,648 / 1,028² × 10,000 = 6,166.3; China 800 / 1,028 = 77.82 %.
    expect(tellurium).toMatchObject({ hhi: 6166.3, cr1: 77.82, namedShareTotal: 100, withheld: ['USA'] });
    expect(tellurium.inputs.worldTotal).toMatchObject({ rule: 'reconciled', published: 1000, used: 1028 });
  });

  it('bismuth refinery production: 16,280 t named against a printed 16,000 t (101.75 %) → China 86 %, HHI 7,453.2', async () => {
    const bismuth = await stage('bismuth', 'refining');
    // CHN 14,000, KOR 1,000, LAO 500, JPN 500, KAZ 180, BGR 50, BOL 50 = 16,280 t; Σt² = 197,537,400;
    // 197,537,400 / 16,280² × 10,000 = 7,453.2; China 14,000 / 16,280 = 86.00 %; top three 15,500 / 16,280 = 95.21 %.
    expect(bismuth).toMatchObject({ hhi: 7453.2, cr1: 86, cr3: 95.21 });
    expect(bismuth.inputs.worldTotal).toMatchObject({ rule: 'reconciled', published: 16_000, used: 16_280 });
  });

  it('cobalt mining: the published "Other countries" counts: 305,500 + 9,100 = 314,600 t against 310,000 t; Other is 2.89 %, unallocated too', async () => {
    const cobalt = await stage('cobalt', 'mining');
    // DR Congo 230,000 / 314,600 = 73.11 %; Other 9,100 / 314,600 = 2.89 % (the old 100 − named said 1.45 %).
    expect(cobalt).toMatchObject({ cr1: 73.11, otherShare: 2.89, unallocatedShare: 2.89, namedShareTotal: 97.11 });
    expect(cobalt.inputs.worldTotal).toMatchObject({ rule: 'reconciled', published: 310_000, used: 314_600, accounted: 314_600 });
  });

  it('a published total above the rows stands (tungsten mining 2025 is reconciled; nickel refining 2025 is not)', async () => {
    const nickel = await stage('nickel', 'refining');
    expect(nickel.inputs.worldTotal).toMatchObject({ rule: 'published', reason: null });
    expect(nickel.inputs.worldTonnes).toBe(nickel.inputs.worldTotal.published);
  });
});
