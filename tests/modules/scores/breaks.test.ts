/**
 * Breaks are data: each point of a history names its publication and basis, and where a point's figures come from
 * another publication (edition) or basis than the point before, it says so with the reason — germanium's spliced
 * series, the IEA's two publications, and the yearly USGS editions that each revise only their own years.
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

async function series(mineral: string, stage: string) {
  const { body } = await getJson(app, `/v1/minerals/${mineral}/concentration/history?stage=${stage}`);
  return body.stages[0].series as any[];
}

describe('breaks in a concentration history', () => {
  it('germanium refining: 2020–21 from MCS 2022 (refinery output, 140 t) continue; 2022 (OFR 2024-1057, primary estimate, 210 t) breaks on both', async () => {
    const points = await series('germanium', 'refining');
    expect(points.map((point) => [point.year, point.edition, point.basis, point.worldTonnes, point.topShare])).toEqual([
      [2020, 'usgs-mcs-2022', 'ge-refinery', 140, 67.86],
      [2021, 'usgs-mcs-2022', 'ge-refinery', 140, 67.86],
      [2022, 'usgs-ofr-2024-1057', 'ge-primary-est', 210, 85.71],
    ]);
    expect(points[0].break).toBeNull();
    expect(points[1].break).toBeNull();
    expect(points[2].break.kinds).toEqual(['publication', 'basis']);
    expect(points[2].break.reason).toBe(
      'Open-File Report 2024-1057, Table 1.14 (germanium refinery production) follows Mineral Commodity Summaries 2022: another publication, not an edition of the same series, so the two were never compiled as one series; and measured as primary germanium (estimated) after refinery germanium, primary and secondary: not the same quantity.',
    );
    expect(points[2].publication).toBe('Open-File Report 2024-1057, Table 1.14 (germanium refinery production)');
  });

  it("rare-earth separation (IEA magnet elements): 2021 GCMO 2026, 2024 the 2025 data explorer, 2025 GCMO again — China's 88.3 → 91.3 → 83.3 % is two changes of publication", async () => {
    const points = await series('rare-earths', 'refining');
    expect(points.map((point) => [point.year, point.edition, point.topShare, point.break?.kinds ?? null])).toEqual([
      [2021, 'iea-gcmo-2026', expect.any(Number), null],
      [2024, 'iea-cmde-2025', 91.28, ['publication']],
      [2025, 'iea-gcmo-2026', 83.33, ['publication']],
    ]);
    expect(points[1].break.reason).toMatch(
      /^Critical Minerals Data Explorer \(2025 update, 2024 base year\) follows Global Critical Minerals Outlook 2026/,
    );
  });

  it('antimony mining: one point per MCS edition (2021 MCS 2023 … 2024–25 MCS 2026): a break at each change of edition, none within one', async () => {
    const points = await series('antimony', 'mining');
    expect(points.map((point) => [point.year, point.edition, point.break === null])).toEqual([
      [2021, 'usgs-mcs-2023', true],
      [2022, 'usgs-mcs-2024', false],
      [2023, 'usgs-mcs-2025', false],
      [2024, 'usgs-mcs-2026', false],
      [2025, 'usgs-mcs-2026', true],
    ]);
    expect(points[3].break).toEqual({
      kinds: ['publication'],
      reason:
        "Mineral Commodity Summaries 2026 follows Mineral Commodity Summaries 2025: each edition revises its own years and not the other's, so the step between them can be a revision rather than a change in the world (see GET /v1/revisions).",
    });
  });
});

describe('one stage-year under each edition', () => {
  it('antimony mining 2024 as MCS 2025 and MCS 2026 gave it: a revision of one publication on one basis, no break', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration/editions?stage=mining&year=2024');
    expect(body.data.map((entry: any) => [entry.edition, entry.break])).toEqual([
      ['usgs-mcs-2025', null],
      ['usgs-mcs-2026', null],
    ]);
  });
});
