/**
 * A synthetic dataset about 100× the size of the curated one in data/, for the scale benchmark.
 *
 * Same files, same columns, valid under the loader's rules (references, keys, world totals). It grows along the
 * dimensions the real data has: more minerals (copies of each real mineral with their own bases, sources and
 * defense uses), more countries (synthetic ISO-like codes that produce, import, hold reserves and have WGI
 * scores), and more years (the series extended backwards). Every figure carries an edition (data/editions.csv):
 * a synthetic row takes an edition of the real rows it was copied from — for the extra countries, the newest
 * edition among them (by publication date) — so no synthetic edition is invented, editions.csv is written as is,
 * and the default "newest edition per year" view sees the synthetic countries. Capacity, prices, U.S. salient
 * statistics and the critical-minerals flags are copied once per mineral copy; so are the mineral's HTS headings with
 * their observed trade (synthetic heading codes, the same partners, years and figures). The curated rows are kept verbatim and no synthetic row
 * lands in a real mineral's real years, so `GET /v1/minerals/antimony/concentration` answers with the same bytes
 * at 1× and 100×: the scale benchmark compares the same response over a hundred times more data.
 *
 *   npx tsx bench/synthetic.ts <out-dir> [data-dir]
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

type Row = Record<string, string>;

interface Table {
  columns: string[];
  rows: Row[];
}

export interface SyntheticOptions {
  /** The curated dataset to grow (data/). */
  sourceDir: string;
  /** Where to write the synthetic CSV files (created if missing). */
  outDir: string;
  /** Copies of every real mineral (default 9: ten times the minerals). */
  mineralCopies?: number;
  /** Synthetic countries added to the real ones (default 200). */
  extraCountries?: number;
  /** First year of the extended production, reserve and trade series (default 2005; the real data starts in 2017–2022). */
  firstYear?: number;
  /** First year of the extended WGI series (default 1955). */
  firstGovernanceYear?: number;
  /** PRNG seed: the same options always write the same files. */
  seed?: number;
}

export interface SyntheticStats {
  files: { file: string; realRows: number; rows: number }[];
  realRows: number;
  rows: number;
  /** rows / realRows. */
  factor: number;
  minerals: number;
  countries: number;
  years: { from: number; to: number };
}

const FILES = [
  'stages.csv',
  'minerals.csv',
  'bases.csv',
  'countries.csv',
  'sources.csv',
  'editions.csv',
  'production.csv',
  'capacity.csv',
  'reserves.csv',
  'import_reliance.csv',
  'import_sources.csv',
  'apparent_consumption.csv',
  'prices.csv',
  'us_salient.csv',
  'critical_minerals.csv',
  'defense_uses.csv',
  'groups.csv',
  'group_members.csv',
  'governance.csv',
] as const;

const WORLD = 'WLD';
const OTHER = 'OTH';
const SYNTHETIC_SOURCE = 'synthetic-benchmark';
const SYNTHETIC_BLOCS = 5;
const WGI_INDICATORS = ['VA.EST', 'PV.EST', 'GE.EST', 'RQ.EST', 'RL.EST', 'CC.EST'];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function readTable(dir: string, file: string): Table {
  const text = readFileSync(join(dir, file), 'utf8');
  const columns = (parse(text, { bom: true, to_line: 1 }) as string[][])[0] ?? [];
  const rows = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Row[];
  return { columns, rows };
}

function writeTable(dir: string, file: string, table: Table): void {
  writeFileSync(join(dir, file), stringify(table.rows, { header: true, columns: table.columns }));
}

/** Floors/ceils to 2 decimals, so scaled country rows never outgrow a scaled world total. */
const floor2 = (value: number) => Math.floor(value * 100) / 100;
const ceil2 = (value: number) => Math.ceil(value * 100) / 100;
const number = (value: number) => String(value);

function groupRows<K>(rows: readonly Row[], key: (row: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The real year closest to `year` (the template a synthetic year is copied from). */
function nearest(years: readonly number[], year: number): number {
  return years.reduce((best, candidate) => (Math.abs(candidate - year) < Math.abs(best - year) ? candidate : best));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  }
  return picked;
}

/** Writes the synthetic dataset and returns row counts per file. */
export function writeSyntheticDataset(options: SyntheticOptions): SyntheticStats {
  const copies = options.mineralCopies ?? 9;
  const extraCountries = options.extraCountries ?? 200;
  const firstYear = options.firstYear ?? 2005;
  const firstGovernanceYear = options.firstGovernanceYear ?? 1955;
  const random = prng(options.seed ?? 20_240_901);
  const real = Object.fromEntries(FILES.map((file) => [file, readTable(options.sourceDir, file)])) as Record<(typeof FILES)[number], Table>;
  const out = Object.fromEntries(FILES.map((file) => [file, { columns: real[file].columns, rows: [...real[file].rows] }])) as Record<
    (typeof FILES)[number],
    Table
  >;

  // Editions: ids as written (unchanged), and which of a template's editions is the newest (for synthetic rows).
  const published = new Map(real['editions.csv'].rows.map((row) => [row.id as string, row.published as string]));
  const newestEdition = (rows: readonly Row[]) =>
    rows
      .map((row) => row.edition as string)
      .reduce((best, edition) => ((published.get(edition) ?? '') > (published.get(best) ?? '') ? edition : best));

  /** Copy k of an id (k = 0 is the real one). */
  const copyId = (id: string, k: number) => (k === 0 ? id : `${id}-s${k}`);
  const copiesOf = range(0, copies);
  const syntheticCopies = range(1, copies);

  // ---- Countries: synthetic codes in the ISO user-assigned ranges (Q**, X**), never a real code.
  const realCodes = new Set(real['countries.csv'].rows.map((row) => row.iso3));
  const regions = [...new Set(real['countries.csv'].rows.map((row) => row.region).filter((region) => region))];
  const synthetic: string[] = [];
  for (const first of ['Q', 'X']) {
    for (const second of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const third of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        const code = `${first}${second}${third}`;
        if (synthetic.length < extraCountries && !realCodes.has(code)) synthetic.push(code);
      }
    }
  }
  for (const [index, code] of synthetic.entries()) {
    out['countries.csv'].rows.push({
      iso3: code,
      name: `Synthetic ${code}`,
      aliases: `Synthetic ${code}`,
      region: regions[index % regions.length] ?? '',
      is_aggregate: 'false',
    });
  }

  // ---- Sources: one synthetic source, and a copy of every source per mineral copy.
  out['sources.csv'].rows.push({
    id: SYNTHETIC_SOURCE,
    title: 'Synthetic benchmark data',
    publisher: 'Chokepoint benchmark',
    edition: '',
    year: '2025',
    locator: 'bench/synthetic.ts',
    url: '',
    licence: '',
    notes: 'Generated rows for load testing; not real figures.',
  });
  for (const k of syntheticCopies) {
    for (const source of real['sources.csv'].rows) {
      out['sources.csv'].rows.push({ ...source, id: copyId(source.id as string, k), title: `${source.title} (synthetic copy ${k})` });
    }
  }

  // ---- Minerals and bases: copies with their own ids.
  for (const k of syntheticCopies) {
    for (const mineral of real['minerals.csv'].rows) {
      out['minerals.csv'].rows.push({
        ...mineral,
        id: copyId(mineral.id as string, k),
        name: `${mineral.name} S${k}`,
        symbol: mineral.symbol ? `${mineral.symbol}${k}` : '',
      });
    }
    for (const basis of real['bases.csv'].rows) {
      out['bases.csv'].rows.push({ ...basis, id: copyId(basis.id as string, k), mineral: copyId(basis.mineral as string, k) });
    }
  }

  // ---- Production: every (mineral, stage, basis) series over firstYear…last real year, for every copy.
  const production = groupRows(real['production.csv'].rows, (row) => `${row.mineral}|${row.stage}|${row.basis}`);
  const lastYear = Math.max(...real['production.csv'].rows.map((row) => Number(row.year)));
  for (const k of copiesOf) {
    for (const rows of production.values()) {
      const byYear = groupRows(rows, (row) => Number(row.year));
      const realYears = [...byYear.keys()].sort((a, b) => a - b);
      const firstReal = realYears[0] as number;
      // The real minerals keep their real years verbatim; synthetic years only extend their series backwards.
      const years = k === 0 ? range(firstYear, firstReal - 1) : range(firstYear, lastYear);
      for (const year of years) {
        const template = byYear.get(nearest(realYears, year)) as Row[];
        const edition = newestEdition(template);
        const scale = 0.7 + 0.6 * random();
        const named = template.filter((row) => row.edition === edition && row.country !== WORLD && row.country !== OTHER);
        const namedTonnes = named.reduce((sum, row) => sum + (row.withheld === 'true' ? 0 : Number(row.tonnes)), 0);
        const extra = sample(synthetic, Math.round(1.5 * named.length), random);
        const weights = extra.map((_, index) => 1 / (index + 1));
        const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
        const extraTonnes = extra.map((_, index) =>
          Math.max(0.01, floor2((0.1 * namedTonnes * scale * (weights[index] as number)) / weightSum)),
        );
        const added = extraTonnes.reduce((sum, tonnes) => sum + tonnes, 0);
        for (const row of template) {
          const scaled =
            row.withheld === 'true' || row.tonnes === ''
              ? row.tonnes
              : row.country === WORLD
                ? number(ceil2(Number(row.tonnes) * scale + (row.edition === edition ? added : 0)))
                : number(floor2(Number(row.tonnes) * scale));
          out['production.csv'].rows.push({
            ...row,
            mineral: copyId(row.mineral as string, k),
            basis: copyId(row.basis as string, k),
            source: copyId(row.source as string, k),
            year: String(year),
            tonnes: scaled as string,
          });
        }
        extra.forEach((country, index) => {
          out['production.csv'].rows.push({
            mineral: copyId(template[0]?.mineral as string, k),
            stage: template[0]?.stage as string,
            country,
            year: String(year),
            basis: copyId(template[0]?.basis as string, k),
            tonnes: number(extraTonnes[index] as number),
            edition,
            source: SYNTHETIC_SOURCE,
            estimated: 'true',
            withheld: 'false',
            lower_bound: 'false',
          });
        });
      }
    }
  }

  // ---- Reserves: per mineral, firstYear…last real year, with synthetic holders.
  const reserves = groupRows(real['reserves.csv'].rows, (row) => row.mineral as string);
  const lastReserveYear = Math.max(...real['reserves.csv'].rows.map((row) => Number(row.year)));
  for (const k of copiesOf) {
    for (const rows of reserves.values()) {
      const byYear = groupRows(rows, (row) => Number(row.year));
      const realYears = [...byYear.keys()].sort((a, b) => a - b);
      const years = k === 0 ? range(firstYear, (realYears[0] as number) - 1) : range(firstYear, lastReserveYear);
      for (const year of years) {
        const template = byYear.get(nearest(realYears, year)) as Row[];
        const scale = 0.7 + 0.6 * random();
        for (const row of template) {
          out['reserves.csv'].rows.push({
            ...row,
            mineral: copyId(row.mineral as string, k),
            source: copyId(row.source as string, k),
            year: String(year),
            tonnes: number(floor2(Number(row.tonnes) * scale)),
          });
        }
        const edition = newestEdition(template);
        const basis = template.find((row) => row.edition === edition)?.basis as string;
        for (const country of sample(synthetic, Math.round(0.5 * template.length), random)) {
          out['reserves.csv'].rows.push({
            mineral: copyId(template[0]?.mineral as string, k),
            country,
            year: String(year),
            tonnes: number(Math.round(1000 + random() * 100_000)),
            basis,
            edition,
            source: SYNTHETIC_SOURCE,
            lower_bound: 'false',
          });
        }
      }
    }
  }

  // ---- Import reliance and consumption: longer series, for the real importers and three synthetic ones.
  const importers = (k: number) => (k === 0 ? [] : synthetic.slice(0, 3));
  const series = (file: 'import_reliance.csv' | 'apparent_consumption.csv', first: number) => {
    const grouped = groupRows(real[file].rows, (row) => `${row.importer}|${row.mineral}|${row.form}`);
    const last = Math.max(...real[file].rows.map((row) => Number(row.year)));
    for (const k of copiesOf) {
      for (const rows of grouped.values()) {
        const byYear = groupRows(rows, (row) => Number(row.year));
        const realYears = [...byYear.keys()].sort((a, b) => a - b);
        const years = k === 0 ? range(first, (realYears[0] as number) - 1) : range(first, last);
        for (const importer of [rows[0]?.importer as string, ...importers(k)]) {
          for (const year of years) {
            const template = (byYear.get(nearest(realYears, year)) as Row[])[0] as Row;
            out[file].rows.push({
              ...template,
              importer,
              mineral: copyId(template.mineral as string, k),
              source: copyId(template.source as string, k),
              year: String(year),
            });
          }
        }
      }
    }
  };
  series('import_reliance.csv', firstYear);
  series('apparent_consumption.csv', lastYear - 9);

  // ---- Import sources: more reporting periods ('YYYY-YY'), for the real importers and one synthetic one.
  const sources = groupRows(real['import_sources.csv'].rows, (row) => `${row.importer}|${row.mineral}|${row.form}`);
  for (const k of copiesOf) {
    for (const rows of sources.values()) {
      const byPeriod = groupRows(rows, (row) => Number((row.period as string).slice(0, 4)));
      const realStarts = [...byPeriod.keys()].sort((a, b) => a - b);
      const starts = k === 0 ? range(firstYear, (realStarts[0] as number) - 1) : range(firstYear, realStarts.at(-1) as number);
      for (const importer of [rows[0]?.importer as string, ...importers(k).slice(0, 1)]) {
        for (const start of starts) {
          for (const row of byPeriod.get(nearest(realStarts, start)) as Row[]) {
            if (row.country === importer) continue;
            out['import_sources.csv'].rows.push({
              ...row,
              importer,
              mineral: copyId(row.mineral as string, k),
              source: copyId(row.source as string, k),
              period: `${start}-${String((start + 3) % 100).padStart(2, '0')}`,
            });
          }
        }
      }
    }
  }

  // ---- Capacity, prices, U.S. salient statistics, critical-minerals flags: a copy per mineral copy (same editions).
  for (const k of syntheticCopies) {
    for (const file of ['capacity.csv', 'prices.csv', 'us_salient.csv', 'critical_minerals.csv'] as const) {
      for (const row of real[file].rows) {
        out[file].rows.push({
          ...row,
          mineral: copyId(row.mineral as string, k),
          ...(row.basis === undefined ? {} : { basis: copyId(row.basis, k) }),
          source: copyId(row.source as string, k),
        });
      }
    }
  }

  // ---- Defense uses: a copy per mineral copy.
  for (const k of syntheticCopies) {
    for (const use of real['defense_uses.csv'].rows) {
      out['defense_uses.csv'].rows.push({
        ...use,
        id: copyId(use.id as string, k),
        mineral: copyId(use.mineral as string, k),
        source: copyId(use.source as string, k),
      });
    }
  }

  // ---- Groups: synthetic blocs of synthetic countries.
  for (let bloc = 1; bloc <= SYNTHETIC_BLOCS; bloc += 1) {
    out['groups.csv'].rows.push({
      id: `synthetic-bloc-${bloc}`,
      name: `Synthetic bloc ${bloc}`,
      description: 'Generated for the scale benchmark.',
      source: SYNTHETIC_SOURCE,
    });
  }
  synthetic.forEach((country, index) => {
    out['group_members.csv'].rows.push({
      group: `synthetic-bloc-${(index % SYNTHETIC_BLOCS) + 1}`,
      country,
      joined: '',
      source: SYNTHETIC_SOURCE,
    });
  });

  // ---- Governance: the real countries' WGI extended backwards, and a full series for every synthetic country.
  const governance = groupRows(real['governance.csv'].rows, (row) => `${row.country}|${row.indicator}`);
  const firstRealWgi = Math.min(...real['governance.csv'].rows.map((row) => Number(row.year)));
  const lastRealWgi = Math.max(...real['governance.csv'].rows.map((row) => Number(row.year)));
  for (const rows of governance.values()) {
    const earliest = rows.reduce((first, row) => (Number(row.year) < Number(first.year) ? row : first));
    for (const year of range(firstGovernanceYear, firstRealWgi - 1)) {
      const value = Math.max(-2.5, Math.min(2.5, Number(earliest.value) + (random() - 0.5) * 0.4));
      out['governance.csv'].rows.push({ ...earliest, year: String(year), value: value.toFixed(4), source: SYNTHETIC_SOURCE });
    }
  }
  const wgiEdition = real['governance.csv'].rows[0]?.edition ?? '';
  for (const country of synthetic) {
    for (const year of range(firstGovernanceYear, lastRealWgi)) {
      for (const indicator of WGI_INDICATORS) {
        out['governance.csv'].rows.push({
          country,
          year: String(year),
          indicator,
          value: (random() * 5 - 2.5).toFixed(4),
          edition: wgiEdition,
          source: SYNTHETIC_SOURCE,
        });
      }
    }
  }

  // ---- Observed trade: every mineral copy gets copies of its real mineral's headings (codes 0001… no real heading
  // uses), with the same partners, years and figures: trade grows with the minerals, as the rest of the data does.
  const headings = readTable(options.sourceDir, 'hts_headings.csv');
  const flows = readTable(options.sourceDir, 'trade_flows.csv');
  const quantities = readTable(options.sourceDir, 'trade_quantities.csv');
  const mapped = headings.rows.filter((row) => row.mineral !== '');
  const outTrade = { headings: [...headings.rows], flows: [...flows.rows], quantities: [...quantities.rows] };
  const flowsByHts = groupRows(flows.rows, (row) => row.hts as string);
  const quantitiesByHts = groupRows(quantities.rows, (row) => row.hts as string);
  let code = 0;
  for (let k = 1; k <= copies; k++) {
    for (const heading of mapped) {
      const hts = String(++code).padStart(4, '0');
      outTrade.headings.push({ ...heading, hts, mineral: copyId(heading.mineral as string, k) });
      for (const row of flowsByHts.get(heading.hts as string) ?? []) outTrade.flows.push({ ...row, hts });
      for (const row of quantitiesByHts.get(heading.hts as string) ?? []) outTrade.quantities.push({ ...row, hts });
    }
  }

  mkdirSync(options.outDir, { recursive: true });
  for (const file of FILES) writeTable(options.outDir, file, out[file]);
  writeTable(options.outDir, 'hts_headings.csv', { columns: headings.columns, rows: outTrade.headings });
  writeTable(options.outDir, 'trade_flows.csv', { columns: flows.columns, rows: outTrade.flows });
  writeTable(options.outDir, 'trade_quantities.csv', { columns: quantities.columns, rows: outTrade.quantities });
  const tradeFiles = [
    { file: 'hts_headings.csv', realRows: headings.rows.length, rows: outTrade.headings.length },
    { file: 'trade_flows.csv', realRows: flows.rows.length, rows: outTrade.flows.length },
    { file: 'trade_quantities.csv', realRows: quantities.rows.length, rows: outTrade.quantities.length },
  ];
  // The tables added to data/ since this generator was written (projections, importers, shares…): copied as they are.
  const scaled = new Set<string>([...FILES, ...tradeFiles.map((entry) => entry.file)]);
  for (const file of readdirSync(options.sourceDir)) {
    if (file.endsWith('.csv') && !scaled.has(file)) copyFileSync(join(options.sourceDir, file), join(options.outDir, file));
  }
  const files = [...FILES.map((file) => ({ file, realRows: real[file].rows.length, rows: out[file].rows.length })), ...tradeFiles];
  const realRows = files.reduce((sum, file) => sum + file.realRows, 0);
  const rows = files.reduce((sum, file) => sum + file.rows, 0);
  return {
    files,
    realRows,
    rows,
    factor: rows / realRows,
    minerals: out['minerals.csv'].rows.length,
    countries: out['countries.csv'].rows.length,
    years: { from: Math.min(firstYear, firstGovernanceYear), to: lastYear },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [outDir, sourceDir = join(import.meta.dirname, '..', 'data')] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: tsx bench/synthetic.ts <out-dir> [data-dir]');
    process.exit(64);
  }
  const stats = writeSyntheticDataset({ sourceDir, outDir });
  for (const file of stats.files)
    console.log(`${file.file.padEnd(26)} ${String(file.realRows).padStart(6)} → ${String(file.rows).padStart(7)}`);
  console.log(`total ${stats.realRows} → ${stats.rows} rows (${stats.factor.toFixed(1)}×) in ${outDir}`);
}
