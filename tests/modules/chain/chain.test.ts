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

type Series = {
  basis: string;
  measure: string;
  year: number | null;
  period: string | null;
  status: string;
  hhi: number;
  hhiRange: { lower: number; upper: number; exact: boolean };
  cr1: number;
  china: { share: number | null; note: string | null };
  topProducers: { country: string; share: number }[];
  belowThreshold: { countries: string[] } | null;
  sourceIds: string[];
};
type Stage = { stage: string; name: string; status: string; reason?: string; series: Series[] };
type Chain = {
  stages: Stage[];
  binding: {
    status: string;
    stage: string;
    comparable: boolean;
    reason: string | null;
    comparedStages: { stage: string; measure: string }[];
  };
};

describe('GET /v1/minerals/{mineral}/chain', () => {
  it("antimony: mining 2025 from MCS 2026 (China 40,000 of the rows' 110,720 t) and smelting from the EU CRM 2023 shares (China 51.8 %)", async () => {
    const { status, body } = await getJson<Chain>(app, '/v1/minerals/antimony/chain');
    expect(status).toBe(200);
    expect(body.stages.map((s) => [s.stage, s.name])).toEqual([
      ['mining', 'Mining'],
      ['refining', 'Smelting and refining'],
    ]);
    const mining = body.stages[0]!.series[0]!;
    expect(mining).toMatchObject({ basis: 'sb-contained', measure: 'tonnes', year: 2025, period: null });
    // The named rows add up to 110,720 t, more than the rounded world total of 110,000 t: shares are of 110,720.
    expect(mining.china.share).toBeCloseTo((100 * 40000) / 110720, 2);
    const smelting = body.stages[1]!.series[0]!;
    expect(smelting).toMatchObject({ basis: 'sb-eu-processing', measure: 'shares', year: null, sourceIds: ['eu-crm-2023-appendix-7'] });
    expect(smelting.period).toContain('EU CRM 2023');
    expect(smelting.china).toEqual({ share: 51.8, note: null });
    // 37 countries are printed "<0.1%": present, never zero, and they leave the range open.
    expect(smelting.belowThreshold?.countries).toHaveLength(37);
    expect(smelting.hhiRange.lower).toBeLessThanOrEqual(smelting.hhiRange.upper);
    // The stages differ in time and basis, so the comparison is flagged.
    expect(body.binding).toMatchObject({ status: 'ok', comparable: false });
    expect(body.binding.reason).toContain('different');
  });

  it('rare earths: separation on light (Nd/Pr) and heavy (Dy/Tb) bases apart from REO mining, magnets without a citable figure', async () => {
    const { body } = await getJson<Chain>(app, '/v1/minerals/rare-earths/chain');
    expect(body.stages.map((s) => s.name)).toEqual(['Mining', 'Separation', 'Metal', 'Magnets (sintered NdFeB)']);
    const separation = body.stages.find((s) => s.stage === 'refining')!;
    const light = separation.series.find((s) => s.basis === 'ree-light-ndpr-eu')!;
    const heavy = separation.series.find((s) => s.basis === 'ree-heavy-dytb-eu')!;
    // Published study shares: Nd processing China 84.9 %, Malaysia 10.5 % (of a table adding up to 100.1, so taken of
    // 100.1: 84.82 % and 10.49 %); Dy processing China 100 %.
    expect(light.china.share).toBe(84.82);
    expect(light.topProducers[1]).toMatchObject({ country: 'MYS', share: 10.49 });
    expect(heavy.china.share).toBe(100);
    expect(heavy.hhi).toBe(10000);
    expect(heavy.hhiRange.exact).toBe(true);
    const magnets = body.stages.find((s) => s.stage === 'component')!;
    expect(magnets.status).toBe('insufficient_data');
    expect(magnets.reason).toContain('NdFeB');
    // REO mining and magnet-element separation are never presented as one basis.
    expect(new Set(body.binding.comparedStages.map((s) => s.stage)).size).toBe(body.binding.comparedStages.length);
    expect(body.binding.comparable).toBe(false);
  });

  it("tungsten: APT and intermediates from the study (China 85.6 % printed, 85.51 % of the shares' sum 100.1; HHI from the six shares)", async () => {
    const { body } = await getJson<Chain>(app, '/v1/minerals/tungsten/chain');
    const apt = body.stages.find((s) => s.stage === 'refining')!;
    expect(apt.name).toBe('APT and intermediates');
    // (85.6² + 4.4² + 2.8² + 2.8² + 2.3² + 2.2²) / 1.001² = (7327.36 + 19.36 + 7.84 + 7.84 + 5.29 + 4.84) / 1.002001
    expect(apt.series[0]!.hhi).toBeCloseTo(7357.8, 1);
    expect(apt.series[0]!.cr1).toBe(85.51);
  });

  it('an unknown mineral is a 404 problem', async () => {
    const { status, body } = await getJson(app, '/v1/minerals/unobtainium/chain');
    expect(status).toBe(404);
    expect(body).toMatchObject({ status: 404 });
  });
});
