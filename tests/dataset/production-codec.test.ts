import { describe, expect, it } from 'vitest';
import { csvRecordOfFigure, figureOfRecord, figureOfRow, keyOfRow, recordOfRow, rowOfRecord } from '../../src/dataset/production-codec.js';
import { ProductionRow } from '../../src/dataset/tables.js';

/** Tungsten mine production, Viet Nam 2024, as MCS 2025 published it, in the three shapes. */
const row = {
  mineral: 'tungsten',
  stage: 'mining',
  country: 'VNM',
  year: 2024,
  basis: 'w-contained',
  tonnes: 3400,
  edition: 'usgs-mcs-2025',
  source: 'usgs-mcs-2025-tungsten',
  estimated: true,
  withheld: false,
  lower_bound: false,
};
const record = {
  id: 7,
  mineralId: 'tungsten',
  stageId: 'mining',
  country: 'VNM',
  year: 2024,
  basisId: 'w-contained',
  tonnes: 3400,
  edition: 'usgs-mcs-2025',
  sourceId: 'usgs-mcs-2025-tungsten',
  estimated: true,
  withheld: false,
  lowerBound: false,
};
const figure = {
  mineral: 'tungsten',
  stage: 'mining',
  country: 'VNM',
  year: 2024,
  basis: 'w-contained',
  tonnes: 3400,
  edition: 'usgs-mcs-2025',
  sourceId: 'usgs-mcs-2025-tungsten',
  estimated: true,
  withheld: false,
  lowerBound: false,
};

describe('the production-row codec', () => {
  it('maps a loader row to the record the loader and the writes insert, and back', () => {
    const { id: _id, ...insert } = record;
    expect(recordOfRow(row)).toEqual(insert);
    expect(rowOfRecord(record)).toEqual(row);
  });

  it('maps a row and a record to the same figure, in the order the change feed stores it', () => {
    expect(figureOfRow(row)).toEqual(figure);
    expect(JSON.stringify(figureOfRecord(record))).toBe(JSON.stringify(figure));
    expect(JSON.stringify(figureOfRow(row))).toBe(
      '{"mineral":"tungsten","stage":"mining","country":"VNM","year":2024,"basis":"w-contained","tonnes":3400,' +
        '"edition":"usgs-mcs-2025","sourceId":"usgs-mcs-2025-tungsten","estimated":true,"withheld":false,"lowerBound":false}',
    );
  });

  it('turns a figure a write sends into the CSV record the loader parses, and the loader row schema gets the row back', () => {
    expect(csvRecordOfFigure(figure)).toEqual({
      mineral: 'tungsten',
      stage: 'mining',
      country: 'VNM',
      year: '2024',
      basis: 'w-contained',
      tonnes: '3400',
      edition: 'usgs-mcs-2025',
      source: 'usgs-mcs-2025-tungsten',
      estimated: 'true',
      withheld: 'false',
      lower_bound: 'false',
    });
    expect(ProductionRow.parse(csvRecordOfFigure(figure))).toEqual(row);
  });

  it('leaves flags a write omits and a withheld figure’s tonnes as empty cells', () => {
    const { estimated: _e, withheld: _w, lowerBound: _l, ...bare } = figure;
    const record = csvRecordOfFigure({ ...bare, tonnes: null, withheld: true });
    expect(record).toMatchObject({ tonnes: '', estimated: '', withheld: 'true', lower_bound: '' });
    expect(ProductionRow.parse(record)).toEqual({ ...row, tonnes: null, estimated: false, withheld: true });
  });

  it('keys a row by (mineral, stage, country, year, basis, edition)', () => {
    expect(keyOfRow(row)).toEqual({
      mineral: 'tungsten',
      stage: 'mining',
      country: 'VNM',
      year: 2024,
      basis: 'w-contained',
      edition: 'usgs-mcs-2025',
    });
  });
});
