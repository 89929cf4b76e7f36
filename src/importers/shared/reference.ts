import type { Row } from './csv.js';
import { ImportError } from './errors.js';
import { idsOf, tableRows, type Tables } from './importer.js';

/**
 * The project's reference transcriptions (data/curated/reference/): figures the reference step copied from public
 * copies of the publications, one row per figure, each citing its publication in a `source` text. Shared by the
 * importers that read them (usgs-mcs-history, iea).
 */
export const REFERENCE_DIR = 'data/curated/reference';
export const PRODUCTION_REFERENCE = `${REFERENCE_DIR}/production_all_vintages.csv`;
export const PRODUCTION_REFERENCE_COLUMNS = ['mineral', 'stage', 'iso3', 'year', 'tonnes', 'basis', 'source'];

/** The reference's mineral name (`rare_earths`) → the id in data/minerals.csv, refused when unknown. */
export function mineralOf(tables: Tables, name: string, file: string, line: number): string {
  const id = name === 'rare_earths' ? 'rare-earths' : name;
  if (!idsOf(tables, 'minerals.csv').has(id)) throw new ImportError(file, line, `unknown mineral '${name}'`);
  return id;
}

/** A citation text with its markers read off: `(e)` at the end (estimated) and `[LOWER BOUND …]`. */
export function citationMarkers(raw: string): { text: string; estimated: boolean; lowerBound: boolean } {
  let text = raw.trim();
  const lowerBound = /\[LOWER BOUND[^\]]*\]/.test(text);
  text = text.replace(/\s*\[LOWER BOUND[^\]]*\]/, '');
  const estimated = /\(e\)$/.test(text);
  return { text: text.replace(/\s*\(e\)$/, ''), estimated, lowerBound };
}

/**
 * The basis of a reference figure: the one basis of data/bases.csv for that mineral whose description is the
 * reference's basis text. The reference files titanium sponge under refining; the project under metal.
 */
export function basisOf(tables: Tables, mineral: string, referenceStage: string, text: string, file: string, line: number): Row {
  const matches = tableRows(tables, 'bases.csv').filter((basis) => basis.mineral === mineral && basis.description === text);
  const basis = matches[0];
  if (!basis || matches.length > 1) throw new ImportError(file, line, `no unique basis in data/bases.csv for ${mineral}: '${text}'`);
  const expectedStage = basis.id === 'ti-sponge' ? 'refining' : basis.stage;
  if (expectedStage !== referenceStage)
    throw new ImportError(file, line, `basis ${basis.id}: reference stage '${referenceStage}' unexpected`);
  return basis;
}

/** A non-negative number as printed, refused otherwise. */
export function figureText(value: string, what: string, file: string, line: number): string {
  const text = value.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) throw new ImportError(file, line, `${what} '${value}' is not a non-negative number`);
  return text;
}

/** A country the row names, refused unless data/countries.csv holds it. */
export function countryOf(tables: Tables, iso3: string, file: string, line: number): string {
  if (!idsOf(tables, 'countries.csv', 'iso3').has(iso3))
    throw new ImportError(file, line, `country '${iso3}' is not in data/countries.csv`);
  return iso3;
}
