import type { ProductionFigure } from '../domain/supply.js';
import type * as schema from '../db/schema.js';
import type { ProductionRow } from './tables.js';

/**
 * The one production-row codec. A production figure has three shapes, and every mapping between them is here:
 * - the row: data/production.csv parsed by the loader's row schema (`mineral`, `source`, `lower_bound`; tables.ts);
 * - the record: the `production` table (`mineralId`, `basisId`, `sourceId`, `lowerBound`; db/schema.ts);
 * - the figure: the API's and the domain's (`mineral`, `basis`, `sourceId`, `lowerBound`; ProductionFigure,
 *   writes' ProductionValue), in the order the change feed has always stored it.
 * The loader writes rows as records, the snapshot reads records as figures, and the writes parse figures into rows
 * (the loader's rules), store them as records and record figures in the change feed.
 */

export type ProductionRecord = typeof schema.production.$inferSelect;
export type ProductionInsert = Omit<typeof schema.production.$inferInsert, 'id'>;

/** A figure's identity: one value per (mineral, stage, country, year, basis, edition). */
export interface ProductionKey {
  mineral: string;
  stage: string;
  country: string;
  year: number;
  basis: string;
  edition: string;
}

/** Row → record (the loader's and the writes' insert). */
export function recordOfRow(row: ProductionRow): ProductionInsert {
  return {
    mineralId: row.mineral,
    stageId: row.stage,
    country: row.country,
    year: row.year,
    basisId: row.basis,
    tonnes: row.tonnes,
    edition: row.edition,
    sourceId: row.source,
    estimated: row.estimated,
    withheld: row.withheld,
    lowerBound: row.lower_bound,
  };
}

/** Record → row, so stored figures are checked by the loader's rules next to the rows a write sends. */
export function rowOfRecord(record: ProductionRecord): ProductionRow {
  return {
    mineral: record.mineralId,
    stage: record.stageId,
    country: record.country,
    year: record.year,
    basis: record.basisId,
    tonnes: record.tonnes,
    edition: record.edition,
    source: record.sourceId,
    estimated: record.estimated,
    withheld: record.withheld,
    lower_bound: record.lowerBound,
  };
}

/** Row → figure. */
export function figureOfRow(row: ProductionRow): ProductionFigure {
  return {
    mineral: row.mineral,
    stage: row.stage,
    country: row.country,
    year: row.year,
    basis: row.basis,
    tonnes: row.tonnes,
    edition: row.edition,
    sourceId: row.source,
    estimated: row.estimated,
    withheld: row.withheld,
    lowerBound: row.lower_bound,
  };
}

/** Record → figure (the snapshot's figures; a stored record in the change feed). */
export function figureOfRecord(record: ProductionRecord): ProductionFigure {
  return figureOfRow(rowOfRecord(record));
}

/** The key of a row. */
export function keyOfRow(row: ProductionRow): ProductionKey {
  return { mineral: row.mineral, stage: row.stage, country: row.country, year: row.year, basis: row.basis, edition: row.edition };
}

/** The figure fields a write may send; flags left out are false, as in an empty CSV cell. */
export type FigureInput = Omit<ProductionFigure, 'tonnes' | 'estimated' | 'withheld' | 'lowerBound'> & {
  tonnes?: number | null | undefined;
  estimated?: boolean | undefined;
  withheld?: boolean | undefined;
  lowerBound?: boolean | undefined;
};

const cell = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));
const flagCell = (value: boolean | undefined): string => (value === undefined ? '' : String(value));

/** Figure → the CSV record the loader parses (every cell a string, '' for "no value"): writes pass the loader's row schema. */
export function csvRecordOfFigure(figure: FigureInput): Record<string, string> {
  return {
    mineral: figure.mineral,
    stage: figure.stage,
    country: figure.country,
    year: cell(figure.year),
    basis: figure.basis,
    tonnes: cell(figure.tonnes),
    edition: cell(figure.edition),
    source: figure.sourceId,
    estimated: flagCell(figure.estimated),
    withheld: flagCell(figure.withheld),
    lower_bound: flagCell(figure.lowerBound),
  };
}

/** Row field → figure field, where they differ (for error paths in the API's names). */
export const FIGURE_FIELD_OF_ROW_FIELD: Readonly<Record<string, string>> = { source: 'sourceId', lower_bound: 'lowerBound' };
