/**
 * Every empty cell of the mineral × stage grid says why (data/stage_gaps.csv), and no cell with figures carries a
 * reason: checked against the figures themselves (production in any edition, and the share tables), so a new edition
 * that fills a cell, or a mineral added without its reasons, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../helpers/dataset.js';

type Row = Record<string, string>;
const read = (file: string) => parse(readFileSync(join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];

describe('data/stage_gaps.csv', () => {
  const minerals = read('minerals.csv').map((row) => row.id!);
  const stages = read('stages.csv').map((row) => row.id!);
  const withFigures = new Set([...read('production.csv'), ...read('stage_shares.csv')].map((row) => `${row.mineral}|${row.stage}`));
  const gaps = new Map(read('stage_gaps.csv').map((row) => [`${row.mineral}|${row.stage}`, row]));

  it('explains exactly the cells without figures: 36 of the 60', () => {
    const empty = minerals.flatMap((mineral) => stages.map((stage) => `${mineral}|${stage}`)).filter((cell) => !withFigures.has(cell));
    expect(minerals.length * stages.length).toBe(60);
    expect([...gaps.keys()].sort()).toEqual(empty.sort());
    expect(empty).toHaveLength(36);
  });

  it('says by-product only of mining, with the minerals the dataset describes as by-products', () => {
    const byProduct = [...gaps.values()].filter((row) => row.kind === 'by-product');
    expect(byProduct.map((row) => `${row.mineral}|${row.stage}`).sort()).toEqual([
      'bismuth|mining',
      'gallium|mining',
      'germanium|mining',
      'indium|mining',
      'tellurium|mining',
    ]);
    const descriptions = new Map(read('minerals.csv').map((row) => [row.id!, row.description!]));
    for (const row of byProduct) expect(descriptions.get(row.mineral!)).toMatch(/[Bb]y-product/);
  });
});
