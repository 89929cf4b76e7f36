/**
 * A workbook (or the heading map) that does not match the importer's tables. The location reads like file:line for a
 * spreadsheet: `file:sheet:row` (row numbers as Excel shows them, 1-based), or `file:line` for the CSV heading map.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly sheet: string | null,
    readonly row: number | null,
    readonly detail: string,
  ) {
    super(`${[file, sheet, row].filter((part) => part !== null).join(':')}: ${detail}`);
    this.name = 'ImportError';
  }
}
