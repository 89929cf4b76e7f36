import { readCsvRecords, type CsvRecord } from './csv.js';
import { decodeWindows1252 } from './decode.js';
import { ERRATA, ERRATUM_SOURCES, type Erratum } from './errata.js';
import { ImportError } from '../shared/errors.js';
import { FIGURE_FILES, FIGURE_TABLES, keyOf, type FigureTable, type Row } from './output.js';
import {
  BASIS_ROWS,
  CHAPTERS,
  COUNTRIES,
  COUNTRY_ROWS,
  CRITICAL_FLAGS,
  CRITICAL_LIST,
  EDITIONS,
  ESTIMATE_NOTE,
  HEADER,
  MINERAL_ROWS,
  NOTE_SEPARATOR,
  OTHER_COUNTRIES,
  PERIOD_PATTERN,
  SERIES,
  TARGET_UNIT_KIND,
  UNITS,
  VALUE_CODE_MEANING,
  YEAR_PATTERN,
  type ChapterSpec,
  type EditionSpec,
  type SeriesRule,
  type Target,
} from './tables.js';
import { parseValue, scaleDecimal, type PublishedValue } from './values.js';

/** Counts per chapter and section: rows written per target table, rows skipped per reason. */
export interface SectionCount {
  chapter: string;
  section: string;
  imported: Record<string, number>;
  skipped: Record<string, number>;
}

export interface ImportReport {
  file: string;
  edition: string;
  rowsRead: number;
  sections: SectionCount[];
  /** Rows of chapters outside the scope, per chapter. */
  outOfScope: Record<string, number>;
  errata: { line: number; chapter: string; country: string; year: string; detail: string; from: string; to: string; source: string }[];
  /** Things kept but worth a look (bounded import shares etc.). */
  notes: string[];
}

export interface ReferenceNeeds {
  minerals: Row[];
  bases: Row[];
  /** Countries the figures name, with the USGS spelling (added to aliases of an existing row). */
  countries: (Row & { usgsName: string })[];
  editions: Row[];
  sources: Row[];
}

export interface ImportResult {
  edition: EditionSpec;
  figures: Record<FigureTable, Row[]>;
  reference: ReferenceNeeds;
  report: ImportReport;
}

interface Parsed {
  record: CsvRecord;
  chapter: string;
  section: string;
  commodity: string;
  country: string;
  statistics: string;
  detail: string;
  unit: string;
  year: string;
  value: string;
  notes: string;
  critical: string;
}

const RULES = new Map<string, SeriesRule[]>();
for (const rule of SERIES) {
  const key = `${rule.chapter}\u0000${rule.section}\u0000${rule.detail}`;
  RULES.set(key, [...(RULES.get(key) ?? []), rule]);
}
const CHAPTER_BY_NAME = new Map(CHAPTERS.map((chapter) => [chapter.chapter, chapter]));

function fields(record: CsvRecord): Parsed {
  const f = record.fields;
  return {
    record,
    chapter: f[0] ?? '',
    section: f[1] ?? '',
    commodity: f[2] ?? '',
    country: f[3] ?? '',
    statistics: f[4] ?? '',
    detail: f[5] ?? '',
    unit: f[6] ?? '',
    year: f[7] ?? '',
    value: f[8] ?? '',
    notes: f[9] ?? '',
    critical: f[10] ?? '',
  };
}

function findRule(row: Parsed, file: string): SeriesRule {
  const candidates = RULES.get(`${row.chapter}\u0000${row.section}\u0000${row.detail}`) ?? [];
  const matching = candidates.filter((rule) => rule.commodity === undefined || rule.commodity === row.commodity.toLowerCase());
  if (matching.length !== 1) {
    throw new ImportError(
      file,
      row.record.line,
      `unknown series in chapter ${JSON.stringify(row.chapter)}: section ${JSON.stringify(row.section)}, statistics detail ${JSON.stringify(row.detail)}` +
        (candidates.length > 0 ? `, commodity ${JSON.stringify(row.commodity)}` : '') +
        ' (add a row to SERIES in src/importers/usgs-mcs/tables.ts)',
    );
  }
  return matching[0] as SeriesRule;
}

function isEstimated(notes: string): boolean {
  return notes.split(NOTE_SEPARATOR).some((note) => note.trim() === ESTIMATE_NOTE);
}

function otherNotes(notes: string): string {
  return notes
    .split(NOTE_SEPARATOR)
    .map((note) => note.trim())
    .filter((note) => note !== '' && note !== ESTIMATE_NOTE)
    .join(' ');
}

const bool = (value: boolean): string => (value ? 'true' : 'false');

/** Decode + read + check the header. */
export function readOfficialFile(bytes: Uint8Array, file: string): Parsed[] {
  const records = readCsvRecords(decodeWindows1252(bytes), file);
  const header = records[0];
  if (!header) throw new ImportError(file, 1, 'empty file');
  if (header.fields.length !== HEADER.length || header.fields.some((name, i) => name !== HEADER[i])) {
    throw new ImportError(file, header.line, `header changed: found ${JSON.stringify(header.fields)}, expected ${JSON.stringify(HEADER)}`);
  }
  return records.slice(1).map((record) => {
    if (record.fields.length !== HEADER.length) {
      throw new ImportError(file, record.line, `expected ${HEADER.length} fields, found ${record.fields.length}`);
    }
    return fields(record);
  });
}

function detectEdition(rows: Parsed[], file: string): EditionSpec {
  let newest = -1;
  let line = 1;
  for (const row of rows) {
    if (!CHAPTER_BY_NAME.has(row.chapter)) continue;
    const year = YEAR_PATTERN.exec(row.year);
    if (year && Number(year[1]) > newest) {
      newest = Number(year[1]);
      line = row.record.line;
    }
  }
  const edition = EDITIONS.find((candidate) => candidate.newestDataYear === newest);
  if (!edition) {
    throw new ImportError(
      file,
      line,
      `newest data year ${newest} matches no edition in EDITIONS (src/importers/usgs-mcs/tables.ts); add the edition first`,
    );
  }
  return edition;
}

/** Apply the edition's errata in place; each must match exactly one row. Returns line → erratum. */
function applyErrata(rows: Parsed[], edition: EditionSpec, file: string, report: ImportReport): Map<number, Erratum> {
  const applied = new Map<number, Erratum>();
  for (const erratum of ERRATA.filter((e) => e.edition === edition.id)) {
    const hits = rows.filter(
      (row) =>
        row.chapter === erratum.chapter &&
        row.section === erratum.section &&
        row.detail === erratum.detail &&
        row.country === erratum.country &&
        row.year === erratum.year,
    );
    const what = `erratum ${erratum.chapter} / ${erratum.detail} / ${erratum.country} / ${erratum.year} (${erratum.from} → ${erratum.to})`;
    if (hits.length !== 1) throw new ImportError(file, null, `${what}: found ${hits.length} matching rows, expected 1`);
    const row = hits[0] as Parsed;
    if (row.value !== erratum.from) {
      throw new ImportError(
        file,
        row.record.line,
        `${what}: the file has ${JSON.stringify(row.value)}, expected ${JSON.stringify(erratum.from)}`,
      );
    }
    row.value = erratum.to;
    applied.set(row.record.line, erratum);
    report.errata.push({
      line: row.record.line,
      chapter: erratum.chapter,
      country: erratum.country,
      year: erratum.year,
      detail: erratum.detail,
      from: erratum.from,
      to: erratum.to,
      source: `${edition.id}-${erratum.source}`,
    });
  }
  return applied;
}

/** The pure transform: official file bytes in → rows for every data/ table, the reference rows they need, a report. */
export function transform(bytes: Uint8Array, file: string): ImportResult {
  const rows = readOfficialFile(bytes, file);
  const edition = detectEdition(rows, file);
  const report: ImportReport = {
    file,
    edition: edition.id,
    rowsRead: rows.length,
    sections: [],
    outOfScope: {},
    errata: [],
    notes: [],
  };
  const errata = applyErrata(rows, edition, file, report);

  const figures = Object.fromEntries(FIGURE_TABLES.map((table) => [table, [] as Row[]])) as Record<FigureTable, Row[]>;
  const lineOf = new Map<Row, number>();
  const sectionCounts = new Map<string, SectionCount>();
  const sectionsUsed = new Map<string, string[]>(); // chapter → sections with mapped rows, in file order
  const sourcesUsed = new Set<string>();
  const countriesUsed = new Map<string, string>(); // iso3 → USGS name
  const critical = new Map<string, { value: boolean; chapter: ChapterSpec; line: number }>();
  const importSources = new Map<string, { row: Row; share: number | null; order: number }[]>();
  const importSourceNotes = new Map<string, ImportSourceNotes>(); // chapter → footnotes
  const rulesUsed = new Set<SeriesRule>();
  const chaptersSeen = new Set<string>();

  const count = (row: Parsed, kind: 'imported' | 'skipped', what: string): void => {
    const key = `${row.chapter}\u0000${row.section}`;
    let entry = sectionCounts.get(key);
    if (!entry) {
      entry = { chapter: row.chapter, section: row.section, imported: {}, skipped: {} };
      sectionCounts.set(key, entry);
    }
    entry[kind][what] = (entry[kind][what] ?? 0) + 1;
  };

  for (const row of rows) {
    const line = row.record.line;
    const chapter = CHAPTER_BY_NAME.get(row.chapter);
    if (chapter) chaptersSeen.add(chapter.chapter);
    if (!chapter) {
      report.outOfScope[row.chapter] = (report.outOfScope[row.chapter] ?? 0) + 1;
      continue;
    }
    const fail = (what: string): never => {
      throw new ImportError(file, line, what);
    };
    const rule = findRule(row, file);
    rulesUsed.add(rule);
    const iso3 =
      COUNTRIES[row.country] ??
      fail(`unmapped country name ${JSON.stringify(row.country)} (add it to COUNTRIES in src/importers/usgs-mcs/tables.ts)`);
    const unit = UNITS[row.unit] ?? fail(`unknown unit ${JSON.stringify(row.unit)} (detail ${JSON.stringify(row.detail)})`);
    const value =
      parseValue(row.value) ??
      fail(`unparseable value ${JSON.stringify(row.value)} (detail ${JSON.stringify(row.detail)}, ${row.country}, ${row.year})`);
    const flag = CRITICAL_FLAGS[row.critical];
    if (flag === undefined) fail(`unknown "Is critical mineral 2025" value ${JSON.stringify(row.critical)}`);
    const known = critical.get(chapter.mineral);
    if (known && known.value !== flag) {
      fail(
        `"Is critical mineral 2025" is ${row.critical} here but ${known.value ? 'Yes' : 'No'} on line ${known.line} for ${chapter.mineral}`,
      );
    }
    if (!known) critical.set(chapter.mineral, { value: flag as boolean, chapter, line });

    const target: Target = rule.target;
    if (target.table === 'skip') {
      count(row, 'skipped', target.reason);
      continue;
    }
    if (unit.kind !== TARGET_UNIT_KIND[target.table]) {
      fail(
        `unit ${JSON.stringify(row.unit)} is ${unit.kind}, but ${target.table} expects ${TARGET_UNIT_KIND[target.table]} (detail ${JSON.stringify(row.detail)})`,
      );
    }
    const period = PERIOD_PATTERN.exec(row.year);
    const year = YEAR_PATTERN.exec(row.year);
    if (target.table === 'import_sources' ? !period : !year) {
      fail(`unexpected Year ${JSON.stringify(row.year)} for ${target.table} (detail ${JSON.stringify(row.detail)})`);
    }
    const erratum = errata.get(line);
    const source = erratum ? `${edition.id}-${erratum.source}` : `${edition.id}-${chapter.source}`;
    const estimated = bool(isEstimated(row.notes));
    const tonnes = (v: PublishedValue & { kind: 'number' }): string =>
      unit.kind === 'mass' ? scaleDecimal(v.decimal, unit.powerOfTen) : v.decimal;
    const skipCode = (v: PublishedValue): string =>
      v.kind === 'code'
        ? `value ${v.code}: ${VALUE_CODE_MEANING[v.code]}`
        : v.kind === 'text'
          ? `text value ${JSON.stringify(v.text)}: ${target.table}.csv holds numbers only`
          : 'value';
    const refuse = (why: string): never =>
      fail(
        `value ${JSON.stringify(row.value)} cannot go to ${target.table}.csv: ${why} (detail ${JSON.stringify(row.detail)}, ${row.country}, ${row.year})`,
      );

    let out: Row | null = null;
    let skipReason: string | null = null;
    const base = { edition: edition.id, source };
    switch (target.table) {
      case 'production':
      case 'capacity': {
        const common = {
          mineral: chapter.mineral,
          stage: target.stage,
          country: iso3,
          year: row.year,
          basis: target.basis,
          ...base,
          estimated,
        };
        const withheldColumn: Row = target.table === 'production' ? { withheld: 'false' } : {};
        if (value.kind === 'number') {
          if (value.bound === 'lt') refuse('an upper bound has no column');
          out = { ...common, tonnes: tonnes(value), ...withheldColumn, lower_bound: bool(value.bound === 'gt') };
        } else if (value.kind === 'zero') {
          out = { ...common, tonnes: '0', ...withheldColumn, lower_bound: 'false' };
        } else if (value.kind === 'code' && value.code === 'W' && target.table === 'production') {
          out = { ...common, tonnes: '', withheld: 'true', lower_bound: 'false' };
        } else if (value.kind === 'code' && value.code === 'W') {
          skipReason = 'value W: withheld (capacity.csv has no withheld flag)';
        } else if (value.kind === 'code' && ['NA', 's', 'XX'].includes(value.code)) {
          skipReason = skipCode(value);
        } else refuse('not a quantity');
        break;
      }
      case 'reserves': {
        const common = { mineral: chapter.mineral, country: iso3, year: row.year, basis: target.basis, ...base };
        if (value.kind === 'number') {
          if (value.bound === 'lt') refuse('an upper bound has no column');
          out = { ...common, tonnes: tonnes(value), lower_bound: bool(value.bound === 'gt') };
        } else if (value.kind === 'zero') out = { ...common, tonnes: '0', lower_bound: 'false' };
        else if (value.kind === 'text' || (value.kind === 'code' && value.code !== 'E')) skipReason = skipCode(value);
        else refuse('not a quantity');
        break;
      }
      case 'import_reliance': {
        const common = {
          importer: iso3,
          mineral: chapter.mineral,
          form: target.form,
          year: row.year,
          value_text: row.value,
          estimated,
          ...base,
        };
        if (value.kind === 'number') {
          if (Number(value.decimal) > 100) refuse('a percentage above 100');
          out = { ...common, percent: value.decimal, qualifier: value.bound };
        } else if (value.kind === 'zero') out = { ...common, percent: '0', qualifier: 'eq' };
        else if (value.kind === 'code' && value.code === 'E') out = { ...common, percent: '', qualifier: 'net_exporter' };
        else if (value.kind === 'code' && value.code === 'XX') out = { ...common, percent: '', qualifier: 'not_applicable' };
        else if (value.kind === 'code') skipReason = skipCode(value);
        else refuse('not a percentage');
        break;
      }
      case 'import_sources': {
        const periodText = `${period?.[1]}-${period?.[2]}`;
        let share: string | null = null;
        if (value.kind === 'number') {
          if (Number(value.decimal) > 100) refuse('a share above 100');
          if (value.bound === 'eq') share = value.decimal;
          else
            report.notes.push(
              `${file}:${line}: import share ${row.value} (${chapter.mineral}, ${target.form || 'all forms'}, ${row.country}) kept with an empty share_pct: import_sources.csv has no bound column`,
            );
        } else if (value.kind === 'zero') share = '0';
        else refuse('not a share');
        const r: Row = {
          importer: 'USA',
          mineral: chapter.mineral,
          form: target.form,
          period: periodText,
          country: iso3,
          share_pct: share ?? '',
          rank: '',
          ...base,
        };
        const group = `${chapter.mineral}\u0000${target.form}\u0000${periodText}`;
        importSources.set(group, [
          ...(importSources.get(group) ?? []),
          { row: r, share: share === null ? null : Number(share), order: line },
        ]);
        const chapterNotes: ImportSourceNotes = importSourceNotes.get(chapter.chapter) ?? {
          rows: 0,
          perDetail: new Map(),
          notes: new Map(),
        };
        chapterNotes.rows++;
        chapterNotes.perDetail.set(row.detail, (chapterNotes.perDetail.get(row.detail) ?? 0) + 1);
        for (const note of row.notes
          .split(NOTE_SEPARATOR)
          .map((n) => n.trim())
          .filter((n) => n !== '')) {
          chapterNotes.notes.set(note, [...(chapterNotes.notes.get(note) ?? []), { detail: row.detail, country: row.country }]);
        }
        importSourceNotes.set(chapter.chapter, chapterNotes);
        out = r;
        break;
      }
      case 'apparent_consumption': {
        const common = {
          importer: iso3,
          mineral: chapter.mineral,
          form: target.form,
          year: row.year,
          note: otherNotes(row.notes),
          estimated,
          ...base,
        };
        if (value.kind === 'number' && value.bound === 'eq') out = { ...common, tonnes: tonnes(value) };
        else if (value.kind === 'zero') out = { ...common, tonnes: '0' };
        else if (value.kind === 'code' && value.code !== 'E') skipReason = skipCode(value);
        else refuse('not a quantity');
        break;
      }
      case 'prices':
      case 'us_salient': {
        const number = value.kind === 'number' && value.bound === 'eq' ? tonnes(value) : value.kind === 'zero' ? '0' : '';
        out =
          target.table === 'prices'
            ? {
                mineral: chapter.mineral,
                series: target.series,
                description: row.detail,
                unit: row.unit,
                year: row.year,
                value: number,
                value_text: row.value,
                estimated,
                ...base,
              }
            : {
                country: iso3,
                mineral: chapter.mineral,
                statistic: target.statistic,
                detail: target.label ?? row.detail,
                unit: 't',
                year: row.year,
                value: number,
                value_text: row.value,
                estimated,
                ...base,
              };
        break;
      }
    }
    if (skipReason !== null) {
      count(row, 'skipped', skipReason);
      continue;
    }
    if (out === null) throw new ImportError(file, line, 'internal: row neither imported nor skipped');
    figures[target.table].push(out);
    lineOf.set(out, line);
    count(row, 'imported', target.table);
    sourcesUsed.add(source);
    countriesUsed.set(iso3, countriesUsed.get(iso3) ?? row.country);
    const used = sectionsUsed.get(chapter.chapter) ?? [];
    if (!used.includes(row.section)) used.push(row.section);
    sectionsUsed.set(chapter.chapter, used);
  }

  // Import sources: rank by share (largest first; file order on ties), shares printed as bounds after, OTH last.
  for (const group of importSources.values()) {
    const ranked = [...group].sort((a, b) => {
      const aOther = a.row.country === OTHER_COUNTRIES ? 1 : 0;
      const bOther = b.row.country === OTHER_COUNTRIES ? 1 : 0;
      if (aOther !== bOther) return aOther - bOther;
      if ((a.share === null) !== (b.share === null)) return a.share === null ? 1 : -1;
      if (a.share !== null && b.share !== null && a.share !== b.share) return b.share - a.share;
      return a.order - b.order;
    });
    ranked.forEach((entry, i) => {
      entry.row.rank = String(i + 1);
    });
  }

  // Critical-minerals flag, one row per mineral.
  for (const [mineral, { value, chapter }] of critical) {
    const source = `${edition.id}-${chapter.source}`;
    figures.critical_minerals.push({ mineral, list: CRITICAL_LIST, critical: bool(value), edition: edition.id, source });
    sourcesUsed.add(source);
  }

  // No two rows with the same key (a table that maps two series onto one figure is a table error).
  for (const table of FIGURE_TABLES) {
    const seen = new Map<string, number>();
    for (const row of figures[table]) {
      const key = keyOf(FIGURE_FILES[table], row);
      const line = lineOf.get(row) ?? null;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new ImportError(file, line, `${table}: key ${key} also produced by line ${earlier} (two series map onto one figure)`);
      }
      seen.set(key, line ?? 0);
    }
  }

  // Series the tables know but the file no longer has (a hint when importing the next edition).
  for (const rule of SERIES) {
    if (chaptersSeen.has(rule.chapter) && !rulesUsed.has(rule)) {
      report.notes.push(
        `series in the tables but not in the file: ${rule.chapter} / ${rule.section} / ${rule.detail}${rule.commodity ? ` (${rule.commodity})` : ''}`,
      );
    }
  }
  for (const chapter of CHAPTERS) {
    if (!chaptersSeen.has(chapter.chapter)) report.notes.push(`chapter in scope but not in the file: ${chapter.chapter}`);
  }
  report.sections = [...sectionCounts.values()];
  return {
    edition,
    figures,
    reference: referenceNeeds(edition, figures, sectionsUsed, sourcesUsed, countriesUsed, importSourceNotes, file),
    report,
  };
}

interface ImportSourceNotes {
  rows: number;
  perDetail: Map<string, number>;
  notes: Map<string, { detail: string; country: string }[]>;
}

/** Import Sources footnotes as published ("Includes Hong Kong." on the China row, …), saying where they apply. */
function importSourceFootnotes(collected: ImportSourceNotes | undefined): string {
  if (!collected || collected.notes.size === 0) return '';
  const parts = [...collected.notes].map(([note, where]) => {
    const text = note.endsWith('.') ? note.slice(0, -1) : note;
    if (where.length === collected.rows) return `${text}.`;
    const details = [...new Set(where.map((w) => w.detail))].map((detail) => {
      const countries = where.filter((w) => w.detail === detail).map((w) => w.country);
      return countries.length === collected.perDetail.get(detail) && countries.length > 1 ? detail : `${detail}: ${countries.join(', ')}`;
    });
    return `${text} (${details.join('; ')}).`;
  });
  return ` Import Sources footnotes: ${parts.join(' ')}`;
}

function referenceNeeds(
  edition: EditionSpec,
  figures: Record<FigureTable, Row[]>,
  sectionsUsed: Map<string, string[]>,
  sourcesUsed: Set<string>,
  countriesUsed: Map<string, string>,
  importSourceNotes: Map<string, ImportSourceNotes>,
  file: string,
): ReferenceNeeds {
  const missing = (what: string): never => {
    throw new ImportError(file, null, `${what} (src/importers/usgs-mcs/tables.ts)`);
  };
  const minerals = new Set<string>();
  const bases = new Set<string>();
  for (const table of FIGURE_TABLES) {
    for (const row of figures[table]) {
      if (row.mineral) minerals.add(row.mineral);
      if (row.basis && (table === 'production' || table === 'capacity')) bases.add(row.basis);
    }
  }
  const sources: Row[] = [];
  for (const chapter of CHAPTERS) {
    const id = `${edition.id}-${chapter.source}`;
    if (!sourcesUsed.has(id)) continue;
    const sections = sectionsUsed.get(chapter.chapter) ?? [];
    sources.push({
      id,
      title: edition.source.title,
      publisher: edition.publisher,
      edition: edition.source.edition,
      year: String(edition.source.year),
      locator: `${chapter.title} chapter (MCS chapter "${chapter.chapter}"), data-release sections: ${sections.join('; ')} (file ${edition.source.file})`,
      url: edition.source.url,
      licence: edition.source.licence,
      notes:
        `Official data release "${edition.title} Data Release" (${edition.source.url.replace('https://doi.org/', 'doi:')}), read by scripts/import-data.ts; publication ${edition.title}, doi:${edition.doi}.` +
        importSourceFootnotes(importSourceNotes.get(chapter.chapter)),
    });
  }
  for (const erratum of ERRATUM_SOURCES.filter((e) => e.edition === edition.id)) {
    const id = `${edition.id}-${erratum.source}`;
    if (!sourcesUsed.has(id)) continue;
    sources.push({
      id,
      title: erratum.title,
      publisher: edition.publisher,
      edition: edition.source.edition,
      year: String(erratum.year),
      locator: erratum.locator,
      url: erratum.url,
      licence: edition.source.licence,
      notes: erratum.notes,
    });
  }
  return {
    minerals: [...minerals].sort().map((id) => {
      const m = MINERAL_ROWS[id] ?? missing(`mineral ${id} has no row in MINERAL_ROWS`);
      return { id, name: m.name, symbol: m.symbol, description: m.description };
    }),
    bases: [...bases].sort().map((id) => {
      const b = BASIS_ROWS[id] ?? missing(`basis ${id} has no row in BASIS_ROWS`);
      return { id, mineral: b.mineral, stage: b.stage, label: b.label, description: b.description, priority: String(b.priority) };
    }),
    countries: [...countriesUsed].sort().map(([iso3, usgsName]) => {
      const c = COUNTRY_ROWS[iso3] ?? missing(`country ${iso3} has no row in COUNTRY_ROWS`);
      return { iso3, name: c.name, aliases: usgsName, region: c.region, is_aggregate: bool(c.is_aggregate), usgsName };
    }),
    editions: [editionRow(edition)],
    sources,
  };
}

/** The edition's row of editions.csv: the spec without what only the importer uses. */
function editionRow({ newestDataYear: _newest, source: _source, ...row }: EditionSpec): Row {
  return row;
}
