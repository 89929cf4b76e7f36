/**
 * Every derived number obeys its invariants, in every edition and year of the real data — a walk over all of it, not a
 * sample: 0 ≤ share ≤ 100, shares add up to at most 100, CR1 ≤ CR3 ≤ 100, 0 ≤ HHI ≤ 10,000, HHI ≤ its upper bound.
 *
 * Two walks: the scoring core over every (mineral, stage, year, basis) cell of every edition as stored (whether or not a
 * view shows it), and the API over every view (the default and each edition pinned): concentration of every stage-year,
 * the ranking, dominance, the chain, exposure, controlled supply and disruption scenarios.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { supplyByStageYear, shareSupplies } from '../../src/domain/supply.js';
import { figureOfRecord } from '../../src/dataset/production-codec.js';
import { concentrationOf, runDisruption } from '../../src/scoring/index.js';
import { buildTestApp } from '../helpers/app.js';

/** Floating-point sums of exact shares may pass a bound by this much and no more. */
const EXACT = 1e-9;
/** The same for HHIs, which are four orders of magnitude larger (10,000.000000001 is 10,000 in floating point). */
const HHI_EXACT = 1e-6;
/** Each share is shown to 2 decimals (HHI to 1): a sum of n shown shares may pass 100 by n × 0.005. */
const SHOWN = (n: number) => n * 0.005 + EXACT;

let app: FastifyInstance;
const violations: string[] = [];

function check(condition: boolean, where: string, what: string): void {
  if (!condition) violations.push(`${where}: ${what}`);
}

interface ShareSet {
  shares: number[];
  hhi?: number;
  hhiUpperBound?: number;
  cr1?: number;
  cr3?: number;
  unallocatedShare?: number;
  otherShare?: number | null;
  namedShareTotal?: number;
}

/** The invariants of one set of shares and the concentration figures made from them. */
function checkShares(where: string, set: ShareSet, tolerance: (n: number) => number): void {
  const { shares } = set;
  const slack = tolerance(shares.length);
  for (const share of shares) check(share >= 0 && share <= 100 + EXACT, where, `share ${share} outside 0–100`);
  const total = shares.reduce((sum, share) => sum + share, 0);
  check(total <= 100 + slack, where, `shares add up to ${total}`);
  if (set.namedShareTotal !== undefined) check(set.namedShareTotal <= 100 + EXACT, where, `namedShareTotal ${set.namedShareTotal}`);
  if (set.hhi !== undefined) {
    check(set.hhi >= 0 && set.hhi <= 10_000 + HHI_EXACT, where, `HHI ${set.hhi} outside 0–10,000`);
    if (set.hhiUpperBound !== undefined) {
      check(set.hhi <= set.hhiUpperBound + HHI_EXACT, where, `HHI ${set.hhi} above its upper bound ${set.hhiUpperBound}`);
      check(set.hhiUpperBound <= 10_000 + HHI_EXACT, where, `HHI upper bound ${set.hhiUpperBound} above 10,000`);
    }
  }
  if (set.cr1 !== undefined && set.cr3 !== undefined) {
    check(set.cr1 <= set.cr3 + EXACT && set.cr3 <= 100 + EXACT, where, `CR1 ${set.cr1}, CR3 ${set.cr3}`);
  }
  if (set.unallocatedShare !== undefined) {
    check(set.unallocatedShare >= 0 && set.unallocatedShare <= 100 + EXACT, where, `unallocated ${set.unallocatedShare}`);
    if (set.otherShare !== undefined && set.otherShare !== null) {
      check(set.otherShare <= set.unallocatedShare + slack, where, `"Other" ${set.otherShare} above unallocated ${set.unallocatedShare}`);
    }
  }
}

async function get(url: string): Promise<any> {
  const response = await app.inject({ method: 'GET', url });
  if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return response.json();
}

async function post(url: string, payload: object): Promise<any> {
  const response = await app.inject({ method: 'POST', url, payload });
  if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return response.json();
}

beforeAll(async () => {
  app = await buildTestApp();
});
beforeEach(() => {
  violations.length = 0;
});
afterAll(async () => {
  await app.close();
});

describe('the scoring core over every cell of every edition as stored', () => {
  it('every (mineral, stage, year, basis, edition) of production, projections and share tables', () => {
    const snapshot = app.dataset.current();
    const all = snapshot.all;
    let cells = 0;
    // Projections are figures of a scenario year: the same arithmetic, so the same invariants.
    const projected = all.projections.map((row) => ({ ...row, estimated: true, withheld: false, lowerBound: false }));
    const byEdition = new Map<string, typeof all.production>();
    for (const row of [...all.production, ...projected]) {
      const rows = byEdition.get(row.edition) ?? [];
      rows.push(row);
      byEdition.set(row.edition, rows);
    }
    // Every basis on its own (a priority of 1 for all keeps each (mineral, stage, year) on one basis per pass).
    for (const [edition, rows] of byEdition) {
      const bases = new Set(rows.map((row) => row.basisId));
      for (const basis of bases) {
        const figures = rows.filter((row) => row.basisId === basis).map(figureOfRecord);
        for (const supply of supplyByStageYear(figures, new Map())) {
          const result = concentrationOf({ producers: supply.producers, otherTonnes: supply.otherTonnes, worldTonnes: supply.worldTonnes });
          if (result.status !== 'ok') continue;
          cells += 1;
          checkShares(
            `${supply.mineral} ${supply.stage} ${supply.year} ${basis} ${edition}`,
            { ...result, shares: result.producers.map((p) => p.share) },
            () => EXACT,
          );
        }
      }
    }
    for (const supply of shareSupplies(all.stageShares)) {
      const result = concentrationOf({ producers: supply.producers, otherTonnes: supply.otherTonnes, worldTonnes: supply.worldTonnes });
      if (result.status !== 'ok') continue;
      cells += 1;
      checkShares(
        `${supply.mineral} ${supply.stage} ${supply.basis} ${supply.edition}`,
        { ...result, shares: result.producers.map((p) => p.share) },
        () => EXACT,
      );
    }
    expect(cells).toBeGreaterThan(150);
    expect(violations.join('\n')).toBe('');
  });
});

describe('the API in every view', () => {
  let views: (string | null)[] = [];

  beforeAll(async () => {
    const editions = await get('/v1/editions?limit=100');
    views = [null, ...editions.data.map((edition: { id: string }) => edition.id)];
  });

  const withView = (url: string, view: string | null) => (view === null ? url : `${url}${url.includes('?') ? '&' : '?'}edition=${view}`);

  it('concentration of every stage-year (observed and projected), the ranking, dominance and the chain', async () => {
    const minerals: string[] = (await get('/v1/minerals')).data.map((mineral: { id: string }) => mineral.id);
    let blocks = 0;
    for (const view of views) {
      for (const mineral of minerals) {
        const history = await get(withView(`/v1/minerals/${mineral}/concentration/history?projections=true`, view));
        const years = new Set<number>();
        for (const stage of history.stages) for (const point of stage.series ?? []) years.add(point.year);
        for (const point of history.projections ?? []) years.add(point.year);
        const answers = [await get(withView(`/v1/minerals/${mineral}/concentration`, view))];
        for (const year of years) answers.push(await get(withView(`/v1/minerals/${mineral}/concentration?year=${year}`, view)));
        for (const answer of answers) {
          for (const block of answer.stages) {
            if (block.status !== 'ok') continue;
            blocks += 1;
            checkShares(
              `${view ?? 'default'} ${mineral} ${block.stage} ${block.year ?? block.period}`,
              { ...block, shares: block.inputs.producers.map((p: { share: number }) => p.share) },
              SHOWN,
            );
            check(block.hhiRange.lower <= block.hhiRange.upper, `${mineral} ${block.stage}`, 'HHI range lower above upper');
          }
        }
        const chain = await get(withView(`/v1/minerals/${mineral}/chain`, view));
        for (const stage of chain.stages) {
          for (const series of stage.series) {
            if (series.status !== 'ok') continue;
            checkShares(
              `${view ?? 'default'} chain ${mineral} ${stage.stage} ${series.basis}`,
              { ...series, shares: series.topProducers.map((p: { share: number }) => p.share) },
              SHOWN,
            );
          }
        }
      }
      const ranking = await get(withView('/v1/concentration?limit=1000', view));
      for (const row of ranking.data) {
        checkShares(`${view ?? 'default'} ranking ${row.mineral} ${row.stage}`, { ...row, shares: [row.topShare] }, SHOWN);
      }
      const dominance = await get(withView('/v1/countries/CHN/dominance?minShare=0&limit=1000', view));
      for (const row of dominance.data)
        check(row.share >= 0 && row.share <= 100, `${view ?? 'default'} dominance ${row.mineral} ${row.stage}`, `share ${row.share}`);
    }
    expect(blocks).toBeGreaterThan(500);
    expect(violations.join('\n')).toBe('');
  });

  it('exposure, controlled supply and sourcing: every fraction within 0–1, every share within 0–100', async () => {
    for (const view of views) {
      for (const importer of ['USA', 'EU']) {
        const exposure = await get(withView(`/v1/dependency/${importer}/on/CHN`, view));
        for (const row of exposure.data) {
          for (const value of [row.direct, row.upstream?.exposure, row.effectiveExposure]) {
            if (value === null || value === undefined) continue;
            check(value >= 0 && value <= 1 + EXACT, `${view ?? 'default'} ${importer} exposure ${row.mineral}`, `fraction ${value}`);
          }
          for (const stage of row.byStage ?? []) {
            for (const upstream of stage.upstream) {
              if (upstream.sharePct !== null)
                check(upstream.sharePct <= 100, `${importer} ${row.mineral} ${stage.stage}`, `upstream ${upstream.sharePct}`);
            }
          }
        }
        const dependency = await get(withView(`/v1/dependency/${importer}`, view));
        for (const row of dependency.data) {
          const sources = row.importSources?.sources ?? [];
          const shares = sources
            .filter((s: { sharePct: number | null }) => s.sharePct !== null)
            .map((s: { sharePct: number }) => s.sharePct);
          if (row.importSources?.otherSharePct != null) shares.push(row.importSources.otherSharePct);
          checkShares(`${view ?? 'default'} ${importer} import sources ${row.mineral}`, { shares }, SHOWN);
        }
      }
      const controlled = await get(withView('/v1/export-controls/supply?asOf=2026-12-01&limit=1000', view));
      for (const row of controlled.data) {
        check(
          row.controlledShare >= 0 && row.controlledShare <= 100,
          `${view ?? 'default'} controlled ${row.mineral} ${row.stage}`,
          `share ${row.controlledShare}`,
        );
      }
    }
    expect(violations.join('\n')).toBe('');
  });

  it('alignment: inside, outside and unallocated shares of every stage within 0–100 and adding up to at most 100, for every group', async () => {
    const minerals: string[] = (await get('/v1/minerals')).data.map((mineral: { id: string }) => mineral.id);
    const groups: string[] = (await get('/v1/groups')).data.map((group: { id: string }) => group.id);
    let stages = 0;
    for (const view of views) {
      for (const mineral of minerals) {
        for (const group of groups) {
          const alignment = await get(withView(`/v1/minerals/${mineral}/alignment?group=${group}`, view));
          for (const stage of alignment.stages) {
            if (stage.status !== 'ok') continue;
            stages += 1;
            const where = `${view ?? 'default'} alignment ${mineral} ${stage.stage} ${group}`;
            checkShares(
              where,
              { shares: [stage.insideShare, stage.outsideShare, stage.unallocatedShare], namedShareTotal: stage.namedShareTotal },
              SHOWN,
            );
            check(
              Math.abs(stage.insideShare + stage.outsideShare - stage.namedShareTotal) <= SHOWN(2),
              where,
              'inside + outside is not namedShareTotal',
            );
          }
        }
      }
    }
    expect(stages).toBeGreaterThan(500);
    expect(violations.join('\n')).toBe('');
  });

  it('disruption scenarios: every mineral and year, China, China and Russia, and every named producer of a stage shocked', async () => {
    let stages = 0;
    for (const view of [null, 'usgs-mcs-2025', 'usgs-mcs-2024']) {
      const minerals: string[] = (await get('/v1/minerals')).data.map((mineral: { id: string }) => mineral.id);
      for (const mineral of minerals) {
        const history = await get(withView(`/v1/minerals/${mineral}/concentration/history`, view));
        const years = new Set<number>();
        for (const stage of history.stages) for (const point of stage.series ?? []) years.add(point.year);
        for (const year of years) {
          for (const countries of [['CHN'], ['CHN', 'RUS']]) {
            for (const importer of ['USA', 'EU']) {
              const body = await post('/v1/scenarios/disruption', {
                ...(view === null ? {} : { edition: view }),
                year,
                importer,
                minerals: [mineral],
                shocks: [{ countries, reduction: 1 }],
              });
              for (const result of body.results) {
                if (result.status !== 'ok') continue;
                const where = `${view ?? 'default'} ${mineral} ${year} ${countries.join('+')} ${importer}`;
                check(result.bindingLoss >= 0 && result.bindingLoss <= 1, where, `binding loss ${result.bindingLoss}`);
                const risk = result.importerImpact.consumptionAtRisk;
                check(risk >= 0 && risk <= 1, where, `consumption at risk ${risk}`);
                checkShares(`${where} alternatives`, { shares: result.alternatives.map((a: { share: number }) => a.share) }, SHOWN);
                for (const stage of result.stages) {
                  if (stage.status !== 'ok') continue;
                  stages += 1;
                  for (const value of [stage.lossShare, stage.grossLossShare])
                    check(value >= 0 && value <= 1, `${where} ${stage.stage}`, `loss ${value}`);
                  check(stage.hhiBefore >= 0 && stage.hhiBefore <= 10_000, `${where} ${stage.stage}`, `HHI before ${stage.hhiBefore}`);
                  if (stage.hhiAfter !== null)
                    check(stage.hhiAfter >= 0 && stage.hhiAfter <= 10_000, `${where} ${stage.stage}`, `HHI after ${stage.hhiAfter}`);
                  for (const top of [stage.topProducerBefore, stage.topProducerAfter]) {
                    if (top) check(top.share >= 0 && top.share <= 100, `${where} ${stage.stage}`, `top share ${top.share}`);
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(stages).toBeGreaterThan(100);
    expect(violations.join('\n')).toBe('');
  });
});

describe('the disruption core with every named producer of a stage shocked', () => {
  it('never loses more than the whole stage, and never shares out more than what is left', () => {
    const snapshot = app.dataset.current();
    let runs = 0;
    for (const supply of snapshot.supplies) {
      const producers = supply.producers.filter((p): p is typeof p & { tonnes: number } => p.tonnes !== null && p.tonnes > 0);
      if (producers.length === 0) continue;
      // All but the smallest producer, and then every one: the remainder is the smallest or nothing.
      const countrySets = [producers.slice(0, -1).map((p) => p.country), producers.map((p) => p.country)];
      for (const countries of countrySets) {
        const result = runDisruption({
          mineral: supply.mineral,
          year: supply.year ?? 0,
          stages: [
            {
              stage: supply.stage,
              basis: supply.basis,
              worldTonnes: supply.worldTonnes,
              producers: producers.map((p) => ({ country: p.country, tonnes: p.tonnes })),
              otherTonnes: supply.otherTonnes,
              sourceIds: supply.sourceIds,
            },
          ],
          shocks: [{ countries, stages: null, reduction: 1 }],
          importer: { code: 'USA', netImportReliance: 1, importShares: null, apparentConsumptionTonnes: null },
        });
        if (result.status !== 'ok') continue;
        runs += 1;
        const where = `${supply.mineral} ${supply.stage} ${supply.year ?? supply.period} ${countries.length} shocked`;
        check(result.bindingLoss >= 0 && result.bindingLoss <= 1 + EXACT, where, `loss ${result.bindingLoss}`);
        check(
          result.importerImpact.consumptionAtRisk <= 1 + EXACT,
          where,
          `consumption at risk ${result.importerImpact.consumptionAtRisk}`,
        );
        for (const stage of result.stages) {
          if (stage.status !== 'ok') continue;
          if (stage.topProducerAfter)
            check(stage.topProducerAfter.share <= 100 + EXACT, where, `top after ${stage.topProducerAfter.share}`);
          if (stage.hhiAfter !== null) check(stage.hhiAfter <= 10_000 + HHI_EXACT, where, `HHI after ${stage.hhiAfter}`);
        }
        checkShares(`${where} alternatives`, { shares: result.alternatives.map((a) => a.share) }, () => EXACT);
      }
    }
    expect(runs).toBeGreaterThan(100);
    expect(violations.join('\n')).toBe('');
  });
});
